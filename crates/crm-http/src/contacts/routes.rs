use actix_web::http::Method;
use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.add(Method::GET, "/api/v1/contacts", P(perms::CONTACTS_READ), list_contacts)
        .add(Method::POST, "/api/v1/contacts", P(perms::CONTACTS_CREATE), create_contact)
        .add(Method::GET, "/api/v1/contacts/{id}", P(perms::CONTACTS_READ), get_contact)
        .add(Method::PATCH, "/api/v1/contacts/{id}", P(perms::CONTACTS_UPDATE), update_contact)
        .add(Method::DELETE, "/api/v1/contacts/{id}", P(perms::CONTACTS_DELETE), delete_contact);
}
