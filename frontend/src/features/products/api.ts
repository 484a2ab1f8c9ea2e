import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import type {
  CategoryNode,
  CreateProduct,
  CreateProductCategory,
  Product,
  UpdateProduct,
  UpdateProductCategory,
} from "../../api/types";
import type { PageParams } from "../../shared/hooks/pagedQuery";
import type { ProductFilters } from "./filters";

export type ProductListParams = PageParams & ProductFilters;

// Keys start with the resource, so invalidating ["products"] refreshes every product query.
export const productKeys = {
  all: ["products"] as const,
  list: (params: ProductListParams) => ["products", "list", params] as const,
  detail: (id: string) => ["products", "detail", id] as const,
  search: (q: string) => ["products", "search", q] as const,
  supplierPrices: (id: string) => ["products", "supplier-prices", id] as const,
};

export const categoryKeys = {
  all: ["product-categories"] as const,
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

/** Product counts change with products, so both caches refresh after a category or product write. */
function useInvalidateCatalogue() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: categoryKeys.all }),
      queryClient.invalidateQueries({ queryKey: productKeys.all }),
    ]);
}

export function useCreateCategory() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: (body: CreateProductCategory) => unwrap(api.POST("/api/v1/product-categories", { body })),
    onSuccess: invalidate,
  });
}

/**
 * The tree carries no version, so the PATCH and DELETE go without If-Match (the API accepts
 * that: the header is optional).
 */
export function useUpdateCategory() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: ({ id, patch, version }: { id: string; patch: UpdateProductCategory; version?: number }) =>
      unwrap(api.PATCH("/api/v1/product-categories/{id}", { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: invalidate,
  });
}

export function useDeleteCategory() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version?: number }) =>
      unwrap(api.DELETE("/api/v1/product-categories/{id}", { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: invalidate,
  });
}

export function useProducts(params: ProductListParams) {
  return useQuery({
    queryKey: productKeys.list(params),
    queryFn: () => unwrap(api.GET("/api/v1/products", { params: { query: params } })),
    placeholderData: keepPreviousData,
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

export function useCreateProduct() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: (body: CreateProduct) => unwrap(api.POST("/api/v1/products", { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateProduct() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: ({ product, patch }: { product: Product; patch: UpdateProduct }) =>
      unwrap(
        api.PATCH("/api/v1/products/{id}", {
          params: { path: { id: product.id }, header: ifMatch(product.version) },
          body: patch,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteProduct() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: (product: Product) =>
      unwrap(api.DELETE("/api/v1/products/{id}", { params: { path: { id: product.id }, header: ifMatch(product.version) } })),
    onSuccess: invalidate,
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
