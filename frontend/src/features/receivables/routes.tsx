import type { FeatureRoute } from "../../app/registry";
import { CONTRACT_REMINDERS_PATH, INVOICES_PATH, PAYMENTS_PATH, RECEIVABLES_PATH } from "./paths";

export { CONTRACT_REMINDERS_PATH, INVOICES_PATH, PAYMENTS_PATH, RECEIVABLES_PATH };

// Every page loads when opened, from one chunk (one loader here: the first page is at its size
// budget, and each loader adds its chunks' names to it).
const pages = () => import("./pages/receivablesPages");

export const routes: FeatureRoute[] = [
  { path: PAYMENTS_PATH, load: () => pages().then((m) => ({ default: m.PaymentsPage })), permission: "payments:read" },
  { path: INVOICES_PATH, load: () => pages().then((m) => ({ default: m.InvoicesPage })), permission: "invoices:read" },
  { path: RECEIVABLES_PATH, load: () => pages().then((m) => ({ default: m.ReceivablesPage })), permission: "reports:read" },
  { path: CONTRACT_REMINDERS_PATH, load: () => pages().then((m) => ({ default: m.ContractRemindersPage })), permission: "settings:read" },
];
