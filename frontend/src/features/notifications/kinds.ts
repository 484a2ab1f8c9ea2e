import { createElement, type ReactNode } from "react";
import { AuditOutlined, BellOutlined, CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, RollbackOutlined, ShareAltOutlined, SwapOutlined, UserAddOutlined } from "@ant-design/icons";
import { dayIn } from "../../shared/timeZone";
import type { Notification } from "./api";

// The bell's kind registry: how each kind of notification reads. The server decides who hears of
// what and sends the particulars (`actor_name`, `record_label`, `data`); the SPA turns them into a
// sentence in the user's language. A module that adds a kind on the server (an approval waiting,
// a payment due) adds one entry here and its texts under `notifications:kinds.<kind>`; until then
// its notifications still show, generically, as their kind and record.

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What a sentence is computed against: the user's zone and the current time (for "10:00" vs "12-05 10:00"). */
export type TextContext = { zone: string; now: Date };

export type KindDefinition = {
  kind: string;
  icon: ReactNode;
  /** The sentence in the language of `t`. */
  text: (n: Notification, t: Translate, context: TextContext) => string;
  /** Where opening it goes, when not to its record's page (`recordPath`). */
  path?: (n: Notification) => string | undefined;
  /** Set on the stand-in for a kind this registry does not know. */
  generic?: true;
};

/** The record's name as the sentence quotes it; a record without one is "unnamed". */
function label(n: Notification, t: Translate): string {
  return n.record_label || t("notifications:unnamed");
}

