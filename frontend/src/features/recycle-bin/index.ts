import { createElement } from "react";
import { RestOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { RECYCLE_BIN_PATH, routes } from "./routes";

export const recycleBinFeature: Feature = {
  name: "recycle-bin",
  routes,
  menu: [{ key: "recycle-bin", path: RECYCLE_BIN_PATH, group: "system", labelKey: "common:menu.entries.recycleBin", icon: createElement(RestOutlined), permission: "recycle_bin:read" }],
};
