import { createElement } from "react";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";

export const rolesFeature: Feature = {
  name: "roles",
  routes,
  menu: [{ key: "roles", path: "/system/roles", group: "system", labelKey: "common:menu.entries.roles", icon: createElement(SafetyCertificateOutlined), permission: "roles:read" }],
};
