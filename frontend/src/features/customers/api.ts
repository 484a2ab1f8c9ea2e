import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type {
  AssignCustomers,
  CollaboratorShare,
  Customer,
  MergeCustomers,
  TransferCustomers,
} from "../../api/types";
import { resourceApi, type ListQuery } from "../../shared/resource/resourceApi";
import { subjectCustomerId, subjectRef, type FollowUpSubject } from "./followUpSubject";
import type { PoolAction } from "./pools";
import { nextTimelinePage } from "./timeline";

/** The list's filters: its documented query without paging and sort. */
export type CustomerFilters = Omit<ListQuery<"/api/v1/customers">, "page" | "page_size" | "sort">;

/**
 * Each tab's count (the list's `total` for a one-row page of it). Filed under the customers' lists,
 * so every write that refreshes the list refreshes the counts too; kept for half a minute, so
 * paging and sorting do not ask again.
 */
export function useCustomerTabCounts<K extends string>(queries: readonly { key: K; query: ListQuery<"/api/v1/customers"> }[], enabled: boolean) {
  return useQueries({
    queries: queries.map(({ query }) => ({
      queryKey: customersApi.keys.list(query),
      queryFn: () => unwrap(api.GET("/api/v1/customers", { params: { query } })),
      staleTime: 30_000,
      placeholderData: keepPreviousData,
      enabled,
    })),
    combine: (results) =>
      new Map(
        results.flatMap((result, index) => {
          const key = queries[index]?.key;
          return key !== undefined && result.data ? [[key, { total: result.data.total, exact: result.data.total_exact }] as const] : [];
        }),
      ),
  });
}

/** Whether a cached customers query is one of the tabs' counts (a one-row page). */
export function isTabCountQuery(queryKey: readonly unknown[]): boolean {
  const query = queryKey[2];
  return queryKey[1] === "list" && typeof query === "object" && query !== null && (query as { page_size?: number }).page_size === 1;
}

export type DuplicateQuery = { name?: string; phone?: string; email?: string };

/** Customers: list, record, create, update, delete and export, keyed under "customers". */
export const customersApi = resourceApi("/api/v1/customers");

export const customerKeys = {
  ...customersApi.keys,
  duplicates: (query: DuplicateQuery) => ["customers", "duplicates", query] as const,
  search: (q: string) => ["customers", "search", q] as const,
  collaborators: (id: string) => ["customers", "collaborators", id] as const,
  suppliers: (id: string) => ["customers", "suppliers", id] as const,
  // Under "customers", so a pool move or an edit (which refresh "customers") refreshes it, and a
  // follow-up's write too (follow-ups also invalidate "customers").
  timeline: (id: string) => ["customers", "timeline", id] as const,
};

export const contactKeys = {
  all: ["contacts"] as const,
  ofCustomer: (customerId: string) => ["contacts", "customer", customerId] as const,
};

export const followUpKeys = {
  all: ["follow-ups"] as const,
  of: (subject: FollowUpSubject) =>
    "customerId" in subject ? (["follow-ups", "customer", subject.customerId] as const) : (["follow-ups", "lead", subject.leadId] as const),
};

// The dictionaries are the system module's; customers read them for their pickers and labels.
export { dictionaryKeys, useDictionary } from "../../shared/dictionaries";

// Lists of one customer's children are short; one page of the API's maximum holds them.
const CHILD_PAGE_SIZE = 200;

/** Live duplicates for the form; runs only when one of the values is filled in. */
export function useCustomerDuplicates(query: DuplicateQuery) {
  const enabled = !!(query.name || query.phone || query.email);
  return useQuery({
    queryKey: customerKeys.duplicates(query),
    queryFn: () => unwrap(api.GET("/api/v1/customers/duplicates", { params: { query } })),
    enabled,
    staleTime: 5_000,
  });
}


export type PoolMove = { customer: Customer; action: PoolAction; reason?: string };

function movePool({ customer, action, reason }: PoolMove) {
  const path = { path: { id: customer.id } };
  switch (action) {
    case "claim":
      return unwrap(api.POST("/api/v1/customers/{id}/claim", { params: path }));
    case "revalidate":
      return unwrap(api.POST("/api/v1/customers/{id}/revalidate", { params: path }));
    case "release":
      return unwrap(api.POST("/api/v1/customers/{id}/release", { params: path, body: { reason: reason ?? "" } }));
    case "invalidate":
      return unwrap(api.POST("/api/v1/customers/{id}/invalidate", { params: path, body: { reason: reason ?? "" } }));
  }
}

