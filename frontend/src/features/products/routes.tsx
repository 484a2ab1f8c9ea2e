import type { FeatureRoute } from "../../app/registry";

export const PRODUCTS_PATH = "/products";
export const CATEGORIES_PATH = "/product-categories";

export const routes: FeatureRoute[] = [
  {
    path: PRODUCTS_PATH,
    load: () => import("./pages/ProductsPage").then((m) => ({ default: m.ProductsPage })),
    permission: "products:read",
  },
  {
    path: CATEGORIES_PATH,
    load: () => import("./pages/CategoriesPage").then((m) => ({ default: m.CategoriesPage })),
    permission: "product_categories:read",
  },
];
