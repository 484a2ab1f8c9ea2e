import { createElement } from "react";
import { ShoppingOutlined } from "@ant-design/icons";
import { api, unwrap } from "../../api/client";
import type { Product } from "../../api/types";
import { SEARCH_PAGE_SIZE, searchSource } from "../../app/search/source";
import { PRODUCTS_PATH } from "./routes";

/** Products have no page of their own; one opens as the product list filtered to its code. */
export const productSearch = searchSource<Product>({
  key: "products",
  labelKey: "common:entities.products",
  matchesKey: "products:search.matches",
  icon: createElement(ShoppingOutlined),
  permission: "products:read",
  find: (q, signal) =>
    unwrap(api.GET("/api/v1/products", { params: { query: { q, page: 1, page_size: SEARCH_PAGE_SIZE } }, signal })).then((page) => page.items),
  hit: (p) => ({
    id: p.id,
    title: p.name,
    subtitle: [p.code, p.category_name].filter(Boolean).join(" · "),
    path: `${PRODUCTS_PATH}?${new URLSearchParams({ q: p.code })}`,
  }),
});
