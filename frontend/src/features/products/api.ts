import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { CategoryNode } from "../../api/types";
import { resourceApi } from "../../shared/resource/resourceApi";

// Product counts change with products, and products show their category's name, so a write to
// either refreshes both.
export const productsApi = resourceApi("/api/v1/products", { alsoInvalidates: [["product-categories"]] });
export const categoriesApi = resourceApi("/api/v1/product-categories", { alsoInvalidates: [["products"]] });

export const productKeys = {
  ...productsApi.keys,
  search: (q: string) => ["products", "search", q] as const,
  supplierPrices: (id: string) => ["products", "supplier-prices", id] as const,
};

export const categoryKeys = {
  ...categoriesApi.keys,
  tree: ["product-categories", "tree"] as const,
};

export function useCategoryTree() {
  return useQuery({
    queryKey: categoryKeys.tree,
    queryFn: () =>
      unwrap(api.GET("/api/v1/product-categories/tree"))
        .then((tree) => tree.items)
        .catch((error: unknown): CategoryNode[] => {
          // Without the category permission the product list still works, just without the tree.
          if (error instanceof ApiError && error.status === 403) return [];
          throw error;
        }),
    staleTime: 30_000,
  });
}

/** A few products matching `q` (name or code), for pickers. */
export function useProductSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: productKeys.search(q),
    queryFn: () => unwrap(api.GET("/api/v1/products", { params: { query: { q: q || undefined, page: 1, page_size: 20 } } })),
    enabled,
    staleTime: 10_000,
  });
}

/** The suppliers' currently valid prices for a product, cheapest first. */
export function useSupplierPrices(productId: string, enabled = true) {
  return useQuery({
    queryKey: productKeys.supplierPrices(productId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/products/{id}/supplier-prices", { params: { path: { id: productId } } })).then((list) => list.items),
    enabled,
  });
}
