/** Whether a permission list grants `required`; no requirement means any signed-in user. */
export function hasPermission(granted: readonly string[] | undefined, required: string | undefined): boolean {
  if (!required) return true;
  if (!granted) return false;
  const [module] = required.split(":");
  return granted.includes(required) || granted.includes("*") || granted.includes(`${module}:*`);
}
