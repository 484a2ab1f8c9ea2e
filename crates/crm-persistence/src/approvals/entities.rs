//! The approval tables (migration `m20261214_000000_approvals`).

pub mod flow {
    crate::record_table!("approval_flows" {
        pub doc_type: String,
        pub name: String,
        pub enabled: bool,
        pub department_id: Option<Uuid>,
        pub resubmit_mode: String,
        pub allow_withdraw: bool,
        pub require_comment_on_reject: bool,
        pub self_approval: String,
        pub empty_approver: String,
        /// `Vec<FlowStep>`.
        pub steps: Json,
    });
}

pub mod instance {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "approval_instances")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub doc_type: String,
        pub doc_id: Uuid,
        pub doc_label: String,
        /// What the approvers read about the document (`DocSnapshot::summary`).
        pub summary: Json,
        /// The document's condition fields as submitted.
        pub fields: Json,
        pub flow_id: Option<Uuid>,
        pub flow_version: Option<i32>,
        /// The flow's settings as they were at submission (`FlowRules`).
        pub flow: Json,
        /// `Vec<InstanceStep>`.
        pub steps: Json,
        pub current_step: Option<i32>,
        pub status: String,
        pub applicant_id: Uuid,
        /// 1 for the first submission of the document, then one more per resubmission.
        pub round: i32,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub finished_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod task {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "approval_tasks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub instance_id: Uuid,
        pub step_index: i32,
        /// The approver's place in the step (a sequential step's order).
        pub position: i32,
        pub approver_id: Uuid,
        /// waiting (a sequential step's later turn), pending, approved, rejected,
        /// cancelled or transferred.
        pub state: String,
        pub comment: Option<String>,
        pub created_at: DateTimeUtc,
        pub acted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "approval_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub instance_id: Uuid,
        pub step_index: Option<i32>,
        pub actor_id: Option<Uuid>,
        /// submit, approve, reject, withdraw, transfer, comment, auto_pass, skip, approved
        /// (the instance), rejected.
        pub action: String,
        pub comment: Option<String>,
        pub data: Json,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
