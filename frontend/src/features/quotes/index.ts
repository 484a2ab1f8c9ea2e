import { createElement } from "react";
import { FileTextOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { QUOTES_PATH, routes } from "./routes";

/** 报价单: quotes to customers, their PDF, and the orders made from accepted ones. */
export const quotesFeature: Feature = {
  name: "quotes",
  routes,
  menu: [{ key: "quotes", path: QUOTES_PATH, group: "sales", labelKey: "common:menu.entries.quotes", icon: createElement(FileTextOutlined), permission: "quotes:read" }],
};
