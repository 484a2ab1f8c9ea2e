import { useTranslation } from "react-i18next";
import type { CustomerGroup } from "../../../api/types";

/** The membership entries' fields: lists of customer ids. */
const MEMBER_FIELDS = new Set(["members_added", "members_removed"]);

/**
 * How a group's history reads. The audit entity is `customer_groups` but the namespace is
 * `customerGroups`, so the labels are named here; a membership change lists customer ids, shown as
 * a count (the ids mean nothing to a reader, and some may be out of their view); the owner, who
 * never changes (the creator keeps the group), by the name the group carries. Other values keep
 * the shared reading.
 */
export function useGroupHistoryText(group: Pick<CustomerGroup, "owner_id" | "owner_name"> | undefined) {
  const { t } = useTranslation();
  const fieldLabel = (field: string) =>
    t(`customerGroups:fields.${field}`, { defaultValue: t(`common:history.field.${field}`, { defaultValue: field }) });
  const valueText = (field: string, value: unknown, empty: string) => {
    if (MEMBER_FIELDS.has(field)) {
      return Array.isArray(value) && value.length > 0 ? t("customerGroups:history.customers", { count: value.length }) : empty;
    }
    if (field === "owner_id" && value === group?.owner_id && group?.owner_name) return group.owner_name;
    return undefined;
  };
  return { fieldLabel, valueText };
}
