import { createElement } from "react";
import { EditOutlined, SwapOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { ORDERS_PATH, QUOTES_PATH, routes } from "./routes";

/**
 * 报价单 and 销售订单: quotes to customers with their PDF, and the sales orders made from accepted
 * quotes (or entered directly). One feature: the pages share their line editor and one chunk.
 */
export const quotesFeature: Feature = {
  name: "quotes",
  routes,
  menu: [
    { key: "quotes", path: QUOTES_PATH, group: "sales", labelKey: "common:menu.entries.quotes", icon: createElement(EditOutlined), permission: "quotes:read" },
    { key: "orders", path: ORDERS_PATH, group: "sales", labelKey: "common:menu.entries.orders", icon: createElement(SwapOutlined), permission: "orders:read" },
  ],
};
