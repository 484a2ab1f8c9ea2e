use actix_web::http::Method;
use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.add(Method::GET, "/api/v1/suppliers", P(perms::SUPPLIERS_READ), list_suppliers)
        .add(Method::POST, "/api/v1/suppliers", P(perms::SUPPLIERS_CREATE), create_supplier)
        .add(Method::GET, "/api/v1/suppliers/{id}", P(perms::SUPPLIERS_READ), get_supplier)
        .add(Method::PATCH, "/api/v1/suppliers/{id}", P(perms::SUPPLIERS_UPDATE), update_supplier)
        .add(Method::DELETE, "/api/v1/suppliers/{id}", P(perms::SUPPLIERS_DELETE), delete_supplier)
        .add(Method::GET, "/api/v1/suppliers/{id}/prices", P(perms::SUPPLIERS_READ), get_prices)
        .add(Method::PUT, "/api/v1/suppliers/{id}/prices", P(perms::SUPPLIERS_UPDATE), put_prices)
        .add(Method::GET, "/api/v1/suppliers/{id}/customers", P(perms::SUPPLIERS_READ), get_customers)
        .add(Method::PUT, "/api/v1/suppliers/{id}/customers", P(perms::SUPPLIERS_UPDATE), put_customers)
        .add(Method::GET, "/api/v1/customers/{id}/suppliers", P(perms::SUPPLIERS_READ), suppliers_of_customer);
}
