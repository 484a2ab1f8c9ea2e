import { createElement } from "react";
// Icons the menu loads anyway (jobs', opportunities'): the first page is at its size budget.
import { FieldTimeOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes, WEEKLY_REPORTS_PATH } from "./routes";

export const weeklyReportsFeature: Feature = {
  name: "weekly-reports",
  routes,
  menu: [
    {
      key: "weekly-reports",
      path: WEEKLY_REPORTS_PATH,
      group: "sales",
      labelKey: "common:menu.entries.weeklyReports",
      icon: createElement(FieldTimeOutlined),
      permission: "sales_plans:read",
    },
  ],
};