/** A string field of the kind's `data`, if the server sent one. */
export function dataField(n: Notification, field: string): string | undefined {
  const data = n.data;
  if (typeof data !== "object" || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A sentence with the actor when someone acted (`<key>.byActor`) and without when the server's own
 * job did (`<key>.bySystem`).
 */
function withActor(key: string) {
  return (n: Notification, t: Translate) =>
    n.actor_name ? t(`${key}.byActor`, { actor: n.actor_name, label: label(n, t) }) : t(`${key}.bySystem`, { label: label(n, t) });
}

/** A number field of the kind's `data` (days left, an instalment's number), if the server sent one. */
export function dataNumber(n: Notification, field: string): number | undefined {
  const data = n.data;
  if (typeof data !== "object" || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** A decimal string with thousands separators, digits only (no float): "25000.00" → "25,000.00". */
export function groupedAmount(amount: string): string {
  const [whole = "", fraction] = amount.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * An instalment falling due or overdue: its contract and number (the label), the due date and what
 * it still owes (`<key>.withAmount`), or just the label when the data is missing (`<key>.plain`).
 */
function instalmentText(key: string) {
  return (n: Notification, t: Translate) => {
    const date = dataField(n, "due_date");
    const owed = dataField(n, "outstanding_amount");
    return date && owed ? t(`${key}.withAmount`, { label: label(n, t), date, amount: groupedAmount(owed) }) : t(`${key}.plain`, { label: label(n, t) });
  };
}

/** Reasons the server writes itself, in English; shown translated. A reason a person typed stays as typed. */
const SYSTEM_REASONS: Record<string, string> = {
  "pool rules: neglected": "notifications:reasons.neglected",
};

function reasonText(reason: string, t: Translate): string {
  const key = SYSTEM_REASONS[reason];
  return key ? t(key) : reason;
}

const DATE_PARTS = new Map<string, Intl.DateTimeFormat>();

/** "10:00" for a time today in `zone`, "12-05 10:00" for another day. */
export function clockText(at: string, context: TextContext): string | undefined {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return undefined;
  let format = DATE_PARTS.get(context.zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: context.zone, hourCycle: "h23", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    DATE_PARTS.set(context.zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(when).map((p) => [p.type, p.value]));
  const clock = `${parts.hour}:${parts.minute}`;
  const today = dayIn(context.now, context.zone);
  const sameDay = when >= today.start && when < today.end;
  return sameDay ? clock : `${parts.month}-${parts.day} ${clock}`;
}

/**
 * An approval's sentence names the document by its type (报价单 QT-…): `<key>.byActor` when someone
 * acted (submitted, approved the step before, rejected), `<key>.bySystem` when a rule did.
 */
function approvalText(key: string) {
  return (n: Notification, t: Translate) => {
    const type = dataField(n, "doc_type");
    const values = { label: label(n, t), doc: type ? t(`notifications:docTypes.${type}`, { defaultValue: type }) : t("notifications:docTypes.document") };
    return n.actor_name ? t(`${key}.byActor`, { ...values, actor: n.actor_name }) : t(`${key}.bySystem`, values);
  };
}

const KINDS: KindDefinition[] = [
  {
    kind: "customer.assigned",
    icon: createElement(UserAddOutlined),
    text: withActor("notifications:kinds.customer.assigned"),
  },
  {
    kind: "customer.transferred",
    icon: createElement(SwapOutlined),
    text: withActor("notifications:kinds.customer.transferred"),
  },
  {
    kind: "customer.returned",
    icon: createElement(RollbackOutlined),
    text: (n, t) => {
      const reason = dataField(n, "reason");
      return reason
        ? t("notifications:kinds.customer.returned.withReason", { label: label(n, t), reason: reasonText(reason, t) })
        : t("notifications:kinds.customer.returned.plain", { label: label(n, t) });
    },
  },
  {
    kind: "customer.shared",
    icon: createElement(ShareAltOutlined),
    text: (n, t) => {
      const access = dataField(n, "access") === "edit" ? t("notifications:access.edit") : t("notifications:access.read");
      const values = { label: label(n, t), access };
      return n.actor_name ? t("notifications:kinds.customer.shared.byActor", { ...values, actor: n.actor_name }) : t("notifications:kinds.customer.shared.bySystem", values);
    },
  },
  {
    kind: "drive.shared",
    icon: createElement(ShareAltOutlined),
    text: (n, t) => {
      const access = dataField(n, "access") === "edit" ? t("notifications:access.edit") : t("notifications:access.read");
      const what = dataField(n, "item") === "folder" ? t("notifications:drive.folder") : t("notifications:drive.file");
      const values = { label: label(n, t), access, what };
      return n.actor_name ? t("notifications:kinds.drive.shared.byActor", { ...values, actor: n.actor_name }) : t("notifications:kinds.drive.shared.bySystem", values);
    },
  },
  {
    kind: "follow_up.due",
    icon: createElement(ClockCircleOutlined),
    text: (n, t, context) => {
      const due = dataField(n, "due_at");
      const time = due ? clockText(due, context) : undefined;
      return time
        ? t("notifications:kinds.follow_up.due.withTime", { label: label(n, t), time })
        : t("notifications:kinds.follow_up.due.plain", { label: label(n, t) });
    },
  },
  {
    kind: "contract.ending",
    icon: createElement(ClockCircleOutlined),
    text: (n, t) => {
      const date = dataField(n, "end_date");
      const days = dataNumber(n, "days_left");
      if (!date) return t("notifications:kinds.contract.ending.plain", { label: label(n, t) });
      if (days === 0) return t("notifications:kinds.contract.ending.today", { label: label(n, t) });
      if (days === 1) return t("notifications:kinds.contract.ending.tomorrow", { label: label(n, t), date });
      return days === undefined
        ? t("notifications:kinds.contract.ending.onDate", { label: label(n, t), date })
        : t("notifications:kinds.contract.ending.withDays", { label: label(n, t), date, days });
    },
  },
  {
    kind: "payment_plan.due",
    icon: createElement(ClockCircleOutlined),
    text: instalmentText("notifications:kinds.payment_plan.due"),
  },
  {
    kind: "payment_plan.overdue",
    // Icons this list already has: a new one would reshuffle the first page's chunks.
    icon: createElement(CloseCircleOutlined),
    text: instalmentText("notifications:kinds.payment_plan.overdue"),
  },
  {
    kind: "approval.requested",
    icon: createElement(AuditOutlined),
    text: approvalText("notifications:kinds.approval.requested"),
  },
  {
    kind: "approval.approved",
    icon: createElement(CheckCircleOutlined),
    text: approvalText("notifications:kinds.approval.approved"),
  },
  {
    kind: "approval.rejected",
    icon: createElement(CloseCircleOutlined),
    text: approvalText("notifications:kinds.approval.rejected"),
  },
  {
    kind: "export.ready",
    icon: createElement(CheckCircleOutlined),
    text: (n, t) => t("notifications:kinds.export.ready", { label: label(n, t) }),
    // The folder the file is in (导出), rather than the list of what others share.
    path: (n) => {
      const folder = dataField(n, "folder_id");
      return folder ? `/drive?folder=${folder}` : "/exports";
    },
  },
  {
    kind: "export.failed",
    icon: createElement(CloseCircleOutlined),
    text: (n, t) => t("notifications:kinds.export.failed", { list: t(`exports:lists.${dataField(n, "list") ?? ""}`, { defaultValue: label(n, t) }) }),
    path: () => "/exports",
  },
];

const BY_KIND = new Map(KINDS.map((definition) => [definition.kind, definition]));

/** The kinds this SPA knows, in the registry's order. */
export const KNOWN_KINDS = KINDS.map((definition) => definition.kind);

/** A readable stand-in for a kind nobody translated: `approval.waiting` → "approval · waiting". */
export function fallbackKind(kind: string): string {
  return kind
    .split(".")
    .map((part) => part.replace(/_/g, " "))
    .join(" · ");
}

/**
 * How a notification of `kind` reads. A kind the registry does not know (a module newer than this
 * SPA) says what it is and which record: "approval · waiting: 年度框架采购", with who acted if anyone.
 */
export function kindDefinition(kind: string): KindDefinition {
  return (
    BY_KIND.get(kind) ?? {
      kind,
      icon: createElement(BellOutlined),
      generic: true,
      text: (n, t) => {
        const values = { kind: fallbackKind(n.kind), label: n.record_label ?? "" };
        const key = n.record_label ? "notifications:generic.withLabel" : "notifications:generic.plain";
        return n.actor_name ? t(`${key}ByActor`, { ...values, actor: n.actor_name }) : t(key, values);
      },
    }
  );
}

/** The notification's sentence in the language of `t`. */
export function notificationText(n: Notification, t: Translate, context: TextContext): string {
  return kindDefinition(n.kind).text(n, t, context);
}
