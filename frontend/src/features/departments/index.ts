import { createElement } from "react";
import { ApartmentOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";

export const departmentsFeature: Feature = {
  name: "departments",
  routes,
  menu: [{ key: "departments", path: "/system/departments", group: "system", labelKey: "common:menu.entries.departments", icon: createElement(ApartmentOutlined), permission: "departments:read" }],
};
