use actix_web::http::Method;
use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.add(Method::GET, "/api/v1/customers", P(perms::CUSTOMERS_READ), list_customers)
        .add(Method::POST, "/api/v1/customers", P(perms::CUSTOMERS_CREATE), create_customer)
        .add(Method::POST, "/api/v1/customers/batch", P(perms::CUSTOMERS_IMPORT), batch_customers)
        .add(Method::GET, "/api/v1/customers/duplicates", P(perms::CUSTOMERS_READ), find_duplicates)
        .add(Method::GET, "/api/v1/customers/export", P(perms::CUSTOMERS_EXPORT), export_customers)
        .add(Method::POST, "/api/v1/customers/assign", P(perms::CUSTOMERS_ASSIGN), assign_customers)
        .add(Method::POST, "/api/v1/customers/transfer", P(perms::CUSTOMERS_TRANSFER), transfer_customers)
        .add(Method::GET, "/api/v1/pool-rules", P(perms::POOL_RULES_READ), get_pool_rules)
        .add(Method::PUT, "/api/v1/pool-rules", P(perms::POOL_RULES_UPDATE), put_pool_rules)
        .add(Method::POST, "/api/v1/pool-rules/apply", P(perms::POOL_RULES_APPLY), apply_pool_rules)
        .add(Method::GET, "/api/v1/customers/{id}", P(perms::CUSTOMERS_READ), get_customer)
        .add(Method::PATCH, "/api/v1/customers/{id}", P(perms::CUSTOMERS_UPDATE), update_customer)
        .add(Method::DELETE, "/api/v1/customers/{id}", P(perms::CUSTOMERS_DELETE), delete_customer)
        .add(Method::GET, "/api/v1/customers/{id}/collaborators", P(perms::CUSTOMERS_READ), list_collaborators)
        .add(Method::PUT, "/api/v1/customers/{id}/collaborators", P(perms::CUSTOMERS_UPDATE), put_collaborators)
        .add(Method::POST, "/api/v1/customers/{id}/merge", P(perms::CUSTOMERS_MERGE), merge_customers)
        .add(Method::GET, "/api/v1/customers/{id}/timeline", P(perms::CUSTOMERS_READ), customer_timeline)
        .add(Method::POST, "/api/v1/customers/{id}/claim", P(perms::CUSTOMERS_CLAIM), claim_customer)
        .add(Method::POST, "/api/v1/customers/{id}/release", P(perms::CUSTOMERS_RELEASE), release_customer)
        .add(Method::POST, "/api/v1/customers/{id}/invalidate", P(perms::CUSTOMERS_INVALIDATE), invalidate_customer)
        .add(Method::POST, "/api/v1/customers/{id}/revalidate", P(perms::CUSTOMERS_INVALIDATE), revalidate_customer);
}
