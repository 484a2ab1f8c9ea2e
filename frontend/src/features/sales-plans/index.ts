import { createElement } from "react";
import { AimOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes, SALES_PLANS_PATH } from "./routes";

export const salesPlansFeature: Feature = {
  name: "sales-plans",
  routes,
  menu: [
    {
      key: "sales-plans",
      path: SALES_PLANS_PATH,
      group: "sales",
      labelKey: "common:menu.entries.salesPlans",
      icon: createElement(AimOutlined),
      permission: "sales_plans:read",
    },
  ],
};
