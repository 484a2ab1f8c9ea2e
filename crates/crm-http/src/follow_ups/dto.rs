pub use crm_domain::customers::follow_up::{FollowUpPatch, NewFollowUp};
pub use crm_persistence::customers::follow_ups::FollowUpView as FollowUp;
pub use crm_persistence::customers::interactions::InteractionView as Interaction;
