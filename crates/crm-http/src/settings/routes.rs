use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::SETTINGS_READ), get_smtp, __path_get_smtp)
        .op(P(perms::SETTINGS_UPDATE), put_smtp, __path_put_smtp)
        .op(P(perms::SETTINGS_UPDATE), delete_smtp, __path_delete_smtp)
        .op(P(perms::SETTINGS_UPDATE), test_smtp, __path_test_smtp)
        .op(P(perms::SETTINGS_READ), get_sms, __path_get_sms)
        .op(P(perms::SETTINGS_UPDATE), put_sms, __path_put_sms)
        .op(P(perms::SETTINGS_UPDATE), delete_sms, __path_delete_sms)
        .op(P(perms::SETTINGS_UPDATE), test_sms, __path_test_sms)
        .op(P(perms::SETTINGS_READ), get_company, __path_get_company)
        .op(P(perms::SETTINGS_UPDATE), put_company, __path_put_company)
        .op(P(perms::SETTINGS_READ), get_numbering, __path_get_numbering)
        .op(P(perms::SETTINGS_UPDATE), put_numbering, __path_put_numbering);
}
