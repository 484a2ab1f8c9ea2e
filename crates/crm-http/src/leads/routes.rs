use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::leads::Leads;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::LEADS_READ), list_leads, __path_list_leads)
        .sorted_by(kit::sort_names::<Leads>)
        .op(P(perms::LEADS_CREATE), create_lead, __path_create_lead)
        .op(P(perms::LEADS_CREATE), batch_leads, __path_batch_leads)
        .op(P(perms::LEADS_EXPORT), export_leads, __path_export_leads)
        .sorted_by(kit::sort_names::<Leads>)
        .op(P(perms::LEADS_TRANSFER), assign_leads, __path_assign_leads)
        .op(P(perms::LEADS_READ), get_lead, __path_get_lead)
        .op(P(perms::LEADS_UPDATE), update_lead, __path_update_lead)
        .op(P(perms::LEADS_DELETE), delete_lead, __path_delete_lead)
        .op(P(perms::LEADS_UPDATE), claim_lead, __path_claim_lead)
        .op(P(perms::LEADS_UPDATE), release_lead, __path_release_lead)
        .op(P(perms::LEADS_CONVERT), convert_lead, __path_convert_lead);
}
