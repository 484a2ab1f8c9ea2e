//! Contacts on the wire: the persistence read model and the domain's inputs.

pub use crm_domain::customers::contact::{ContactPatch, NewContact};
pub use crm_persistence::customers::contacts::ContactView as Contact;
