import type { ResourceLanguage } from "i18next";
import type { AppLocale } from "./locale";

export const NAMESPACES = ["common", "auth", "users", "departments", "roles", "apiTokens", "auditLogs", "profile", "customers", "poolRules", "interactions", "products", "suppliers", "customerGroups", "dictionaries", "recycleBin", "workbench", "jobs", "notifications", "settings", "drive", "opportunities", "leads", "salesPlans", "weeklyReports", "reports", "quotes", "orders", "contracts", "receivables", "approvals", "webhooks", "imports", "exports", "errors", "moduleErrors"] as const;

/**
 * The namespaces of the first pages (login, the signed-in shell with its menu, and the workbench;
 * the bell's own label is in common). They come in one chunk per language; the other namespaces
 * come in a second chunk, fetched when a feature's page (or the search palette, the notification
 * list...) first loads: see loadAllTexts in index.ts.
 */
export const FIRST_NAMESPACES = ["common", "auth", "errors", "workbench"] as const satisfies readonly (typeof NAMESPACES)[number][];

export const LATER_NAMESPACES = NAMESPACES.filter((ns) => !(FIRST_NAMESPACES as readonly string[]).includes(ns));

type Bundle = () => Promise<{ default: ResourceLanguage }>;

// A user reads one language, so the other's texts stay out of the first page.
const BUNDLES: Record<AppLocale, { first: Bundle; later: Bundle }> = {
  "zh-CN": { first: () => import("./bundles/zh-CN.first"), later: () => import("./bundles/zh-CN") },
  en: { first: () => import("./bundles/en.first"), later: () => import("./bundles/en") },
};

const loaded = new Map<string, Promise<ResourceLanguage>>();

/** The messages of one namespace of a language the UI has; an unknown language has none. */
export function loadNamespace(language: string, namespace: string): Promise<Record<string, unknown> | undefined> {
  const bundles = BUNDLES[language as AppLocale];
  if (!bundles) return Promise.resolve(undefined);
  const part = (FIRST_NAMESPACES as readonly string[]).includes(namespace) ? "first" : "later";
  const key = `${language}/${part}`;
  let promise = loaded.get(key);
  if (!promise) {
    promise = bundles[part]().then((m) => m.default);
    // A failed fetch (a flaky network) is tried again the next time.
    promise.catch(() => loaded.delete(key));
    loaded.set(key, promise);
  }
  return promise.then((resources) => resources[namespace] as Record<string, unknown> | undefined);
}

/** `{ namespace: messages }` from the JSON files of one language folder. */
export function namespacesOf(files: Record<string, { default: Record<string, unknown> }>): ResourceLanguage {
  const resources: ResourceLanguage = {};
  for (const [path, module] of Object.entries(files)) {
    const namespace = /\/([^/]+)\.json$/.exec(path)?.[1];
    if (namespace) resources[namespace] = module.default;
  }
  return resources;
}
