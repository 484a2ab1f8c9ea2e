import type { TFunction } from "i18next";

/** What an attempt came to: a 2xx answer, or not. */
export const DELIVERY_STATUSES = ["delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** The status tag of an attempt: green delivered, red failed; a status this SPA does not know as it is. */
export function deliveryStatusView(t: TFunction, status: string): { text: string; color: string } {
  if (!isDeliveryStatus(status)) return { text: status, color: "default" };
  return { text: t(`webhooks:deliveries.status.${status}`), color: status === "delivered" ? "success" : "error" };
}

/** The delivery log's filters as chosen; blank means any. */
export type DeliveryFilters = { status?: string; event?: string };

/** The filters as the log's query: only what is set. */
export function deliveryQuery(filters: DeliveryFilters): DeliveryFilters {
  return {
    ...(filters.status && isDeliveryStatus(filters.status) ? { status: filters.status } : {}),
    ...(filters.event ? { event: filters.event } : {}),
  };
}

/**
 * When the log asks again after a resend (202: the attempt is made by the job worker, which
 * polls every second): soon, and once more for a slow receiver.
 */
export const RESEND_REFRESH_MS = [1_500, 5_000] as const;

/** A reason a target was refused, as the server words it, in the user's language where it has a known form. */
function refusalText(t: TFunction, why: string): string {
  const resolves = /^(\S+) resolves to (\S+), which is not a public address$/.exec(why);
  if (resolves) return t("webhooks:deliveries.errors.resolvesPrivate", { host: resolves[1], ip: resolves[2] });
  const privateIp = /^(\S+) is not a public address$/.exec(why);
  if (privateIp) return t("webhooks:deliveries.errors.notPublic", { ip: privateIp[1] });
  const local = /^(\S+) is this machine$/.exec(why);
  if (local) return t("webhooks:deliveries.errors.thisMachine", { host: local[1] });
  return why;
}

/**
 * Why an attempt failed, in the user's language: the server writes it in English in a few known
 * forms (the receiver's status and words, no answer in time, no connection, a refused address);
 * the receiver's own words and the network's cause stay as they are, being data, not UI text.
 */
export function deliveryErrorText(t: TFunction, error: string): string {
  const answered = /^the receiver answered (\d+):\s?([\s\S]*)$/.exec(error);
  if (answered) {
    const said = answered[2]?.trim();
    return said ? t("webhooks:deliveries.errors.answeredWith", { status: answered[1], said }) : t("webhooks:deliveries.errors.answered", { status: answered[1] });
  }
  const timeout = /^no answer within (\d+) s/.exec(error);
  if (timeout) return t("webhooks:deliveries.errors.timeout", { n: timeout[1] });
  const failure = /^(cannot connect|a redirect was refused|the request failed)(?::\s?([\s\S]*))?$/.exec(error);
  if (failure) {
    const key = failure[1] === "cannot connect" ? "connect" : failure[1] === "a redirect was refused" ? "redirect" : "request";
    const cause = failure[2]?.trim();
    const head = t(`webhooks:deliveries.errors.${key}`);
    return cause ? t("webhooks:deliveries.errors.withCause", { head, cause }) : head;
  }
  const refused = /^refused: ([\s\S]+)$/.exec(error);
  if (refused?.[1]) return t("webhooks:deliveries.errors.refused", { why: refusalText(t, refused[1]) });
  if (error.startsWith("the signing secret cannot be opened")) return t("webhooks:deliveries.errors.secret");
  return error;
}
