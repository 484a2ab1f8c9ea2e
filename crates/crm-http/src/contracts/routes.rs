use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::sales_docs::contracts::Contracts;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::CONTRACTS_READ), list_contracts, __path_list_contracts)
        .sorted_by(kit::sort_names::<Contracts>)
        .op(P(perms::CONTRACTS_EXPORT), export_contracts, __path_export_contracts)
        .sorted_by(kit::sort_names::<Contracts>)
        .op(P(perms::CONTRACTS_CREATE), create_contract, __path_create_contract)
        .op(P(perms::CONTRACTS_CREATE), batch_contracts, __path_batch_contracts)
        .op(P(perms::CONTRACTS_READ), get_contract, __path_get_contract)
        .op(P(perms::CONTRACTS_READ), contract_pdf, __path_contract_pdf)
        .op(P(perms::CONTRACTS_UPDATE), update_contract, __path_update_contract)
        .op(P(perms::CONTRACTS_DELETE), delete_contract, __path_delete_contract)
        .op(P(perms::CONTRACTS_UPDATE), submit_contract, __path_submit_contract)
        .op(P(perms::CONTRACTS_UPDATE), transition_contract, __path_transition_contract)
        .op(P(perms::CONTRACTS_UPDATE), amend_contract, __path_amend_contract)
        .op(P(perms::CONTRACTS_READ), list_amendments, __path_list_amendments)
        .op(P(perms::CONTRACTS_ARCHIVE), archive_contract, __path_archive_contract)
        .op(P(perms::CONTRACTS_CREATE), contract_from_quote, __path_contract_from_quote);
}
