import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { SupplierPriceInput } from "../../api/types";
import { resourceApi } from "../../shared/resource/resourceApi";
import { productKeys } from "../products/api";

/** The customers feature's cache of a customer's suppliers (`customerKeys.suppliers`), which shows supplier names. */
const CUSTOMER_SUPPLIERS = ["customers", "suppliers"] as const;

/** Suppliers: list, record, create, update and delete. A supplier's name also shows in products' supplier prices and customers' supplier lists. */
export const suppliersApi = resourceApi("/api/v1/suppliers", { alsoInvalidates: [["products", "supplier-prices"], CUSTOMER_SUPPLIERS] });

export const supplierKeys = {
  ...suppliersApi.keys,
  prices: (id: string) => ["suppliers", "prices", id] as const,
  customers: (id: string) => ["suppliers", "customers", id] as const,
};

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
