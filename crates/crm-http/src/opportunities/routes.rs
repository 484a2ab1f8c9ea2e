use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::opportunities::{Opportunities, PipelineStages};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::PIPELINE_STAGES_READ), list_stages, __path_list_stages)
        .sorted_by(kit::sort_names::<PipelineStages>)
        .op(P(perms::PIPELINE_STAGES_UPDATE), create_stage, __path_create_stage)
        .op(P(perms::PIPELINE_STAGES_UPDATE), batch_stages, __path_batch_stages)
        .op(P(perms::PIPELINE_STAGES_READ), get_stage, __path_get_stage)
        .op(P(perms::PIPELINE_STAGES_UPDATE), update_stage, __path_update_stage)
        .op(P(perms::PIPELINE_STAGES_UPDATE), delete_stage, __path_delete_stage)
        .op(P(perms::OPPORTUNITIES_READ), list_opportunities, __path_list_opportunities)
        .sorted_by(kit::sort_names::<Opportunities>)
        .op(P(perms::OPPORTUNITIES_READ), opportunity_board, __path_opportunity_board)
        .op(P(perms::OPPORTUNITIES_EXPORT), export_opportunities, __path_export_opportunities)
        .sorted_by(kit::sort_names::<Opportunities>)
        .op(P(perms::OPPORTUNITIES_CREATE), create_opportunity, __path_create_opportunity)
        .op(P(perms::OPPORTUNITIES_CREATE), batch_opportunities, __path_batch_opportunities)
        .op(P(perms::OPPORTUNITIES_READ), get_opportunity, __path_get_opportunity)
        .op(P(perms::OPPORTUNITIES_UPDATE), update_opportunity, __path_update_opportunity)
        .op(P(perms::OPPORTUNITIES_DELETE), delete_opportunity, __path_delete_opportunity)
        .op(P(perms::OPPORTUNITIES_UPDATE), move_opportunity, __path_move_opportunity)
        .op(P(perms::OPPORTUNITIES_READ), stage_history, __path_stage_history);
}
