import { createElement } from "react";
import { SwapOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { IMPORTS_PATH, routes } from "./routes";

/** 我的导入: the file imports the user started (the wizard itself opens from the list pages). */
// The icon is one the menu already loads (data coming in from elsewhere), so the first page does not grow.
export const importsFeature: Feature = {
  name: "imports",
  routes,
  menu: [{ key: "imports", path: IMPORTS_PATH, group: "office", labelKey: "common:menu.entries.imports", icon: createElement(SwapOutlined), permission: "imports:read" }],
};
