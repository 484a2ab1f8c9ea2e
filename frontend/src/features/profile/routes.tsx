import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  { path: "/profile", load: () => import("./pages/ProfilePage").then((m) => ({ default: m.ProfilePage })) },
];
