use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::REPORTS_READ), funnel_report, __path_funnel_report)
        .op(P(perms::REPORTS_READ), forecast_report, __path_forecast_report)
        .op(P(perms::REPORTS_READ), opportunities_report, __path_opportunities_report)
        .op(P(perms::REPORTS_EXPORT), export_funnel, __path_export_funnel)
        .op(P(perms::REPORTS_EXPORT), export_forecast, __path_export_forecast)
        .op(P(perms::REPORTS_EXPORT), export_opportunities_report, __path_export_opportunities_report);
}
