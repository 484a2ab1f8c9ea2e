import { createElement } from "react";
import { BookOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { DICTIONARIES_PATH, routes } from "./routes";

export const dictionariesFeature: Feature = {
  name: "dictionaries",
  routes,
  menu: [{ key: "dictionaries", path: DICTIONARIES_PATH, group: "system", labelKey: "common:menu.entries.dictionaries", icon: createElement(BookOutlined), permission: "dictionaries:read" }],
};
