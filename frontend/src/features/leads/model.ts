import type { PermissionCode } from "../../api/types";
import type { Lead, LeadStatus } from "./api";

export { LEADS_PATH } from "./paths";

/** The statuses a user sets by hand; `converted` comes only with a conversion. */
export const EDITABLE_STATUSES = ["new", "contacted", "qualified", "unqualified"] as const satisfies readonly LeadStatus[];
export const STATUSES = [...EDITABLE_STATUSES, "converted"] as const satisfies readonly LeadStatus[];

export const STATUS_COLORS: Record<LeadStatus, string> = {
  new: "blue",
  contacted: "cyan",
  qualified: "green",
  unqualified: "default",
  converted: "purple",
};

/** The list tabs: the user's own leads, the lead pool (no owner), and every lead the user sees. */
export const LEAD_TABS = ["mine", "pool", "all"] as const;
export type LeadTab = (typeof LEAD_TABS)[number];

export function isLeadTab(value: string | undefined): value is LeadTab {
  return value !== undefined && (LEAD_TABS as readonly string[]).includes(value);
}

/** The URL parameters the list reads as filters (the tab is one of them). */
export const LEAD_FILTERS = ["tab", "q", "status", "source", "owner_id"] as const;
export type LeadFilterName = (typeof LEAD_FILTERS)[number];
export type LeadFilterValues = Partial<Record<LeadFilterName, string>>;

function isStatus(value: string | undefined): value is LeadStatus {
  return value !== undefined && (STATUSES as readonly string[]).includes(value);
}

/**
 * The list's query from the URL's filters and tab: "mine" is the owner filter set to the user
 * (it wins over a chosen owner), the pool is `pool=true` (no owner filter there).
 */
export function leadListQuery(values: LeadFilterValues, tab: LeadTab, meId: string | undefined) {
  const q = values.q?.trim();
  const owner = tab === "mine" ? meId : tab === "pool" ? undefined : values.owner_id || undefined;
  return {
    q: q ? q : undefined,
    status: isStatus(values.status) ? values.status : undefined,
    source: values.source || undefined,
    owner_id: owner,
    pool: tab === "pool" ? true : undefined,
  };
}

/** A lead in the pool has no owner. */
export const inPool = (lead: Pick<Lead, "owner_id">) => !lead.owner_id;
export const isConverted = (lead: Pick<Lead, "status" | "converted_at">) => lead.status === "converted" || !!lead.converted_at;

export type LeadAction = "claim" | "release" | "assign" | "edit" | "convert" | "delete";

export const LEAD_ACTION_PERMISSIONS: Record<LeadAction, PermissionCode> = {
  claim: "leads:update",
  release: "leads:update",
  assign: "leads:transfer",
  edit: "leads:update",
  convert: "leads:convert",
  delete: "leads:delete",
};

/**
 * The moves a lead allows for this user: a pooled lead is claimed, the user's own is released;
 * a converted lead is read-only (it may still be deleted by a manager).
 */
export function leadActions(lead: Pick<Lead, "owner_id" | "status" | "converted_at">, meId: string | undefined, can: (p: PermissionCode) => boolean): LeadAction[] {
  const converted = isConverted(lead);
  const actions: LeadAction[] = [];
  if (!converted && inPool(lead)) actions.push("claim");
  if (!converted && !inPool(lead) && lead.owner_id === meId) actions.push("release");
  if (!converted) actions.push("assign", "edit", "convert");
  actions.push("delete");
  return actions.filter((action) => can(LEAD_ACTION_PERMISSIONS[action]));
}

/** Why follow-ups may not be logged on the lead (or corrected there); undefined when they may. */
export type LeadFollowUpBlock = "converted" | "pool" | "readOnly";

/**
 * Follow-ups go on a lead the user may change: a converted one's went to its customer (the next
 * belongs there), a pooled one is claimed first (the server answers 422 otherwise), and the rest
 * follows "edit" (theirs, or in a manager's scope).
 */
export function leadFollowUpBlock(lead: Pick<Lead, "owner_id" | "status" | "converted_at">, meId: string | undefined, can: (p: PermissionCode) => boolean): LeadFollowUpBlock | undefined {
  if (isConverted(lead)) return "converted";
  if (inPool(lead)) return "pool";
  return leadActions(lead, meId, can).includes("edit") ? undefined : "readOnly";
}
