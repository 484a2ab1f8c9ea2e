import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type {
  Contact,
  CreateContact,
  CreateCustomer,
  CreateFollowUp,
  Customer,
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

export function useCustomers(params: CustomerListParams) {
  return useQuery({
    queryKey: customerKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/customers", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/v1/customers/{id}", { params: { path: { id } } })),
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
