import { createElement } from "react";
import { AimOutlined } from "@ant-design/icons";
import { api, unwrap } from "../../api/client";
import { SEARCH_PAGE_SIZE, searchSource } from "../../app/search/source";
import type { Lead } from "./api";
import { LEADS_PATH } from "./paths";

const join = (...parts: (string | null | undefined)[]) => parts.filter((part) => part && part.trim() !== "").join(" · ");

/** Leads in the Ctrl+K palette: the server matches name, company, phones and e-mail. */
export const leadSearch = searchSource<Lead>({
  key: "leads",
  labelKey: "common:entities.leads",
  matchesKey: "leads:search.matches",
  icon: createElement(AimOutlined),
  permission: "leads:read",
  find: (q, signal) => unwrap(api.GET("/api/v1/leads", { params: { query: { q, page: 1, page_size: SEARCH_PAGE_SIZE } }, signal })).then((page) => page.items),
  hit: (l) => ({ id: l.id, title: l.name, subtitle: join(l.code, l.company, l.mobile || l.phone, l.owner_name), path: `${LEADS_PATH}/${l.id}` }),
  create: { labelKey: "leads:search.create", permission: "leads:create", path: LEADS_PATH },
});
