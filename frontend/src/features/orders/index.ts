import { createElement } from "react";
import { ShoppingCartOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { ORDERS_PATH, routes } from "./routes";

/** 销售订单: orders made from accepted quotes (or entered directly), confirmed, delivered and closed. */
export const ordersFeature: Feature = {
  name: "orders",
  routes,
  menu: [{ key: "orders", path: ORDERS_PATH, group: "sales", labelKey: "common:menu.entries.orders", icon: createElement(ShoppingCartOutlined), permission: "orders:read" }],
};
