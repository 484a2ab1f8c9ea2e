import type { Permission } from "../../api/types";

export type MatrixRow = {
  module: string;
  /** The module's name as the catalogue gives it, in English and Chinese. */
  label: string;
  labelZh: string;
  /** action → permission code, for the actions this module has. */
  cells: Map<string, Permission>;
};

export type Matrix = { actions: string[]; rows: MatrixRow[] };

// Usual actions first, in the order people read them; others follow alphabetically.
const ACTION_ORDER = ["read", "create", "update", "delete", "export", "import", "assign", "transfer", "approve"];

function actionRank(action: string): number {
  const index = ACTION_ORDER.indexOf(action);
  return index === -1 ? ACTION_ORDER.length : index;
}

/** The permission catalogue as a module × action grid, keeping the catalogue's module order. */
export function buildMatrix(catalogue: readonly Permission[]): Matrix {
  const rows = new Map<string, MatrixRow>();
  const actions = new Set<string>();
  for (const permission of catalogue) {
    actions.add(permission.action);
    let row = rows.get(permission.module);
    if (!row) {
      row = { module: permission.module, label: permission.module_label, labelZh: permission.module_label_zh, cells: new Map() };
      rows.set(permission.module, row);
    }
    row.cells.set(permission.action, permission);
  }
  const sortedActions = [...actions].sort((a, b) => actionRank(a) - actionRank(b) || a.localeCompare(b));
  return { actions: sortedActions, rows: [...rows.values()] };
}

export type RowState = "all" | "some" | "none";

export function rowState(row: MatrixRow, selected: ReadonlySet<string>): RowState {
  const codes = [...row.cells.values()].map((p) => p.code);
  const count = codes.filter((code) => selected.has(code)).length;
  return count === 0 ? "none" : count === codes.length ? "all" : "some";
}

/** Selects every permission of the row, or clears the row when `on` is false. */
export function toggleRow(row: MatrixRow, selected: readonly string[], on: boolean): string[] {
  const codes = new Set([...row.cells.values()].map((p) => p.code));
  const rest = selected.filter((code) => !codes.has(code));
  return on ? [...rest, ...codes] : rest;
}

export function toggleCode(selected: readonly string[], code: string, on: boolean): string[] {
  const rest = selected.filter((c) => c !== code);
  return on ? [...rest, code] : rest;
}
