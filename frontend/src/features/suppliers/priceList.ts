import dayjs, { type Dayjs } from "dayjs";
import type { FieldProblem } from "../../api/problem";
import { DEFAULT_CURRENCY, normalizePrice } from "../products/money";

/** The date format of `valid_from` / `valid_to` on the wire. */
export const DATE_FORMAT = "YYYY-MM-DD";

/** One price as the API lists it (SupplierPrice has these fields). */
export type PriceLike = {
  product_id: string;
  product_code?: string | null;
  product_name?: string | null;
  price: string;
  currency?: string | null;
  valid_from: string;
  valid_to?: string | null;
  remark?: string | null;
};

/** One editable row of the price list form (Form.List "items"). */
export type PriceRow = {
  /** Stable React key; new rows get a fresh one. */
  key: string;
  product_id?: string;
  /** "name (code)", so a saved product shows before any search. */
  product_label?: string;
  price?: string;
  currency?: string;
  valid_from?: Dayjs | null;
  valid_to?: Dayjs | null;
  remark?: string;
};

/** What PUT /suppliers/{id}/prices takes for one row. */
export type PriceItem = {
  product_id: string;
  price: string;
  currency: string;
  valid_from: string;
  valid_to: string | null;
  remark: string | null;
};

let counter = 0;
export function newRowKey(): string {
  counter += 1;
  return `row-${Date.now().toString(36)}-${counter}`;
}

export function productLabel(p: { product_code?: string | null; product_name?: string | null }): string | undefined {
  if (!p.product_name) return p.product_code ?? undefined;
  return p.product_code ? `${p.product_name} (${p.product_code})` : p.product_name;
}

export function rowsFromPrices(prices: readonly PriceLike[]): PriceRow[] {
  return prices.map((p) => ({
    key: newRowKey(),
    product_id: p.product_id,
    product_label: productLabel(p),
    price: p.price,
    currency: p.currency ?? DEFAULT_CURRENCY,
    valid_from: p.valid_from ? dayjs(p.valid_from) : null,
    valid_to: p.valid_to ? dayjs(p.valid_to) : null,
    remark: p.remark ?? undefined,
  }));
}

export function emptyRow(today: Dayjs = dayjs()): PriceRow {
  return { key: newRowKey(), currency: DEFAULT_CURRENCY, valid_from: today.startOf("day"), valid_to: null };
}

/**
 * The rows as the request body's items, in the same order, so the server's `items[n]` is row n.
 * Call after the form validated (product, price and valid_from present).
 */
export function priceItems(rows: readonly PriceRow[]): PriceItem[] {
  return rows.map((row) => ({
    product_id: row.product_id ?? "",
    price: normalizePrice(row.price ?? ""),
    currency: row.currency || DEFAULT_CURRENCY,
    valid_from: row.valid_from ? row.valid_from.format(DATE_FORMAT) : "",
    valid_to: row.valid_to ? row.valid_to.format(DATE_FORMAT) : null,
    remark: row.remark?.trim() ? row.remark.trim() : null,
  }));
}

/** True when valid_to lies before valid_from (the same day is allowed). */
export function dateOrderProblem(from: Dayjs | null | undefined, to: Dayjs | null | undefined): boolean {
  return !!from && !!to && to.startOf("day").isBefore(from.startOf("day"));
}

/** `items[2].valid_to` → { index: 2, field: "valid_to" }; `items[0]` → field ""; anything else → undefined. */
export function parseItemField(field: string, list = "items"): { index: number; field: string } | undefined {
  const escaped = list.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`^${escaped}\\[(\\d+)\\](?:\\.(.+))?$`).exec(field.trim());
  if (!match) return undefined;
  return { index: Number(match[1]), field: match[2] ?? "" };
}

export type RowErrors = {
  /** Per row index, per field (blank = the row as a whole), the messages. */
  rows: Map<number, Map<string, string[]>>;
  /** Errors that name no row of the list (shown as a message). */
  other: FieldProblem[];
};

/** Groups a problem's field errors by row and field of the `list` array. */
export function groupRowErrors(errors: readonly FieldProblem[], rowCount: number, list = "items"): RowErrors {
  const rows = new Map<number, Map<string, string[]>>();
  const other: FieldProblem[] = [];
  for (const error of errors) {
    const parsed = parseItemField(error.field, list);
    if (!parsed || parsed.index >= rowCount) {
      other.push(error);
      continue;
    }
    const fields = rows.get(parsed.index) ?? new Map<string, string[]>();
    fields.set(parsed.field, [...(fields.get(parsed.field) ?? []), error.message]);
    rows.set(parsed.index, fields);
  }
  return { rows, other };
}

/** The editable cells of a row; an error on another field of a row shows on the whole row. */
export const ROW_FIELDS = ["product_id", "price", "currency", "valid_from", "valid_to", "remark"] as const;
export type RowField = (typeof ROW_FIELDS)[number];

function isRowField(field: string): field is RowField {
  return (ROW_FIELDS as readonly string[]).includes(field);
}

/**
 * Row errors as antd `form.setFields` entries for the Form.List named "items": an error on a known
 * cell goes to that cell, others (and whole-row errors) go to the product cell so they still show
 * beside the row.
 */
export function rowFieldErrors(grouped: RowErrors): { name: ["items", number, RowField]; errors: string[] }[] {
  const out: { name: ["items", number, RowField]; errors: string[] }[] = [];
  for (const [index, fields] of grouped.rows) {
    const byCell = new Map<RowField, string[]>();
    for (const [field, messages] of fields) {
      const cell: RowField = isRowField(field) ? field : "product_id";
      const shown = cell === field ? messages : messages.map((m) => (field ? `${field}: ${m}` : m));
      byCell.set(cell, [...(byCell.get(cell) ?? []), ...shown]);
    }
    for (const [cell, messages] of byCell) out.push({ name: ["items", index, cell], errors: messages });
  }
  return out;
}
