use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::CUSTOMERS_READ), list_customers, __path_list_customers)
        .sorted_by(crm_persistence::customers::list_spec::sort_names)
        .op(P(perms::CUSTOMERS_CREATE), create_customer, __path_create_customer)
        .op(P(perms::CUSTOMERS_IMPORT), batch_customers, __path_batch_customers)
        .op(P(perms::CUSTOMERS_READ), find_duplicates, __path_find_duplicates)
        .op(P(perms::CUSTOMERS_EXPORT), export_customers, __path_export_customers)
        .sorted_by(crm_persistence::customers::list_spec::sort_names)
        .op(P(perms::CUSTOMERS_ASSIGN), assign_customers, __path_assign_customers)
        .op(P(perms::CUSTOMERS_TRANSFER), transfer_customers, __path_transfer_customers)
        .op(P(perms::POOL_RULES_READ), get_pool_rules, __path_get_pool_rules)
        .op(P(perms::POOL_RULES_UPDATE), put_pool_rules, __path_put_pool_rules)
        .op(P(perms::POOL_RULES_APPLY), apply_pool_rules, __path_apply_pool_rules)
        .op(P(perms::CUSTOMERS_READ), get_customer, __path_get_customer)
        .op(P(perms::CUSTOMERS_UPDATE), update_customer, __path_update_customer)
        .op(P(perms::CUSTOMERS_DELETE), delete_customer, __path_delete_customer)
        .op(P(perms::CUSTOMERS_READ), list_collaborators, __path_list_collaborators)
        .op(P(perms::CUSTOMERS_UPDATE), put_collaborators, __path_put_collaborators)
        .op(P(perms::CUSTOMERS_MERGE), merge_customers, __path_merge_customers)
        .op(P(perms::CUSTOMERS_READ), customer_timeline, __path_customer_timeline)
        .op(P(perms::CUSTOMERS_CLAIM), claim_customer, __path_claim_customer)
        .op(P(perms::CUSTOMERS_RELEASE), release_customer, __path_release_customer)
        .op(P(perms::CUSTOMERS_INVALIDATE), invalidate_customer, __path_invalidate_customer)
        .op(P(perms::CUSTOMERS_INVALIDATE), revalidate_customer, __path_revalidate_customer);
}
