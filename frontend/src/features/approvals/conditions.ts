import type { ApprovalCondition } from "../../api/types";

// A step's conditions as the designer edits them and as the API takes them. The API's value is
// one string (comma-separated for `in`); the form keeps a list for `in`, so each value is a tag
// or a picked record, and a date or an id is never typed by hand.

export type Condition = ApprovalCondition;
export type ConditionOp = Condition["op"];
export type ConditionFieldName = Condition["field"];

/** How a field's value is entered: money and dates are ordered; the rest compare by equality. */
export type FieldKind = "money" | "date" | "text" | "customer" | "user";
export type ConditionField = { name: ConditionFieldName; kind: FieldKind };

const CONTRACT_FIELDS: readonly ConditionField[] = [
  { name: "amount", kind: "money" },
  { name: "currency", kind: "text" },
  { name: "category", kind: "text" },
  { name: "sign_date", kind: "date" },
  { name: "end_date", kind: "date" },
  { name: "customer_id", kind: "customer" },
  { name: "owner_id", kind: "user" },
];

/** The fields a document type's conditions test, as the server lists them (422 `unknown_field` otherwise). */
export const CONDITION_FIELDS: Readonly<Record<string, readonly ConditionField[]>> = {
  quote: [
    { name: "total", kind: "money" },
    { name: "subtotal", kind: "money" },
    { name: "discount_total", kind: "money" },
    { name: "currency", kind: "text" },
    { name: "valid_until", kind: "date" },
    { name: "customer_id", kind: "customer" },
    { name: "owner_id", kind: "user" },
  ],
  contract: CONTRACT_FIELDS,
  // An amendment is tested as the contract would read once amended, and by how far its amount moves.
  contract_amendment: [...CONTRACT_FIELDS, { name: "amount_change", kind: "money" }],
  payment: [
    { name: "amount", kind: "money" },
    { name: "currency", kind: "text" },
    { name: "method", kind: "text" },
    { name: "received_date", kind: "date" },
    { name: "customer_id", kind: "customer" },
    { name: "owner_id", kind: "user" },
  ],
  invoice: [
    { name: "amount", kind: "money" },
    { name: "currency", kind: "text" },
    { name: "type", kind: "text" },
    { name: "title_type", kind: "text" },
    { name: "customer_id", kind: "customer" },
    { name: "owner_id", kind: "user" },
  ],
};

export const ORDERED_OPS: readonly ConditionOp[] = ["eq", "ne", "gt", "gte", "lt", "lte", "in"];
/** The server refuses `gt`… on text and ids (422 `not_ordered`), so they are not offered. */
export const EQUALITY_OPS: readonly ConditionOp[] = ["eq", "ne", "in"];

export type ConditionValue = string | string[] | undefined;
/** One row of the condition builder. */
export type ConditionRow = { field?: ConditionFieldName; op?: ConditionOp; value?: ConditionValue };

export function fieldsOf(docType: string | undefined): readonly ConditionField[] {
  return CONDITION_FIELDS[docType ?? ""] ?? [];
}

export function fieldOf(docType: string | undefined, name: string | undefined): ConditionField | undefined {
  return fieldsOf(docType).find((f) => f.name === name);
}

export function opsFor(kind: FieldKind | undefined): readonly ConditionOp[] {
  return kind === "money" || kind === "date" ? ORDERED_OPS : EQUALITY_OPS;
}

/** A money value the server reads as a decimal. */
export function isDecimal(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value.trim());
}

function items(value: ConditionValue): string[] {
  const list = Array.isArray(value) ? value : (value ?? "").split(",");
  return list.map((v) => v.trim()).filter((v) => v !== "");
}

/** The value in the shape the row's operator edits: a list for `in`, else one string. */
export function valueFor(op: ConditionOp | undefined, value: ConditionValue): ConditionValue {
  if (op === "in") return items(value);
  if (Array.isArray(value)) return value[0];
  return value;
}

/** A row as the API takes it. */
export function conditionBody(row: ConditionRow): Condition {
  const op = row.op ?? "eq";
  const value = op === "in" ? items(row.value).join(",") : (Array.isArray(row.value) ? (row.value[0] ?? "") : (row.value ?? "")).trim();
  // A row without a field goes as empty, for the server to name it (422 `unknown_field`).
  return { field: row.field ?? ("" as ConditionFieldName), op, value };
}

/** A condition of a saved flow as a row. */
export function conditionRow(condition: Condition): ConditionRow {
  return { field: condition.field, op: condition.op, value: valueFor(condition.op, condition.value) };
}

/**
 * The row after its field changes: the operator stays when the new field takes it (`eq`
 * otherwise), and the value goes, as a total's number means nothing as a customer.
 */
export function retarget(row: ConditionRow, docType: string | undefined, field: ConditionFieldName): ConditionRow {
  const ops = opsFor(fieldOf(docType, field)?.kind);
  const op = row.op && ops.includes(row.op) ? row.op : "eq";
  return { field, op, value: op === "in" ? [] : undefined };
}

/** A new row: the first field (a quote's total) over a threshold, the commonest condition. */
export function blankCondition(docType: string | undefined): ConditionRow {
  const first = fieldsOf(docType)[0];
  return first ? { field: first.name, op: opsFor(first.kind).includes("gt") ? "gt" : "eq", value: undefined } : { op: "eq" };
}

/** Why a row's value cannot be saved, caught before the server's 422 `invalid`. */
export function valueProblem(kind: FieldKind | undefined, op: ConditionOp | undefined, value: ConditionValue): "required" | "decimal" | undefined {
  const values = op === "in" ? items(value) : [(Array.isArray(value) ? value[0] : value)?.trim() ?? ""].filter((v) => v !== "");
  if (values.length === 0) return "required";
  if (kind === "money" && !values.every(isDecimal)) return "decimal";
  return undefined;
}
