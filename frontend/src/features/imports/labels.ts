import type { TFunction } from "i18next";
import { fieldErrorText, problemCodeText } from "../../api/problem";
import { durationParts, hasRowCodeLabel, type FailureLine } from "./status";
import type { ImportEntity } from "./types";

/** A field of a record type for people: 客户名称 / Name; a field the UI does not know by its name. */
export function fieldLabel(t: TFunction, entity: string, field: string): string {
  const key = `imports:fields.${entity}.${field}`;
  const text = t(key);
  return text === key || text === `fields.${entity}.${field}` ? field : text;
}

/** A row error's reason in the user's language: the code's label, else the shared field texts (then the server's). */
export function rowErrorReason(t: TFunction, line: Pick<FailureLine, "code" | "field" | "message">): string {
  if (hasRowCodeLabel(line.code)) return t(`imports:codes.${line.code}`);
  // A refusal of the whole row by a rule of the record (a payment's contract not in force).
  const byCode = line.field ? undefined : problemCodeText(line.code);
  if (byCode) return byCode;
  return fieldErrorText({ field: line.field ?? "", code: line.code, message: line.message });
}

/** The column a row error is in: the file's header, else the field's label, else "the row". */
export function rowErrorColumn(t: TFunction, entity: string, line: Pick<FailureLine, "column" | "field">): string {
  if (line.column) return line.column;
  if (line.field) return fieldLabel(t, entity, line.field);
  return t("imports:report.wholeRow");
}

/** A record type's name: 客户 / Customers. */
export function entityLabel(t: TFunction, entity: ImportEntity | string): string {
  return t(`imports:entities.${entity}`, { defaultValue: entity });
}

export function durationText(t: TFunction, ms: number | null | undefined, none: string): string {
  const parts = durationParts(ms);
  if (!parts) return none;
  if (parts.unit === "min") return t("imports:duration.min", { min: parts.value, s: parts.seconds ?? 0 });
  return t(`imports:duration.${parts.unit}`, { value: parts.value });
}
