import { createElement } from "react";
import { CloudServerOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { EXPORTS_PATH, routes } from "./routes";

/** 我的导出: the background exports the user started (they start from a list's export button). */
// The icon is one the menu already loads, so the first page does not grow.
export const exportsFeature: Feature = {
  name: "exports",
  routes,
  menu: [{ key: "exports", path: EXPORTS_PATH, group: "office", labelKey: "common:menu.entries.exports", icon: createElement(CloudServerOutlined), permission: "exports:read" }],
};
