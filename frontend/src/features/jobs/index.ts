import { createElement } from "react";
import { FieldTimeOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { JOBS_PATH, routes } from "./routes";

export const jobsFeature: Feature = {
  name: "jobs",
  routes,
  menu: [{ key: "jobs", path: JOBS_PATH, group: "system", labelKey: "common:menu.entries.jobs", icon: createElement(FieldTimeOutlined), permission: "jobs:read" }],
};
