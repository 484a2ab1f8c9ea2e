import { useCallback, useEffect, useMemo, useState, type Key } from "react";

/** A column the user may hide or show; required columns are simply not listed. */
export type OptionalColumn = { key: string; defaultVisible?: boolean };

/** The user's explicit choices only, so a column added later still gets its default. */
export type ColumnChoice = Record<string, boolean>;

/** One entry per user and list, so people sharing a browser keep their own columns. */
export function columnStorageKey(userId: string, resource: string): string {
  return `crm.columns.${userId}.${resource}`;
}

export function readColumnChoice(storage: Pick<Storage, "getItem"> | undefined, key: string): ColumnChoice {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? "{}");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, boolean] => typeof entry[1] === "boolean"));
  } catch {
    return {};
  }
}

export function writeColumnChoice(storage: Pick<Storage, "setItem" | "removeItem"> | undefined, key: string, choice: ColumnChoice): void {
  try {
    if (Object.keys(choice).length === 0) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(choice));
  } catch {
    // Storage may be full or unavailable; the choice then lasts until the page reloads.
  }
}

/** Whether an optional column shows: the user's choice, else the column's default (shown). */
export function isColumnVisible(column: OptionalColumn, choice: ColumnChoice): boolean {
  return choice[column.key] ?? column.defaultVisible ?? true;
}

/**
 * A saved view's visible columns as a choice over the optional columns: listed ones show, the
 * others hide. Keys the list does not know (a column since removed) are ignored.
 */
export function choiceFromKeys(columns: readonly OptionalColumn[], keys: readonly string[]): ColumnChoice {
  const shown = new Set(keys);
  return Object.fromEntries(columns.map((c) => [c.key, shown.has(c.key)]));
}

export type ColumnChooser = {
  options: { key: string; visible: boolean }[];
  setVisible: (key: string, visible: boolean) => void;
  reset: () => void;
  /** Keeps the columns that are not optional and the optional ones the user shows. */
  apply: <C extends { key?: Key }>(columns: readonly C[]) => C[];
  /** The keys of the columns `apply` keeps, in order (what a saved view stores). */
  visibleKeys: (columns: readonly { key?: Key }[]) => string[];
  /**
   * Shows exactly these columns (a saved view's) instead of the remembered choice, until called
   * with null. While it is on, the chooser's checkboxes change it and nothing is stored.
   */
  setOverride: (keys: readonly string[] | null) => void;
  /** Whether a saved view decides the columns now. */
  overridden: boolean;
};

/**
 * Which optional columns of a list the user shows, remembered in localStorage per signed-in user
 * (`userId`) and list (`resource`). Without a user id the defaults apply and nothing is stored.
 */
export function useColumnChooser(resource: string, userId: string | undefined, columns: readonly OptionalColumn[]): ColumnChooser {
  const storageKey = userId ? columnStorageKey(userId, resource) : undefined;
  const [stored, setStored] = useState<ColumnChoice>(() => (storageKey ? readColumnChoice(globalThis.localStorage, storageKey) : {}));
  const [override, setOverrideChoice] = useState<ColumnChoice | null>(null);
  const choice = override ?? stored;

  // The user id arrives after /me loads; read their saved choice then.
  useEffect(() => {
    setStored(storageKey ? readColumnChoice(globalThis.localStorage, storageKey) : {});
  }, [storageKey]);

  const update = useCallback(
    (next: ColumnChoice) => {
      // A view's columns change only for as long as the view is on; the remembered choice stays.
      if (override) return setOverrideChoice(next);
      setStored(next);
      if (storageKey) writeColumnChoice(globalThis.localStorage, storageKey, next);
    },
    [storageKey, override],
  );

  const optional = useMemo(() => new Map(columns.map((c) => [c.key, c])), [columns]);
  const options = columns.map((c) => ({ key: c.key, visible: isColumnVisible(c, choice) }));

  const setOverride = useCallback((keys: readonly string[] | null) => setOverrideChoice(keys ? choiceFromKeys(columns, keys) : null), [columns]);

  const apply = <C extends { key?: Key }>(all: readonly C[]): C[] =>
    all.filter((column) => {
      const entry = column.key === undefined ? undefined : optional.get(String(column.key));
      return !entry || isColumnVisible(entry, choice);
    });

  return {
    options,
    setVisible: (key, visible) => update({ ...choice, [key]: visible }),
    reset: () => update({}),
    apply,
    visibleKeys: (all) => apply(all).flatMap((c) => (c.key === undefined ? [] : [String(c.key)])),
    setOverride,
    overridden: override !== null,
  };
}
