import { createElement } from "react";
import { TagsOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { CUSTOMER_GROUPS_PATH, routes } from "./routes";

export const customerGroupsFeature: Feature = {
  name: "customer-groups",
  routes,
  menu: [
    {
      key: "customer-groups",
      path: CUSTOMER_GROUPS_PATH,
      group: "customers",
      labelKey: "common:menu.entries.customerGroups",
      icon: createElement(TagsOutlined),
      permission: "customer_groups:read",
    },
  ],
};
