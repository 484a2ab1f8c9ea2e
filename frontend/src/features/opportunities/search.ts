import { createElement } from "react";
import { FundOutlined } from "@ant-design/icons";
import { api, unwrap } from "../../api/client";
import { SEARCH_PAGE_SIZE, searchSource } from "../../app/search/source";
import type { Opportunity } from "./api";
import { OPPORTUNITIES_PATH } from "./paths";

const join = (...parts: (string | null | undefined)[]) => parts.filter((part) => part && part.trim() !== "").join(" · ");

/** Opportunities by name in the global search (Ctrl+K). */
export const opportunitySearch = searchSource<Opportunity>({
  key: "opportunities",
  labelKey: "common:entities.opportunities",
  matchesKey: "opportunities:palette.matches",
  icon: createElement(FundOutlined),
  permission: "opportunities:read",
  find: (q, signal) =>
    unwrap(api.GET("/api/v1/opportunities", { params: { query: { q, page: 1, page_size: SEARCH_PAGE_SIZE } }, signal })).then((page) => page.items),
  hit: (o) => ({ id: o.id, title: o.name, subtitle: join(o.customer_name, `${o.amount} ${o.currency}`, o.owner_name), path: `${OPPORTUNITIES_PATH}/${o.id}` }),
  create: { labelKey: "opportunities:palette.create", permission: "opportunities:create", path: OPPORTUNITIES_PATH },
});
