import { CONTRACTS_PATH } from "../contracts/paths";
import { ORDERS_PATH } from "../orders/paths";
import { QUOTES_PATH } from "./paths";

/**
 * The sales documents: quotes, orders and contracts. Each kind's texts are in the i18n namespace
 * of its name (`quotes:status.draft`), its elements' test ids start with `testId`
 * (`quote-status`, `contract-action-terminate`), and its pages live under `path`.
 */
export type DocKind = "quotes" | "orders" | "contracts";

export const DOC_KINDS: Readonly<Record<DocKind, { testId: string; path: string }>> = {
  quotes: { testId: "quote", path: QUOTES_PATH },
  orders: { testId: "order", path: ORDERS_PATH },
  contracts: { testId: "contract", path: CONTRACTS_PATH },
};
