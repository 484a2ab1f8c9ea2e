import type { PermissionCode } from "../../api/types";
import type { ImportColumn, ImportEntity } from "./types";

/**
 * The fields each record type's import fills, in the template's order, and the required ones
 * (as the server's importer lists them; a field the server adds later still shows by its name).
 * Their labels are `imports:fields.<entity>.<field>`.
 */
export const IMPORT_FIELDS: Record<ImportEntity, { fields: readonly string[]; required: readonly string[] }> = {
  customers: {
    fields: ["name", "kind", "industry", "source", "level", "province", "city", "district", "address", "phone", "email", "website", "tags", "remark", "owner_id"],
    required: ["name"],
  },
  contacts: {
    fields: ["customer_id", "name", "title", "phone", "mobile", "email", "wechat", "is_primary", "birthday", "remark"],
    required: ["customer_id", "name"],
  },
  leads: {
    fields: ["name", "company", "title", "phone", "mobile", "email", "source", "status", "owner_id", "province", "city", "address", "remark"],
    required: ["name"],
  },
  products: { fields: ["name", "category_id", "unit", "price", "currency", "on_sale", "description"], required: ["name", "category_id", "price"] },
  suppliers: { fields: ["name", "contact", "phone", "province", "city", "address", "remark"], required: ["name"] },
  opportunities: {
    fields: ["name", "customer_id", "stage_id", "amount", "currency", "expected_close_date", "probability", "owner_id", "source", "description"],
    required: ["name", "customer_id"],
  },
  payments: { fields: ["contract_id", "amount", "received_date", "method", "reference", "remark"], required: ["contract_id", "amount", "received_date"] },
};

/** Who may import a record type: the import right, and the record type's `:import` and `:create` (the server checks all three). */
export const IMPORT_PERMISSIONS: Record<ImportEntity, readonly PermissionCode[]> = {
  customers: ["imports:create", "customers:import", "customers:create"],
  contacts: ["imports:create", "contacts:import", "contacts:create"],
  leads: ["imports:create", "leads:import", "leads:create"],
  products: ["imports:create", "products:import", "products:create"],
  suppliers: ["imports:create", "suppliers:import", "suppliers:create"],
  opportunities: ["imports:create", "opportunities:import", "opportunities:create"],
  payments: ["imports:create", "payments:import", "payments:create"],
};

export const IMPORT_ENTITIES = Object.keys(IMPORT_FIELDS) as ImportEntity[];

/**
 * The record types whose import may update the existing record a row duplicates (`on_duplicate:
 * update`): those with a duplicate rule. The others have none, and the server refuses it (422).
 */
export const UPDATABLE_ENTITIES: readonly ImportEntity[] = ["customers", "products", "suppliers"];

export function canUpdate(entity: ImportEntity): boolean {
  return UPDATABLE_ENTITIES.includes(entity);
}

export function isImportEntity(value: string): value is ImportEntity {
  return (IMPORT_ENTITIES as string[]).includes(value);
}

/** A column's choice in the mapping table: a field, or "" for left out. */
export type Choices = Readonly<Record<string, string>>;

/** The choices the server planned: each header's field, "" where the column is left out. */
export function plannedChoices(columns: readonly ImportColumn[]): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.header, c.field ?? ""]));
}

/**
 * What to send as `mapping` for the user's choices: the mapping sent before, with every header
 * whose choice differs from the server's plan added (a field, or "" to leave it out). Headers the
 * file does not have are dropped, so a new file is not refused for the old file's mapping.
 */
export function nextMapping(columns: readonly ImportColumn[], choices: Choices, previous: Choices = {}): Record<string, string> {
  const planned = plannedChoices(columns);
  const mapping: Record<string, string> = {};
  for (const [header, field] of Object.entries(previous)) if (header in planned) mapping[header] = field;
  for (const [header, field] of Object.entries(choices)) {
    if (header in planned && planned[header] !== field) mapping[header] = field;
  }
  return mapping;
}

/** Whether the user changed any column's field from the server's plan. */
export function mappingChanged(columns: readonly ImportColumn[], choices: Choices): boolean {
  const planned = plannedChoices(columns);
  return Object.entries(choices).some(([header, field]) => header in planned && planned[header] !== field);
}

/** The required fields no column fills, for a warning before the server says so. */
export function missingRequired(entity: ImportEntity, columns: readonly ImportColumn[], choices: Choices): string[] {
  const filled = new Set(columns.map((c) => choices[c.header] ?? c.field ?? ""));
  return IMPORT_FIELDS[entity].required.filter((field) => !filled.has(field));
}

/** Fields two or more columns fill (the server refuses them as `columns.<header>` `duplicate`). */
export function doubledFields(columns: readonly ImportColumn[], choices: Choices): string[] {
  const seen = new Map<string, number>();
  for (const c of columns) {
    const field = choices[c.header] ?? c.field ?? "";
    if (field) seen.set(field, (seen.get(field) ?? 0) + 1);
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([field]) => field);
}
