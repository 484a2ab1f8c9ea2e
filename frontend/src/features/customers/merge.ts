import type { Customer } from "../../api/types";

/**
 * The fields a merge lets the user choose, in the 360 page's order. The OpenAPI document types
 * `fields` as a free map; these are the names the server accepts (it answers 422 naming any other).
 */
export const MERGE_FIELDS = [
  "name",
  "kind",
  "industry",
  "source",
  "level",
  "province",
  "city",
  "district",
  "address",
  "phone",
  "email",
  "website",
  "tags",
  "remark",
] as const satisfies readonly (keyof Customer)[];
export type MergeField = (typeof MERGE_FIELDS)[number];

export type MergeSide = "this" | "other";
export type MergeChoices = Record<MergeField, MergeSide>;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** Whether both records hold the same value, so there is nothing to choose. */
export function sameValue(a: Customer, b: Customer, field: MergeField): boolean {
  const x = a[field];
  const y = b[field];
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return (isEmpty(x) && isEmpty(y)) || x === y;
}

/** What the server would do unasked: keep this record's value, or take the other's where this one has none. */
export function defaultChoices(current: Customer, other: Customer): MergeChoices {
  return Object.fromEntries(
    MERGE_FIELDS.map((field) => [field, isEmpty(current[field]) && !isEmpty(other[field]) ? "other" : "this"]),
  ) as MergeChoices;
}

/** Every choice is sent, so the result is exactly what the user saw. */
export function mergeFields(choices: MergeChoices): Record<string, string> {
  return { ...choices };
}
