import type { ComponentType, ReactNode } from "react";
import type { PermissionCode } from "../api/types";

/** The modules of REQUIREMENTS.md, in menu order. A group shows once one of its pages exists. */
export const MENU_GROUPS = [
  "system",
  "customers",
  "sales",
  "contracts",
  "products",
  "procurement",
  "service",
  "marketing",
  "performance",
  "reports",
  "office",
] as const;

export type MenuGroup = (typeof MENU_GROUPS)[number];

export type FeatureRoute = {
  path: string;
  /** Lazily loaded page component. */
  load: () => Promise<{ default: ComponentType }>;
  /** Permission needed to open the page; none means every signed-in user. */
  permission?: PermissionCode;
};

export type MenuEntry = {
  key: string;
  path: string;
  group: MenuGroup;
  /** A full i18n key, `namespace:key`. */
  labelKey: string;
  icon?: ReactNode;
  permission?: PermissionCode;
  /**
   * A count of what waits there (the approvals waiting on the user), shown after the label: a
   * hook, called on every render of the menu. It runs in the first page, so it keeps to the
   * query client and the API client, no components.
   */
  useCount?: () => number | undefined;
};

/** What a feature folder exports from its index.ts. */
export type Feature = {
  name: string;
  routes: FeatureRoute[];
  menu: MenuEntry[];
  /** The module's records in the global search (Ctrl+K), in the order their groups show. */
  search?: SearchSource[];
};

/** One record as the search palette and the recently viewed list show it. */
export type SearchHit = {
  /** The source's key and the record's id: what identifies a recent entry. */
  source: string;
  id: string;
  title: string;
  /** A second line: the code, the customer, the city… */
  subtitle?: string;
  /** Where choosing the record goes. */
  path: string;
};

/**
 * A module's part of the global search: which records it finds for a query and where they lead.
 * A feature lists its sources in `Feature.search`; the palette asks every source the user may read.
 */
export type SearchSource = {
  key: string;
  /** The group's heading, a full i18n key. */
  labelKey: string;
  /** What the server matches the words against, a full i18n key; said when nothing matches. */
  matchesKey: string;
  icon?: ReactNode;
  permission: PermissionCode;
  /** A few records for the words, best first as the server sorts them; aborted when the query moves on. */
  search: (q: string, signal: AbortSignal) => Promise<SearchHit[]>;
  /** A next step when nothing matches: open the module's create form with the words as the name. */
  create?: { labelKey: string; permission: PermissionCode; path: string };
};
