import { createElement } from "react";
import { BookOutlined, FundOutlined, ProjectOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { BOARD_PATH, OPPORTUNITIES_PATH, routes, STAGES_PATH } from "./routes";
import { opportunitySearch } from "./search";

export const opportunitiesFeature: Feature = {
  name: "opportunities",
  routes,
  menu: [
    {
      key: "opportunities",
      path: OPPORTUNITIES_PATH,
      group: "sales",
      labelKey: "common:menu.entries.opportunities",
      icon: createElement(FundOutlined),
      permission: "opportunities:read",
    },
    {
      key: "opportunity-board",
      path: BOARD_PATH,
      group: "sales",
      labelKey: "common:menu.entries.opportunityBoard",
      icon: createElement(ProjectOutlined),
      permission: "opportunities:read",
    },
    {
      key: "pipeline-stages",
      path: STAGES_PATH,
      group: "system",
      labelKey: "common:menu.entries.pipelineStages",
      // A settings list like the dictionaries, with their icon (loaded with the menu anyway).
      icon: createElement(BookOutlined),
      // Everyone in sales may read the stages, but the page is for those who change them.
      permission: "pipeline_stages:update",
    },
  ],
  search: [opportunitySearch],
};
