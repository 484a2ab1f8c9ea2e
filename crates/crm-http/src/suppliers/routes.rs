use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::products::suppliers::Suppliers;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::SUPPLIERS_READ), list_suppliers, __path_list_suppliers)
        .sorted_by(kit::sort_names::<Suppliers>)
        .op(P(perms::SUPPLIERS_EXPORT), export_suppliers, __path_export_suppliers)
        .sorted_by(kit::sort_names::<Suppliers>)
        .op(P(perms::SUPPLIERS_CREATE), create_supplier, __path_create_supplier)
        .op(P(perms::SUPPLIERS_CREATE), batch_suppliers, __path_batch_suppliers)
        .op(P(perms::SUPPLIERS_READ), get_supplier, __path_get_supplier)
        .op(P(perms::SUPPLIERS_UPDATE), update_supplier, __path_update_supplier)
        .op(P(perms::SUPPLIERS_DELETE), delete_supplier, __path_delete_supplier)
        .op(P(perms::SUPPLIERS_READ), get_prices, __path_get_prices)
        .op(P(perms::SUPPLIERS_UPDATE), put_prices, __path_put_prices)
        .op(P(perms::SUPPLIERS_READ), get_customers, __path_get_customers)
        .op(P(perms::SUPPLIERS_UPDATE), put_customers, __path_put_customers)
        .op(P(perms::SUPPLIERS_READ), suppliers_of_customer, __path_suppliers_of_customer);
}