/** Claim, release, invalidate or revalidate. Lists and the record refresh whatever the outcome. */
export function usePoolMove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: movePool,
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useContacts(customerId: string, enabled = true) {
  return useQuery({
    queryKey: contactKeys.ofCustomer(customerId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/contacts", {
          params: { query: { customer_id: customerId, page: 1, page_size: CHILD_PAGE_SIZE, sort: "name" } },
        }),
      ),
    enabled,
  });
}

/** Contacts; setting a primary contact unsets another one, so every write reloads the customer's whole list. */
export const contactsApi = resourceApi("/api/v1/contacts");

/**
 * Follow-ups; one moves its customer's last and next follow-up times, and a lead's first one
 * turns a new lead contacted.
 */
export const followUpsApi = resourceApi("/api/v1/follow-ups", { alsoInvalidates: [["customers"], ["leads"]] });

/** The follow-ups with a customer or a lead, newest first. */
export function useFollowUps(subject: FollowUpSubject, enabled = true) {
  return useQuery({
    queryKey: followUpKeys.of(subject),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/follow-ups", {
          params: { query: { ...subjectRef(subject), page: 1, page_size: CHILD_PAGE_SIZE, sort: "-occurred_at" } },
        }),
      ),
    enabled,
  });
}

/** The contacts a follow-up with the subject may name: the customer's; a lead has none, and nothing is asked. */
export function useSubjectContacts(subject: FollowUpSubject, enabled = true) {
  const customerId = subjectCustomerId(subject);
  return useContacts(customerId ?? "", enabled && customerId !== undefined);
}

/** A few customers matching `q`, for pickers (merge). */
export function useCustomerSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: customerKeys.search(q),
    queryFn: () => unwrap(api.GET("/api/v1/customers", { params: { query: { q: q || undefined, page: 1, page_size: 20, sort: "name" } } })),
    enabled,
    staleTime: 10_000,
  });
}

/** 转移: owned customers to another owner, all in one request. */
export function useTransferCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferCustomers) => unwrap(api.POST("/api/v1/customers/transfer", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

/** 分配: public customers to an owner, all or nothing. */
export function useAssignCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignCustomers) => unwrap(api.POST("/api/v1/customers/assign", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export type BulkOutcome = { done: Customer[]; failed: { customer: Customer; error: unknown }[] };

/**
 * Releases several customers. The API releases one at a time, so this sends one request per
 * customer, one after another, and reports which went through; a failure does not stop the rest.
 */
export function useBulkRelease() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ customers, reason }: { customers: readonly Customer[]; reason: string }): Promise<BulkOutcome> => {
      const outcome: BulkOutcome = { done: [], failed: [] };
      for (const customer of customers) {
        try {
          await unwrap(api.POST("/api/v1/customers/{id}/release", { params: { path: { id: customer.id } }, body: { reason } }));
          outcome.done.push(customer);
        } catch (error) {
          outcome.failed.push({ customer, error });
        }
      }
      return outcome;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useCollaborators(customerId: string) {
  return useQuery({
    queryKey: customerKeys.collaborators(customerId),
    queryFn: () => unwrap(api.GET("/api/v1/customers/{id}/collaborators", { params: { path: { id: customerId } } })).then((list) => list.items),
  });
}

/** Replaces the whole list of collaborators; the answer is the list as saved. */
export function useReplaceCollaborators(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: CollaboratorShare[]) =>
      unwrap(api.PUT("/api/v1/customers/{id}/collaborators", { params: { path: { id: customerId } }, body: { items } })),
    onSuccess: (saved) => queryClient.setQueryData(customerKeys.collaborators(customerId), saved.items),
    onError: () => queryClient.invalidateQueries({ queryKey: customerKeys.collaborators(customerId) }),
  });
}

/** Merges another customer into this one; its contacts, follow-ups and collaborators move here. */
export function useMergeCustomer(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MergeCustomers) => unwrap(api.POST("/api/v1/customers/{id}/merge", { params: { path: { id: customerId } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
        queryClient.invalidateQueries({ queryKey: contactKeys.all }),
        queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
      ]),
  });
}

/** The suppliers serving the customer (set on the suppliers' side). */
export function useCustomerSuppliers(customerId: string) {
  return useQuery({
    queryKey: customerKeys.suppliers(customerId),
    queryFn: () => unwrap(api.GET("/api/v1/customers/{id}/suppliers", { params: { path: { id: customerId } } })).then((list) => list.items),
  });
}

const TIMELINE_PAGE_SIZE = 20;

/** The customer's timeline, newest first, a page at a time ("load more" asks for the next). */
export function useCustomerTimeline(customerId: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(customerId),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/api/v1/customers/{id}/timeline", { params: { path: { id: customerId }, query: { page: pageParam, page_size: TIMELINE_PAGE_SIZE } } })),
    initialPageParam: 1,
    getNextPageParam: nextTimelinePage,
  });
}
