use crm_domain::permissions::{perms, Access};
use crm_persistence::imports;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::IMPORTS_CREATE), create_import, __path_create_import)
        .op(P(perms::IMPORTS_READ), list_imports, __path_list_imports)
        .sorted_by(imports::sort_names)
        .op(P(perms::IMPORTS_READ), import_template, __path_import_template)
        .op(P(perms::IMPORTS_READ), get_import, __path_get_import)
        .op(P(perms::IMPORTS_READ), import_errors, __path_import_errors);
}
