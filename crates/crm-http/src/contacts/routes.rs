use crm_domain::permissions::{perms, Access};
use crm_persistence::customers::contacts::Contacts;
use crm_persistence::kit;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::CONTACTS_READ), list_contacts, __path_list_contacts)
        .sorted_by(kit::sort_names::<Contacts>)
        .op(P(perms::CONTACTS_EXPORT), export_contacts, __path_export_contacts)
        .sorted_by(kit::sort_names::<Contacts>)
        .op(P(perms::CONTACTS_CREATE), create_contact, __path_create_contact)
        .op(P(perms::CONTACTS_CREATE), batch_contacts, __path_batch_contacts)
        .op(P(perms::CONTACTS_READ), get_contact, __path_get_contact)
        .op(P(perms::CONTACTS_UPDATE), update_contact, __path_update_contact)
        .op(P(perms::CONTACTS_DELETE), delete_contact, __path_delete_contact);
}
