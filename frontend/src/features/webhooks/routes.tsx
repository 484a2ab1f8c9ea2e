import type { FeatureRoute } from "../../app/registry";

export const WEBHOOKS_PATH = "/system/webhooks";

export const routes: FeatureRoute[] = [
  {
    path: WEBHOOKS_PATH,
    load: () => import("./pages/WebhooksPage").then((m) => ({ default: m.WebhooksPage })),
    permission: "webhooks:read",
  },
  {
    path: `${WEBHOOKS_PATH}/:id`,
    load: () => import("./pages/WebhookDetailPage").then((m) => ({ default: m.WebhookDetailPage })),
    permission: "webhooks:read",
  },
];
