import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type {
  AssignCustomers,
  CollaboratorShare,
  Contact,
  CreateContact,
  CreateCustomer,
  CreateFollowUp,
  Customer,
  MergeCustomers,
  TransferCustomers,
  UpdateContact,
  UpdateCustomer,
} from "../../api/types";
import type { PageParams } from "../../shared/hooks/pagedQuery";
import type { DictionaryKind } from "./dictionary";
import type { PoolAction } from "./pools";

export type CustomerFilters = {
  q?: string;
  pool?: string;
  industry?: string;
  source?: string;
  level?: string;
  province?: string;
  city?: string;
  /** RFC 3339 timestamps. */
  created_at_from?: string;
  created_at_to?: string;
};

export type CustomerListParams = PageParams & CustomerFilters;

export type DuplicateQuery = { name?: string; phone?: string; email?: string };

export const customerKeys = {
  all: ["customers"] as const,
  list: (params: CustomerListParams) => ["customers", "list", params] as const,
  detail: (id: string) => ["customers", "detail", id] as const,
  duplicates: (query: DuplicateQuery) => ["customers", "duplicates", query] as const,
  history: (id: string, page: PageParams) => ["customers", "history", id, page] as const,
  search: (q: string) => ["customers", "search", q] as const,
  collaborators: (id: string) => ["customers", "collaborators", id] as const,
  suppliers: (id: string) => ["customers", "suppliers", id] as const,
};

export const contactKeys = {
  all: ["contacts"] as const,
  ofCustomer: (customerId: string) => ["contacts", "customer", customerId] as const,
};

export const followUpKeys = {
  all: ["follow-ups"] as const,
  ofCustomer: (customerId: string) => ["follow-ups", "customer", customerId] as const,
};

export const dictionaryKeys = {
  kind: (kind: DictionaryKind) => ["dictionaries", kind] as const,
};

// Lists of one customer's children are short; one page of the API's maximum holds them.
const CHILD_PAGE_SIZE = 200;

/** `enabled: false` holds the request, e.g. until the page knows which saved view it opens with. */
export function useCustomers(params: CustomerListParams, enabled = true) {
  return useQuery({
    queryKey: customerKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/customers", { params: { query: params } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomer(id: string, enabled = true) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/v1/customers/{id}", { params: { path: { id } } })),
    enabled,
  });
}

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

export function useDictionary(kind: DictionaryKind) {
  return useQuery({
    queryKey: dictionaryKeys.kind(kind),
    queryFn: () => unwrap(api.GET("/api/v1/dictionaries/{kind}", { params: { path: { kind } } })).then((list) => list.items),
    staleTime: 5 * 60_000,
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomer) => unwrap(api.POST("/api/v1/customers", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customer, patch }: { customer: Customer; patch: UpdateCustomer }) =>
      unwrap(
        api.PATCH("/api/v1/customers/{id}", {
          params: { path: { id: customer.id }, header: ifMatch(customer.version) },
          body: patch,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (customer: Customer) =>
      unwrap(api.DELETE("/api/v1/customers/{id}", { params: { path: { id: customer.id }, header: ifMatch(customer.version) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
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

function useContactMutation<V>(mutationFn: (value: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    // Setting a primary contact unsets another one, so the whole list reloads.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  });
}

export function useCreateContact() {
  return useContactMutation((body: CreateContact) => unwrap(api.POST("/api/v1/contacts", { body })));
}

export function useUpdateContact() {
  return useContactMutation(({ contact, patch }: { contact: Contact; patch: UpdateContact }) =>
    unwrap(api.PATCH("/api/v1/contacts/{id}", { params: { path: { id: contact.id }, header: ifMatch(contact.version) }, body: patch })),
  );
}

export function useDeleteContact() {
  return useContactMutation((contact: Contact) =>
    unwrap(api.DELETE("/api/v1/contacts/{id}", { params: { path: { id: contact.id }, header: ifMatch(contact.version) } })),
  );
}

export function useFollowUps(customerId: string, enabled = true) {
  return useQuery({
    queryKey: followUpKeys.ofCustomer(customerId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/follow-ups", {
          params: { query: { customer_id: customerId, page: 1, page_size: CHILD_PAGE_SIZE, sort: "-occurred_at" } },
        }),
      ),
    enabled,
  });
}

export function useCreateFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFollowUp) => unwrap(api.POST("/api/v1/follow-ups", { body })),
    // A follow-up moves the customer's last and next follow-up times.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
      ]),
  });
}

export function useDeleteFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE("/api/v1/follow-ups/{id}", { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
      ]),
  });
}

/** The operation log of one customer, newest first. */
export function useCustomerHistory(customerId: string, page: PageParams, enabled = true) {
  return useQuery({
    queryKey: customerKeys.history(customerId, page),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/audit-logs", {
          params: { query: { entity: "customers", entity_id: customerId, page: page.page, page_size: page.page_size } },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
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
