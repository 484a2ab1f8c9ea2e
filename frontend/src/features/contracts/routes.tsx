import type { FeatureRoute } from "../../app/registry";
import { CONTRACTS_PATH } from "./paths";

export { CONTRACTS_PATH };

// The contract pages load when opened, in the sales documents' chunk (they share its line editor,
// tags and figures); nothing here joins the first page but these few lines.
const pages = () => import("../quotes/pages/salesDocPages");

export const routes: FeatureRoute[] = [
  { path: CONTRACTS_PATH, load: () => pages().then((m) => ({ default: m.ContractsPage })), permission: "contracts:read" },
  { path: `${CONTRACTS_PATH}/:id`, load: () => pages().then((m) => ({ default: m.ContractDetailPage })), permission: "contracts:read" },
];
