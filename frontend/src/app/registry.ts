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
};

/** What a feature folder exports from its index.ts. */
export type Feature = {
  name: string;
  routes: FeatureRoute[];
  menu: MenuEntry[];
};
