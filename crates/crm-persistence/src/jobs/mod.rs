//! Jobs: everything that runs later or on a schedule, through one durable queue in the
//! database (ARCHITECTURE.md, "jobs").
//!
//! - `queue`: enqueue in the caller's transaction (an outbox: a rolled-back change leaves
//!   no job, a committed one cannot lose it), claim under a lease, finish, retry with
//!   backoff, park as dead, and the admins' list and retry.
//! - `worker`: the loop inside `crm serve` that claims and runs jobs with bounded
//!   concurrency, keeps their leases alive, and on shutdown lets them finish or gives them
//!   back.
//! - `schedule`: scheduled jobs as one row per period with a unique key, so any number of
//!   servers run each period once.
//! - `registry`: what each kind of job does; modules add theirs.

pub mod entity;
pub mod queue;
pub mod registry;
pub mod schedule;
pub mod worker;

pub use queue::{enqueue, enqueue_at};
pub use registry::Registry;
pub use worker::{start, Jobs, WorkerOptions};
