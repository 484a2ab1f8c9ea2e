import { createElement } from "react";
import { ControlOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";

export const poolRulesFeature: Feature = {
  name: "pool-rules",
  routes,
  menu: [{ key: "pool-rules", path: "/pool-rules", group: "customers", labelKey: "common:menu.entries.poolRules", icon: createElement(ControlOutlined), permission: "pool_rules:read" }],
};
