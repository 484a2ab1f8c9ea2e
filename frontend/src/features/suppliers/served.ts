/** A served customer as the list shows it. */
export type ServedCustomer = { id: string; code: string; name: string };

/** The list with `customer` appended, unless it is already there. */
export function addServed<C extends ServedCustomer>(list: readonly C[], customer: C): C[] {
  return list.some((c) => c.id === customer.id) ? [...list] : [...list, customer];
}

export function removeServed<C extends ServedCustomer>(list: readonly C[], id: string): C[] {
  return list.filter((c) => c.id !== id);
}

/** Whether two lists hold the same customers, in any order (the server keeps no order). */
export function sameServed(a: readonly ServedCustomer[], b: readonly ServedCustomer[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map((c) => c.id));
  return b.every((c) => ids.has(c.id));
}
