import type { TFunction } from "i18next";

/** The roles the server creates itself (`builtin: true`); their names are codes, shown translated. */
export const BUILTIN_ROLES = ["admin", "sales_manager", "sales_rep"] as const;

function isBuiltinRole(name: string): name is (typeof BUILTIN_ROLES)[number] {
  return (BUILTIN_ROLES as readonly string[]).includes(name);
}

/**
 * A role's name for people: a built-in role's code (`sales_rep`) in the user's language; a role
 * an admin named keeps its name. Built-in names are reserved, so the name alone decides.
 */
export function roleName(t: TFunction, name: string): string {
  return isBuiltinRole(name) ? t(`roles:builtin.${name}.name`) : name;
}

/** A role's description: a built-in role's in the user's language, any other as written. */
export function roleDescription(t: TFunction, role: { name: string; description?: string | null; builtin?: boolean }): string | null {
  if (role.builtin !== false && isBuiltinRole(role.name)) return t(`roles:builtin.${role.name}.description`);
  return role.description ?? null;
}

/** A record type as the server names it (`suppliers`, `product_categories`) in the user's language. */
export function entityName(t: TFunction, entity: string): string {
  return t(`common:entities.${entity}`, { defaultValue: entity });
}

/**
 * A permission (`customers:read`) in the user's language: the SPA's own wording
 * (`roles:permissions.<module>.<action>`, one for every code of the generated union, which a test
 * checks), else `fallback` (the catalogue's label, for a code newer than this SPA), else the code.
 */
export function permissionLabel(t: TFunction, code: string, fallback?: string): string {
  const [module = "", action = ""] = code.split(":");
  return t(`roles:permissions.${module}.${action}`, { defaultValue: fallback || code });
}

/** A permission module (a row of the role matrix) in the user's language; `fallback` as above. */
export function permissionModuleLabel(t: TFunction, module: string, fallback?: string): string {
  return t(`roles:modules.${module}`, { defaultValue: fallback || module });
}

/** A permission's action (a column of the role matrix) in the user's language; `fallback` as above. */
export function permissionActionLabel(t: TFunction, action: string, fallback?: string): string {
  return t(`roles:actions.${action}`, { defaultValue: fallback || action });
}
