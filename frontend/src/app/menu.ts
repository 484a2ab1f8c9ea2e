import { hasPermission } from "../shared/permissions";
import { MENU_GROUPS, type Feature, type MenuEntry, type MenuGroup } from "./registry";

export type MenuSection = { group: MenuGroup; entries: MenuEntry[] };

/**
 * The menu a user sees: only modules that exist in the feature registry, only entries whose
 * permission the user has, and only groups left with at least one entry, in REQUIREMENTS order.
 */
export function buildMenu(features: readonly Feature[], permissions: readonly string[] | undefined): MenuSection[] {
  const entries = features.flatMap((feature) => feature.menu).filter((entry) => hasPermission(permissions, entry.permission));
  return MENU_GROUPS.map((group) => ({ group, entries: entries.filter((entry) => entry.group === group) })).filter(
    (section) => section.entries.length > 0,
  );
}

/** The menu entry whose path is the longest prefix of the current location. */
export function selectedEntry(sections: readonly MenuSection[], pathname: string): MenuEntry | undefined {
  let best: MenuEntry | undefined;
  for (const entry of sections.flatMap((s) => s.entries)) {
    if ((pathname === entry.path || pathname.startsWith(`${entry.path}/`)) && (!best || entry.path.length > best.path.length)) {
      best = entry;
    }
  }
  return best;
}
