import { createElement } from "react";
import { UserOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";

export const usersFeature: Feature = {
  name: "users",
  routes,
  menu: [{ key: "users", path: "/system/users", group: "system", labelKey: "common:menu.entries.users", icon: createElement(UserOutlined), permission: "users:read" }],
};
