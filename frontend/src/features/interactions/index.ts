import { createElement } from "react";
import { HistoryOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";

export const interactionsFeature: Feature = {
  name: "interactions",
  routes,
  menu: [{ key: "interactions", path: "/interactions", group: "customers", labelKey: "common:menu.entries.interactions", icon: createElement(HistoryOutlined), permission: "follow_ups:read" }],
};
