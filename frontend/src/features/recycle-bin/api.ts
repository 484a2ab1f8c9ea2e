import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import type { PageParams } from "../../shared/hooks/pagedQuery";

/** What the recycle bin keeps, as the API names it (`users`, `product_categories`…). */
export type RecycleEntity = NonNullable<paths["/api/v1/recycle-bin"]["get"]["parameters"]["query"]>["entity"];

// A record listing each entity once: the type checker says so when the API adds one.
const ENTITIES: Record<RecycleEntity, true> = {
  users: true,
  departments: true,
  roles: true,
  customers: true,
  customer_groups: true,
  contacts: true,
  follow_ups: true,
  product_categories: true,
  products: true,
  suppliers: true,
  saved_views: true,
  files: true,
  folders: true,
  pipeline_stages: true,
  opportunities: true,
  leads: true,
  sales_plans: true,
  weekly_reports: true,
  quotes: true,
  orders: true,
  contracts: true,
  payment_plans: true,
  payments: true,
  invoices: true,
  approval_flows: true,
  webhooks: true,
};
export const RECYCLE_ENTITIES = Object.keys(ENTITIES) as RecycleEntity[];

export function isRecycleEntity(value: string | undefined): value is RecycleEntity {
  return value !== undefined && value in ENTITIES;
}

/** The cache name each entity's module files its queries under, which a restore refreshes. */
const CACHE_NAMES: Record<RecycleEntity, string> = {
  users: "users",
  departments: "departments",
  roles: "roles",
  customers: "customers",
  customer_groups: "customer-groups",
  contacts: "contacts",
  follow_ups: "follow-ups",
  product_categories: "product-categories",
  products: "products",
  suppliers: "suppliers",
  saved_views: "saved-views",
  files: "files",
  folders: "folders",
  pipeline_stages: "pipeline-stages",
  opportunities: "opportunities",
  leads: "leads",
  sales_plans: "sales-plans",
  weekly_reports: "weekly-reports",
  quotes: "quotes",
  orders: "orders",
  contracts: "contracts",
  payment_plans: "payment-plans",
  payments: "payments",
  invoices: "invoices",
  approval_flows: "approval-flows",
  webhooks: "webhooks",
};

export const recycleBinKeys = {
  all: ["recycle-bin"] as const,
  list: (entity: RecycleEntity, page: Omit<PageParams, "sort">) => ["recycle-bin", entity, page] as const,
};

/** Deleted records of one entity, most recently deleted first. */
export function useRecycleBin(entity: RecycleEntity, page: Omit<PageParams, "sort">) {
  return useQuery({
    queryKey: recycleBinKeys.list(entity, page),
    queryFn: () => unwrap(api.GET("/api/v1/recycle-bin", { params: { query: { entity, ...page } } })),
    placeholderData: keepPreviousData,
  });
}

/** Puts a record back; the bin and the record's own lists refresh. */
export function useRestore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entity, id }: { entity: RecycleEntity; id: string }) =>
      unwrap(api.POST("/api/v1/recycle-bin/{entity}/{id}/restore", { params: { path: { entity, id } } })),
    onSuccess: (_, { entity }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: recycleBinKeys.all }),
        queryClient.invalidateQueries({ queryKey: [CACHE_NAMES[entity]] }),
        // A restored role or user may change what the signed-in user may do.
        queryClient.invalidateQueries({ queryKey: ["me"] }),
      ]),
  });
}
