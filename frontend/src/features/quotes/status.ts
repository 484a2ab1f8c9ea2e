import type { components } from "../../api/schema";

type QuoteStatus = components["schemas"]["QuoteStatus"];
type OrderStatus = components["schemas"]["OrderStatus"];
type ContractStatus = components["schemas"]["ContractStatus"];

export const QUOTE_STATUSES: readonly QuoteStatus[] = ["draft", "pending", "sent", "accepted", "rejected", "expired"];
export const ORDER_STATUSES: readonly OrderStatus[] = ["draft", "confirmed", "delivered", "closed", "cancelled"];

/**
 * A status change a document's page offers: where it goes, from which statuses, and whether it
 * asks for a note (`noteRequired`: one must be given, a contract's reason to terminate).
 */
export type TransitionAction<S extends string> = { key: string; to: S; from: readonly S[]; note?: boolean; noteRequired?: boolean; danger?: boolean; primary?: boolean };

/**
 * The quote's life as the server allows it: draft → sent → accepted | rejected | expired; rejected |
 * expired → draft. A draft is also submitted for approval (pending → sent, or back to draft), which
 * the page offers first: it sends at once where no flow applies, and sending directly does not
 * where one does.
 */
export const QUOTE_ACTIONS: readonly TransitionAction<QuoteStatus>[] = [
  { key: "send", to: "sent", from: ["draft"] },
  { key: "accept", to: "accepted", from: ["sent"], primary: true },
  { key: "reject", to: "rejected", from: ["sent"], note: true, danger: true },
  { key: "expire", to: "expired", from: ["sent"], note: true },
  { key: "backToDraft", to: "draft", from: ["rejected", "expired"] },
];

/** The order's life: draft → confirmed → delivered → closed; cancelled from draft or confirmed. */
export const ORDER_ACTIONS: readonly TransitionAction<OrderStatus>[] = [
  { key: "confirm", to: "confirmed", from: ["draft"], primary: true },
  { key: "deliver", to: "delivered", from: ["confirmed"], primary: true },
  { key: "close", to: "closed", from: ["delivered"] },
  { key: "cancel", to: "cancelled", from: ["draft", "confirmed"], note: true, danger: true },
];

/** The actions legal from a status. */
export function actionsFrom<S extends string>(actions: readonly TransitionAction<S>[], status: S): TransitionAction<S>[] {
  return actions.filter((action) => action.from.includes(status));
}

/** A sales document's status: a quote's, an order's or a contract's. */
export type DocStatus = QuoteStatus | OrderStatus | ContractStatus;

export const STATUS_COLORS: Record<DocStatus, string> = {
  draft: "default",
  pending: "gold",
  sent: "processing",
  accepted: "success",
  rejected: "error",
  expired: "warning",
  confirmed: "processing",
  delivered: "cyan",
  closed: "success",
  cancelled: "error",
  active: "success",
  completed: "blue",
  terminated: "error",
  void: "default",
};
