use crm_domain::permissions::{perms, Access};
use crm_persistence::jobs::queue;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::JOBS_READ), list_jobs, __path_list_jobs).sorted_by(queue::sort_names).op(P(perms::JOBS_MANAGE), retry_job, __path_retry_job);
}
