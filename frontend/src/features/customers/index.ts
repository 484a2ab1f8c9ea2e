import { createElement } from "react";
import { TeamOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";
import { contactSearch, customerSearch } from "./search";

export const customersFeature: Feature = {
  name: "customers",
  routes,
  menu: [{ key: "customers", path: "/customers", group: "customers", labelKey: "common:menu.entries.customers", icon: createElement(TeamOutlined), permission: "customers:read" }],
  search: [customerSearch, contactSearch],
};
