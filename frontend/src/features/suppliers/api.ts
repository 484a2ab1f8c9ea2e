import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { CreateSupplier, Supplier, SupplierPriceInput, UpdateSupplier } from "../../api/types";
import type { PageParams } from "../../shared/hooks/pagedQuery";
import { productKeys } from "../products/api";
import type { SupplierFilters } from "./filters";

export type SupplierListParams = PageParams & SupplierFilters;

/** The customers feature's cache of a customer's suppliers (`customerKeys.suppliers`), which shows supplier names. */
const CUSTOMER_SUPPLIERS = ["customers", "suppliers"] as const;

export const supplierKeys = {
  all: ["suppliers"] as const,
  list: (params: SupplierListParams) => ["suppliers", "list", params] as const,
  detail: (id: string) => ["suppliers", "detail", id] as const,
  prices: (id: string) => ["suppliers", "prices", id] as const,
  customers: (id: string) => ["suppliers", "customers", id] as const,
};

export function useSuppliers(params: SupplierListParams) {
  return useQuery({
    queryKey: supplierKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/suppliers", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}

export function useSupplier(id: string) {
  return useQuery({
    queryKey: supplierKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/v1/suppliers/{id}", { params: { path: { id } } })),
  });
}

export function useCreateSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSupplier) => unwrap(api.POST("/api/v1/suppliers", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supplierKeys.all }),
  });
}

export function useUpdateSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ supplier, patch }: { supplier: Supplier; patch: UpdateSupplier }) =>
      unwrap(
        api.PATCH("/api/v1/suppliers/{id}", {
          params: { path: { id: supplier.id }, header: ifMatch(supplier.version) },
          body: patch,
        }),
      ),
    // The supplier's name shows in products' supplier prices and customers' supplier lists too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: supplierKeys.all }),
        queryClient.invalidateQueries({ queryKey: ["products", "supplier-prices"] }),
        queryClient.invalidateQueries({ queryKey: CUSTOMER_SUPPLIERS }),
      ]),
  });
}

export function useDeleteSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (supplier: Supplier) =>
      unwrap(api.DELETE("/api/v1/suppliers/{id}", { params: { path: { id: supplier.id }, header: ifMatch(supplier.version) } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: supplierKeys.all }),
        queryClient.invalidateQueries({ queryKey: ["products", "supplier-prices"] }),
        queryClient.invalidateQueries({ queryKey: CUSTOMER_SUPPLIERS }),
      ]),
  });
}

export function useSupplierPrices(id: string) {
  return useQuery({
    queryKey: supplierKeys.prices(id),
    queryFn: () => unwrap(api.GET("/api/v1/suppliers/{id}/prices", { params: { path: { id } } })).then((list) => list.items),
  });
}

/** Replaces the whole price list; the answer is the list as saved. */
export function useReplaceSupplierPrices(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: SupplierPriceInput[]) =>
      unwrap(api.PUT("/api/v1/suppliers/{id}/prices", { params: { path: { id } }, body: { items } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(supplierKeys.prices(id), saved.items);
      // Products show their suppliers' prices.
      return queryClient.invalidateQueries({ queryKey: productKeys.all });
    },
  });
}

export function useSupplierCustomers(id: string) {
  return useQuery({
    queryKey: supplierKeys.customers(id),
    queryFn: () => unwrap(api.GET("/api/v1/suppliers/{id}/customers", { params: { path: { id } } })).then((list) => list.items),
  });
}

/** Replaces the customers the supplier serves; the answer is the list as saved. */
export function useReplaceSupplierCustomers(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (customerIds: string[]) =>
      unwrap(api.PUT("/api/v1/suppliers/{id}/customers", { params: { path: { id } }, body: { customer_ids: customerIds } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(supplierKeys.customers(id), saved.items);
      // A customer's 360 page lists its suppliers.
      return queryClient.invalidateQueries({ queryKey: CUSTOMER_SUPPLIERS });
    },
  });
}

/**
 * Customers matching `q`, for the served-customers picker. Its own key under "suppliers" so it
 * stays independent of the customers feature's caches; without customers:read it offers nobody.
 */
export function useCustomerOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: ["suppliers", "customer-options", q] as const,
    queryFn: () =>
      unwrap(api.GET("/api/v1/customers", { params: { query: { q: q || undefined, page: 1, page_size: 20, sort: "name" } } }))
        .then((page) => page.items.map((c) => ({ id: c.id, code: c.code, name: c.name })))
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 403) return [];
          throw error;
        }),
    enabled,
    staleTime: 10_000,
  });
}
