import { createElement, type ReactNode } from "react";
import { AppstoreOutlined, ClockCircleOutlined, ExclamationCircleOutlined, FundOutlined, HistoryOutlined, UserAddOutlined, WarningOutlined } from "@ant-design/icons";
import type { PermissionCode } from "../../api/types";
import type { TimeStyle } from "./relativeTime";
import { customerListUrl, opportunityListUrl, weekStartDate, type ListScope } from "./viewAll";

// The home page's card registry. The server decides which cards a user gets (by permission) and
// what is in them; the SPA decides how each looks and what it offers. A module that adds a card on
// the server (pipeline, approvals, payments due) adds one entry here and its texts under
// `workbench:cards.<key>`; until then its card still shows, generically.

/** What the card's links are computed against. */
export type CardContext = ListScope & { now: Date; zone: string };

export type CardDefinition = {
  key: string;
  /** i18n key of the title (`workbench:cards.<key>.title`). */
  title: string;
  /** i18n key of what an empty card says. */
  empty: string;
  icon: ReactNode;
  /** The colour of the count: red for what is late, orange for what is about to be. */
  tone: "danger" | "warning" | "normal";
  time: TimeStyle;
  /** The one-click action on each item, and the permission it takes. */
  action?: { kind: "follow_up"; permission: PermissionCode };
  /** The list holding all of the card's records, if there is one. */
  viewAll?: (context: CardContext) => string;
  /** Items of several record types: each says which it is ("客户", "供应商"). */
  mixed?: true;
  /** Set on the stand-in for a key this registry does not know. */
  generic?: true;
};

const followUp = { kind: "follow_up", permission: "follow_ups:create" } as const;

function texts(key: string): Pick<CardDefinition, "title" | "empty"> {
  return { title: `workbench:cards.${key}.title`, empty: `workbench:cards.${key}.empty` };
}

const CARDS: CardDefinition[] = [
  {
    key: "customers.follow_ups_overdue",
    ...texts("customers.follow_ups_overdue"),
    icon: createElement(ExclamationCircleOutlined),
    tone: "danger",
    time: "overdue",
    action: followUp,
    viewAll: (c) => customerListUrl({ quick: "overdue", sort: "next_follow_up_at" }, c),
  },
  {
    key: "customers.follow_ups_due_today",
    ...texts("customers.follow_ups_due_today"),
    icon: createElement(ClockCircleOutlined),
    tone: "warning",
    time: "due",
    action: followUp,
    viewAll: (c) => customerListUrl({ quick: "due_today", sort: "next_follow_up_at" }, c),
  },
  {
    // Oldest first: how long each has waited for the user's decision.
    key: "approvals.waiting_for_me",
    ...texts("approvals.waiting_for_me"),
    icon: createElement(ClockCircleOutlined),
    tone: "warning",
    time: "ago",
    viewAll: () => "/approvals",
  },
  {
    // Instalments overdue or falling due soon, soonest first; the amount is what they still owe.
    key: "payments.due",
    ...texts("payments.due"),
    icon: createElement(ExclamationCircleOutlined),
    tone: "danger",
    time: "due",
    viewAll: () => "/receivables",
  },
  {
    key: "customers.returning_to_pool",
    ...texts("customers.returning_to_pool"),
    icon: createElement(WarningOutlined),
    tone: "warning",
    time: "returning",
    action: followUp,
    // The list has no "returns by" filter; longest without contact first is the same order.
    viewAll: (c) => customerListUrl({ sort: "last_follow_up_at" }, c),
  },
  {
    key: "customers.new_this_week",
    ...texts("customers.new_this_week"),
    icon: createElement(UserAddOutlined),
    tone: "normal",
    time: "ago",
    viewAll: (c) => customerListUrl({ created_at_from: weekStartDate(c.now, c.zone), sort: "-created_at" }, c),
  },
  {
    key: "opportunities.closing_this_month",
    ...texts("opportunities.closing_this_month"),
    // Icons the first page loads anyway (the menu's, the other cards'): it is near its budget.
    icon: createElement(ClockCircleOutlined),
    tone: "warning",
    time: "due",
    viewAll: (c) => opportunityListUrl({ status: "open", sort: "expected_close_date" }, c),
  },
  {
    key: "opportunities.expired",
    ...texts("opportunities.expired"),
    icon: createElement(ExclamationCircleOutlined),
    tone: "danger",
    time: "overdue",
    viewAll: (c) => opportunityListUrl({ expired: "true", sort: "expected_close_date" }, c),
  },
  {
    key: "opportunities.pipeline",
    ...texts("opportunities.pipeline"),
    icon: createElement(FundOutlined),
    tone: "normal",
    time: "due",
    viewAll: (c) => opportunityListUrl({ status: "open", sort: "-amount" }, c),
  },
  {
    key: "opportunities.won_this_month",
    ...texts("opportunities.won_this_month"),
    icon: createElement(FundOutlined),
    tone: "normal",
    time: "ago",
    viewAll: (c) => opportunityListUrl({ status: "won", sort: "-updated_at" }, c),
  },
  {
    key: "recent.changed_by_me",
    ...texts("recent.changed_by_me"),
    icon: createElement(HistoryOutlined),
    tone: "normal",
    time: "ago",
    mixed: true,
  },
];

const BY_KEY = new Map(CARDS.map((card) => [card.key, card]));

/** The order cards take on the page: the registry's, then unknown ones as the server sent them. */
export function cardOrder(key: string): number {
  const index = CARDS.findIndex((card) => card.key === key);
  return index < 0 ? CARDS.length : index;
}

/**
 * How the card with `key` shows. A key the registry does not know (a module newer than this SPA)
 * gets a plain card: its title from `workbench:cards.<key>.title` if translated, else the key.
 */
export function cardDefinition(key: string): CardDefinition {
  return BY_KEY.get(key) ?? { key, ...texts(key), icon: createElement(AppstoreOutlined), tone: "normal", time: "ago", mixed: true, generic: true };
}

/** A readable stand-in title for a key nobody translated: `pipeline.deals_closing` → "pipeline · deals closing". */
export function fallbackTitle(key: string): string {
  return key
    .split(".")
    .map((part) => part.replace(/_/g, " "))
    .join(" · ");
}
