import type { Resource } from "i18next";

// Every JSON file under a language folder is one namespace named after the file.
const files = import.meta.glob<{ default: Record<string, unknown> }>("./*/*.json", { eager: true });

export const NAMESPACES = ["common", "auth", "users", "departments", "roles", "apiTokens", "auditLogs", "profile", "customers", "poolRules", "interactions", "products", "suppliers", "customerGroups", "dictionaries", "recycleBin", "workbench", "jobs", "errors"] as const;

export function buildResources(): Resource {
  const resources: Resource = {};
  for (const [path, module] of Object.entries(files)) {
    const match = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match;
    if (!language || !namespace) continue;
    resources[language] ??= {};
    resources[language][namespace] = module.default;
  }
  return resources;
}
