pub mod contact;
pub mod customer;
pub mod follow_up;
pub mod pool_rule;
pub mod collaborator;
pub mod release;
