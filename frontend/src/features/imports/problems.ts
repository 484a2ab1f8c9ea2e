import type { FieldProblem } from "../../api/problem";

/**
 * Where the wizard shows a 422's field errors: on the file step (`file`, `encoding`, `entity`),
 * beside a column of the mapping (`mapping.<header>`, `columns.<header>`), or above the mapping
 * (`columns.<field>` `missing`, the options).
 */
export type SortedProblems = {
  file: FieldProblem[];
  byHeader: Record<string, FieldProblem[]>;
  missing: string[];
  other: FieldProblem[];
};

export function sortProblems(errors: readonly FieldProblem[], headers: readonly string[]): SortedProblems {
  const sorted: SortedProblems = { file: [], byHeader: {}, missing: [], other: [] };
  const known = new Set(headers);
  for (const error of errors) {
    const dot = error.field.indexOf(".");
    const head = dot < 0 ? error.field : error.field.slice(0, dot);
    const rest = dot < 0 ? "" : error.field.slice(dot + 1);
    if (head === "file" || head === "encoding" || head === "entity") sorted.file.push(error);
    else if (head === "columns" && error.code === "missing" && !known.has(rest)) sorted.missing.push(rest);
    else if ((head === "mapping" || head === "columns") && rest) (sorted.byHeader[rest] ??= []).push(error);
    else sorted.other.push(error);
  }
  return sorted;
}

/** The key under `imports:problems` of a field error the wizard words itself, if any. */
export function problemKey(error: Pick<FieldProblem, "field" | "code">): string | undefined {
  const head = error.field.split(".")[0];
  const known: Record<string, readonly string[]> = {
    file: ["empty", "unreadable", "too_many", "required"],
    mapping: ["unknown_field", "unknown_column", "invalid"],
    columns: ["duplicate", "missing"],
    on_duplicate: ["unsupported", "invalid"],
    encoding: ["invalid"],
    mode: ["invalid"],
    atomic: ["invalid"],
    entity: ["unknown", "invalid", "required"],
  };
  return head && error.code && known[head]?.includes(error.code) ? `${head}_${error.code}` : undefined;
}
