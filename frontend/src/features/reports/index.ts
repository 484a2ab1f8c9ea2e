import { createElement } from "react";
import { BarChartOutlined } from "@ant-design/icons";
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
      icon: createElement(BarChartOutlined),
      permission: "reports:read",
    },
  ],
};
