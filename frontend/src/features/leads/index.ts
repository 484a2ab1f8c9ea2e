import { createElement } from "react";
import { AimOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { LEADS_PATH } from "./paths";
import { routes } from "./routes";
import { leadSearch } from "./search";

export const leadsFeature: Feature = {
  name: "leads",
  routes,
  menu: [
    {
      key: "leads",
      path: LEADS_PATH,
      // The sales modules' group (销售管理), where opportunities go too.
      group: "sales",
      labelKey: "common:menu.entries.leads",
      icon: createElement(AimOutlined),
      permission: "leads:read",
    },
  ],
  search: [leadSearch],
};
