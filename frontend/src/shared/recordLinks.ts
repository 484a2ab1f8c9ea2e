import type { PermissionCode } from "../api/types";

// Where the SPA shows a record the server names by resource (`customers`) and id: the operation
// log and the workbench link to it. Records with a page of their own open it; records that only
// have a list open the list searched for their name; the rest (a contact, a follow-up) have no
// place of their own and stay text. A module that adds a detail page adds its line here.

type RecordPlace = {
  /** What opening the page needs; without it the name stays text (the page would answer 403). */
  permission: PermissionCode;
  path: (id: string, name: string | null | undefined) => string | undefined;
};

function listSearch(list: string) {
  return (_id: string, name: string | null | undefined) => (name ? `${list}?${new URLSearchParams({ q: name }).toString()}` : list);
}

const PLACES: Record<string, RecordPlace> = {
  customers: { permission: "customers:read", path: (id) => `/customers/${id}` },
  suppliers: { permission: "suppliers:read", path: (id) => `/suppliers/${id}` },
  customer_groups: { permission: "customer_groups:read", path: (id) => `/customer-groups/${id}` },
  products: { permission: "products:read", path: listSearch("/products") },
  users: { permission: "users:read", path: listSearch("/system/users") },
  departments: { permission: "departments:read", path: () => "/system/departments" },
  roles: { permission: "roles:read", path: () => "/system/roles" },
  product_categories: { permission: "product_categories:read", path: () => "/product-categories" },
  opportunities: { permission: "opportunities:read", path: (id) => `/opportunities/${id}` },
  pipeline_stages: { permission: "pipeline_stages:update", path: () => "/system/pipeline-stages" },
  leads: { permission: "leads:read", path: (id) => `/leads/${id}` },
  // A plan's name is its period, a weekly report's its ISO week: the list filtered to it.
  sales_plans: { permission: "sales_plans:read", path: (_id, name) => (name ? `/sales-plans?${new URLSearchParams({ period: name }).toString()}` : "/sales-plans") },
  weekly_reports: { permission: "sales_plans:read", path: (_id, name) => (name ? `/weekly-reports?${new URLSearchParams({ week: name }).toString()}` : "/weekly-reports") },
  quotes: { permission: "quotes:read", path: (id) => `/quotes/${id}` },
  orders: { permission: "orders:read", path: (id) => `/orders/${id}` },
  contracts: { permission: "contracts:read", path: (id) => `/contracts/${id}` },
  // Payments and invoices have no page of their own: their list, searched for the number.
  payments: { permission: "payments:read", path: listSearch("/payments") },
  invoices: { permission: "invoices:read", path: listSearch("/invoices") },
  approvals: { permission: "approvals:read", path: (id) => `/approvals/${id}` },
  approval_flows: { permission: "approvals:manage", path: () => "/system/approval-flows" },
  webhooks: { permission: "webhooks:read", path: (id) => `/system/webhooks/${id}` },
  // Drive items shared with the reader: the folder itself, or the shared list searched for the file.
  folders: { permission: "files:read", path: (id) => `/drive?space=shared&folder=${id}` },
  files: { permission: "files:read", path: (_id, name) => (name ? `/drive?${new URLSearchParams({ space: "shared", q: name }).toString()}` : "/drive?space=shared") },
};

/**
 * The SPA address showing the record, if it has one the user may open. `entity` is the resource
 * name as the API writes it (audit log `entity`, workbench item `entity`); `-` and `_` are alike.
 */
export function recordPath(
  entity: string,
  id: string,
  name: string | null | undefined,
  can: (permission: PermissionCode) => boolean = () => true,
): string | undefined {
  const place = PLACES[entity.replace(/-/g, "_")];
  if (!place || !can(place.permission)) return undefined;
  return place.path(id, name);
}
