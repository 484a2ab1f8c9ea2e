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

export type ColumnChooser = {
  options: { key: string; visible: boolean }[];
  setVisible: (key: string, visible: boolean) => void;
  reset: () => void;
  /** Keeps the columns that are not optional and the optional ones the user shows. */
  apply: <C extends { key?: Key }>(columns: readonly C[]) => C[];
};

/**
 * Which optional columns of a list the user shows, remembered in localStorage per signed-in user
 * (`userId`) and list (`resource`). Without a user id the defaults apply and nothing is stored.
 */
export function useColumnChooser(resource: string, userId: string | undefined, columns: readonly OptionalColumn[]): ColumnChooser {
  const storageKey = userId ? columnStorageKey(userId, resource) : undefined;
  const [choice, setChoice] = useState<ColumnChoice>(() => (storageKey ? readColumnChoice(globalThis.localStorage, storageKey) : {}));

  // The user id arrives after /me loads; read their saved choice then.
  useEffect(() => {
    setChoice(storageKey ? readColumnChoice(globalThis.localStorage, storageKey) : {});
  }, [storageKey]);

  const update = useCallback(
    (next: ColumnChoice) => {
      setChoice(next);
      if (storageKey) writeColumnChoice(globalThis.localStorage, storageKey, next);
    },
    [storageKey],
  );

  const optional = useMemo(() => new Map(columns.map((c) => [c.key, c])), [columns]);
  const options = columns.map((c) => ({ key: c.key, visible: isColumnVisible(c, choice) }));

  return {
    options,
    setVisible: (key, visible) => update({ ...choice, [key]: visible }),
    reset: () => update({}),
    apply: (all) =>
      all.filter((column) => {
        const entry = column.key === undefined ? undefined : optional.get(String(column.key));
        return !entry || isColumnVisible(entry, choice);
      }),
  };
}
