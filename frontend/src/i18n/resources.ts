import type { ResourceLanguage } from "i18next";
import type { AppLocale } from "./locale";

export const NAMESPACES = ["common", "auth", "users", "departments", "roles", "apiTokens", "auditLogs", "profile", "customers", "poolRules", "interactions", "products", "suppliers", "customerGroups", "dictionaries", "recycleBin", "workbench", "jobs", "notifications", "errors"] as const;

// One chunk per language, fetched when that language is first used: a user reads one language,
// so the other's texts stay out of the first page.
const BUNDLES: Record<AppLocale, () => Promise<{ default: ResourceLanguage }>> = {
  "zh-CN": () => import("./bundles/zh-CN"),
  en: () => import("./bundles/en"),
};

const loaded = new Map<string, Promise<ResourceLanguage>>();

/** Every namespace of a language the UI has; an unknown language has none. */
export function loadLanguage(language: string): Promise<ResourceLanguage> {
  const bundle = BUNDLES[language as AppLocale];
  if (!bundle) return Promise.resolve({});
  let promise = loaded.get(language);
  if (!promise) {
    promise = bundle().then((m) => m.default);
    loaded.set(language, promise);
  }
  return promise;
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
