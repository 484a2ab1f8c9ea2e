import { useTranslation } from "react-i18next";
import { formatDateTime, formatValue } from "../../../shared/format";
import { useDictionary } from "../api";
import { dictionaryLabel } from "../dictionary";

const TIME_FIELDS = new Set(["last_follow_up_at", "next_follow_up_at", "created_at", "updated_at"]);
const TRANSLATED_FIELDS: Record<string, string> = { kind: "kinds", pool: "pools", deal_status: "dealStatus" };

/**
 * How a customer's history reads: dictionary codes as labels, pools and kinds in words, times as
 * the rest of the page shows them, and the customer module's own verbs (claim, release…).
 */
export function useCustomerHistoryText() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const industries = useDictionary("industry");
  const sources = useDictionary("customer_source");
  const levels = useDictionary("customer_level");
  const dictionaries: Record<string, typeof industries.data> = { industry: industries.data, source: sources.data, level: levels.data };

  const valueText = (field: string, value: unknown, empty: string) => {
    if (value === null || value === undefined || value === "") return empty;
    if (typeof value === "string") {
      if (field in dictionaries) return dictionaryLabel(dictionaries[field], value, language, empty);
      const namespace = TRANSLATED_FIELDS[field];
      if (namespace) return t(`customers:${namespace}.${value}`, { defaultValue: value });
      if (TIME_FIELDS.has(field)) return formatDateTime(value, empty);
    }
    return formatValue(value, empty);
  };
  const actionLabel = (action: string) =>
    t(`customers:history.actions.${action}`, { defaultValue: t(`auditLogs:actions.${action}`, { defaultValue: action }) });

  return { valueText, actionLabel };
}
