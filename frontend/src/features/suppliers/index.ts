import { createElement } from "react";
import { ShopOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes, SUPPLIERS_PATH } from "./routes";
import { supplierSearch } from "./search";

export const suppliersFeature: Feature = {
  name: "suppliers",
  routes,
  menu: [{ key: "suppliers", path: SUPPLIERS_PATH, group: "products", labelKey: "common:menu.entries.suppliers", icon: createElement(ShopOutlined), permission: "suppliers:read" }],
  search: [supplierSearch],
};
