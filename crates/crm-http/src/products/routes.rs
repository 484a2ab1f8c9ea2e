use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::products::{categories::Categories, service::Products};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::PRODUCT_CATEGORIES_READ), category_tree, __path_category_tree)
        .op(P(perms::PRODUCT_CATEGORIES_READ), list_categories, __path_list_categories)
        .sorted_by(kit::sort_names::<Categories>)
        .op(P(perms::PRODUCT_CATEGORIES_EXPORT), export_categories, __path_export_categories)
        .sorted_by(kit::sort_names::<Categories>)
        .op(P(perms::PRODUCT_CATEGORIES_CREATE), create_category, __path_create_category)
        .op(P(perms::PRODUCT_CATEGORIES_CREATE), batch_categories, __path_batch_categories)
        .op(P(perms::PRODUCT_CATEGORIES_READ), get_category, __path_get_category)
        .op(P(perms::PRODUCT_CATEGORIES_UPDATE), update_category, __path_update_category)
        .op(P(perms::PRODUCT_CATEGORIES_DELETE), delete_category, __path_delete_category)
        .op(P(perms::PRODUCTS_READ), list_products, __path_list_products)
        .sorted_by(kit::sort_names::<Products>)
        .op(P(perms::PRODUCTS_CREATE), create_product, __path_create_product)
        .op(P(perms::PRODUCTS_CREATE), batch_products, __path_batch_products)
        .op(P(perms::PRODUCTS_EXPORT), export_products, __path_export_products)
        .sorted_by(kit::sort_names::<Products>)
        .op(P(perms::PRODUCTS_READ), get_product, __path_get_product)
        .op(P(perms::PRODUCTS_UPDATE), update_product, __path_update_product)
        .op(P(perms::PRODUCTS_DELETE), delete_product, __path_delete_product)
        .op(P(perms::SUPPLIERS_READ), product_supplier_prices, __path_product_supplier_prices);
}
