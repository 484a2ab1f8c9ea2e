import { createElement } from "react";
// Icons the menu loads anyway (jobs', opportunities'): the first page is at its size budget.
import { FundOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { REPORTS_PATH, routes } from "./routes";

export const reportsFeature: Feature = {
  name: "reports",
  routes,
  menu: [
    {
      key: "reports",
      path: REPORTS_PATH,
      group: "reports",
      labelKey: "common:menu.entries.reports",
      icon: createElement(FundOutlined),
      permission: "reports:read",
    },
  ],
};
