import type { DictionaryItem } from "../../api/types";

export const DICTIONARY_KINDS = ["industry", "customer_source", "customer_level", "follow_up_type"] as const;
export type DictionaryKind = (typeof DICTIONARY_KINDS)[number];

/** The label in the UI language: Chinese for any `zh*` language, English otherwise. */
export function itemLabel(item: DictionaryItem, language: string): string {
  return language.toLowerCase().startsWith("zh") ? item.label_zh : item.label_en;
}

/**
 * The label for a code on a record. A disabled entry still has its label; a code the dictionary
 * no longer knows shows as the code itself.
 */
export function dictionaryLabel(items: readonly DictionaryItem[] | undefined, code: string | null | undefined, language: string, none = "—"): string {
  if (!code) return none;
  const item = items?.find((i) => i.code === code);
  return item ? itemLabel(item, language) : code;
}

/**
 * Options for a picker: enabled entries in sort order, plus the record's current value when it is
 * disabled, so editing an old record does not blank the field.
 */
export function dictionaryOptions(items: readonly DictionaryItem[] | undefined, language: string, current?: string | null): { value: string; label: string }[] {
  return [...(items ?? [])]
    .filter((item) => item.enabled || item.code === current)
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((item) => ({ value: item.code, label: itemLabel(item, language) }));
}
