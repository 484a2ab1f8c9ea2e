use crm_domain::permissions::{perms, Access};
use crm_persistence::approvals::{flows, views};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::APPROVALS_MANAGE), list_flows, __path_list_flows)
        .sorted_by(flows::sort_names)
        .op(P(perms::APPROVALS_MANAGE), create_flow, __path_create_flow)
        .op(P(perms::APPROVALS_MANAGE), batch_flows, __path_batch_flows)
        .op(P(perms::APPROVALS_MANAGE), get_flow, __path_get_flow)
        .op(P(perms::APPROVALS_MANAGE), update_flow, __path_update_flow)
        .op(P(perms::APPROVALS_MANAGE), delete_flow, __path_delete_flow)
        .op(P(perms::APPROVALS_READ), list_approvals, __path_list_approvals)
        .sorted_by(views::sort_names)
        .op(P(perms::APPROVALS_READ), get_approval, __path_get_approval)
        .op(P(perms::APPROVALS_APPROVE), approve, __path_approve)
        .op(P(perms::APPROVALS_APPROVE), reject, __path_reject)
        .op(P(perms::APPROVALS_READ), withdraw, __path_withdraw)
        .op(P(perms::APPROVALS_APPROVE), transfer, __path_transfer)
        .op(P(perms::APPROVALS_READ), comment, __path_comment)
        .op(P(perms::QUOTES_UPDATE), submit_quote, __path_submit_quote);
}
