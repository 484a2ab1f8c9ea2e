import { createElement } from "react";
import { ShopOutlined } from "@ant-design/icons";
import { api, unwrap } from "../../api/client";
import type { Supplier } from "../../api/types";
import { SEARCH_PAGE_SIZE, searchSource } from "../../app/search/source";
import { SUPPLIERS_PATH } from "./routes";

export const supplierSearch = searchSource<Supplier>({
  key: "suppliers",
  labelKey: "common:entities.suppliers",
  matchesKey: "suppliers:search.matches",
  icon: createElement(ShopOutlined),
  permission: "suppliers:read",
  find: (q, signal) =>
    unwrap(api.GET("/api/v1/suppliers", { params: { query: { q, page: 1, page_size: SEARCH_PAGE_SIZE } }, signal })).then((page) => page.items),
  hit: (s) => ({
    id: s.id,
    title: s.name,
    subtitle: [s.number, [s.province, s.city].filter(Boolean).join(""), s.contact].filter(Boolean).join(" · "),
    path: `${SUPPLIERS_PATH}/${s.id}`,
  }),
});
