import { createElement } from "react";
import { ApartmentOutlined, ShoppingOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { CATEGORIES_PATH, PRODUCTS_PATH, routes } from "./routes";
import { productSearch } from "./search";

export const productsFeature: Feature = {
  name: "products",
  routes,
  menu: [
    { key: "products", path: PRODUCTS_PATH, group: "products", labelKey: "common:menu.entries.products", icon: createElement(ShoppingOutlined), permission: "products:read" },
    {
      key: "product-categories",
      path: CATEGORIES_PATH,
      group: "products",
      labelKey: "common:menu.entries.productCategories",
      icon: createElement(ApartmentOutlined),
      permission: "product_categories:read",
    },
  ],
  search: [productSearch],
};
