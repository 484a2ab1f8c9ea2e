use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::plans::sales_plans::SalesPlans;
use crm_persistence::plans::weekly_reports::WeeklyReports;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::SALES_PLANS_READ), list_plans, __path_list_plans)
        .sorted_by(kit::sort_names::<SalesPlans>)
        .op(P(perms::SALES_PLANS_EXPORT), export_plans, __path_export_plans)
        .sorted_by(kit::sort_names::<SalesPlans>)
        .op(P(perms::SALES_PLANS_CREATE), create_plan, __path_create_plan)
        .op(P(perms::SALES_PLANS_CREATE), batch_plans, __path_batch_plans)
        .op(P(perms::SALES_PLANS_READ), get_plan, __path_get_plan)
        .op(P(perms::SALES_PLANS_UPDATE), update_plan, __path_update_plan)
        .op(P(perms::SALES_PLANS_DELETE), delete_plan, __path_delete_plan)
        .op(P(perms::SALES_PLANS_READ), list_reports, __path_list_reports)
        .sorted_by(kit::sort_names::<WeeklyReports>)
        .op(P(perms::SALES_PLANS_EXPORT), export_reports, __path_export_reports)
        .sorted_by(kit::sort_names::<WeeklyReports>)
        .op(P(perms::SALES_PLANS_CREATE), create_report, __path_create_report)
        .op(P(perms::SALES_PLANS_CREATE), batch_reports, __path_batch_reports)
        .op(P(perms::SALES_PLANS_READ), get_report, __path_get_report)
        .op(P(perms::SALES_PLANS_UPDATE), update_report, __path_update_report)
        .op(P(perms::SALES_PLANS_DELETE), delete_report, __path_delete_report)
        .op(P(perms::SALES_PLANS_UPDATE), comment_report, __path_comment_report);
}
