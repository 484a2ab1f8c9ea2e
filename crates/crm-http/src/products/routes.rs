use actix_web::http::Method;
use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.add(Method::GET, "/api/v1/product-categories/tree", P(perms::PRODUCT_CATEGORIES_READ), category_tree)
        .add(Method::GET, "/api/v1/product-categories", P(perms::PRODUCT_CATEGORIES_READ), list_categories)
        .add(Method::POST, "/api/v1/product-categories", P(perms::PRODUCT_CATEGORIES_CREATE), create_category)
        .add(Method::GET, "/api/v1/product-categories/{id}", P(perms::PRODUCT_CATEGORIES_READ), get_category)
        .add(Method::PATCH, "/api/v1/product-categories/{id}", P(perms::PRODUCT_CATEGORIES_UPDATE), update_category)
        .add(Method::DELETE, "/api/v1/product-categories/{id}", P(perms::PRODUCT_CATEGORIES_DELETE), delete_category)
        .add(Method::GET, "/api/v1/products", P(perms::PRODUCTS_READ), list_products)
        .add(Method::POST, "/api/v1/products", P(perms::PRODUCTS_CREATE), create_product)
        .add(Method::GET, "/api/v1/products/export", P(perms::PRODUCTS_EXPORT), export_products)
        .add(Method::GET, "/api/v1/products/{id}", P(perms::PRODUCTS_READ), get_product)
        .add(Method::PATCH, "/api/v1/products/{id}", P(perms::PRODUCTS_UPDATE), update_product)
        .add(Method::DELETE, "/api/v1/products/{id}", P(perms::PRODUCTS_DELETE), delete_product)
        .add(Method::GET, "/api/v1/products/{id}/supplier-prices", P(perms::SUPPLIERS_READ), product_supplier_prices);
}
