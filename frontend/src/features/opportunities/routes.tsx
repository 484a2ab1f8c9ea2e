import type { FeatureRoute } from "../../app/registry";
import { BOARD_PATH, OPPORTUNITIES_PATH, STAGES_PATH } from "./paths";

export { BOARD_PATH, OPPORTUNITIES_PATH, STAGES_PATH };

// Each page is a chunk of its own: the board (and its drag and drop) loads only when opened.
export const routes: FeatureRoute[] = [
  {
    path: OPPORTUNITIES_PATH,
    load: () => import("./pages/OpportunitiesPage").then((m) => ({ default: m.OpportunitiesPage })),
    permission: "opportunities:read",
  },
  {
    path: BOARD_PATH,
    load: () => import("./pages/OpportunityBoardPage").then((m) => ({ default: m.OpportunityBoardPage })),
    permission: "opportunities:read",
  },
  {
    path: `${OPPORTUNITIES_PATH}/:id`,
    load: () => import("./pages/OpportunityDetailPage").then((m) => ({ default: m.OpportunityDetailPage })),
    permission: "opportunities:read",
  },
  {
    path: STAGES_PATH,
    load: () => import("./pages/PipelineStagesPage").then((m) => ({ default: m.PipelineStagesPage })),
    permission: "pipeline_stages:read",
  },
];
