//! Approval flows and their instances (OFF-2). A flow is a kit record (versioned, in the
//! recycle bin); an instance copies the flow as it was at submission (running approvals
//! keep their version) and the document's fields the conditions read. Tasks are one row
//! per approver and step: the inbox reads them by approver and state. Events are the
//! timeline. Every action updates the instance row under its version, so two approvers
//! acting at once take turns and exactly one of them moves a step.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApprovalFlows {
    Table, Id, DocType, Name, Enabled, DepartmentId, ResubmitMode, AllowWithdraw, RequireCommentOnReject, SelfApproval, EmptyApprover, Steps,
    Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum ApprovalInstances {
    Table, Id, DocType, DocId, DocLabel, Summary, Fields, FlowId, FlowVersion, Flow, Steps, CurrentStep, Status, ApplicantId, Round, Version,
    CreatedAt, UpdatedAt, FinishedAt,
}

#[derive(DeriveIden)]
enum ApprovalTasks { Table, Id, InstanceId, StepIndex, Position, ApproverId, State, Comment, CreatedAt, ActedAt }

#[derive(DeriveIden)]
enum ApprovalEvents { Table, Id, InstanceId, StepIndex, ActorId, Action, Comment, Data, At }

#[derive(DeriveIden)]
enum Users { Table, Id }

fn ts(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().not_null().to_owned()
}
fn ts_null(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ApprovalFlows as F;
        m.create_table(
            Table::create()
                .table(F::Table)
                .col(ColumnDef::new(F::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(F::DocType).string_len(32).not_null())
                .col(ColumnDef::new(F::Name).string_len(100).not_null())
                .col(ColumnDef::new(F::Enabled).boolean().not_null())
                .col(ColumnDef::new(F::DepartmentId).uuid().null())
                .col(ColumnDef::new(F::ResubmitMode).string_len(32).not_null())
                .col(ColumnDef::new(F::AllowWithdraw).boolean().not_null())
                .col(ColumnDef::new(F::RequireCommentOnReject).boolean().not_null())
                .col(ColumnDef::new(F::SelfApproval).string_len(16).not_null())
                .col(ColumnDef::new(F::EmptyApprover).string_len(16).not_null())
                .col(ColumnDef::new(F::Steps).json_binary().not_null())
                .col(ColumnDef::new(F::Version).integer().not_null().default(1))
                .col(ColumnDef::new(F::CreatedBy).uuid().null())
                .col(ts(F::CreatedAt))
                .col(ts(F::UpdatedAt))
                .col(ts_null(F::DeletedAt))
                .col(ColumnDef::new(F::DeletedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_approval_flows_type").table(F::Table).col(F::DocType).col(F::Enabled).to_owned()).await?;

        use ApprovalInstances as I;
        m.create_table(
            Table::create()
                .table(I::Table)
                .col(ColumnDef::new(I::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(I::DocType).string_len(32).not_null())
                .col(ColumnDef::new(I::DocId).uuid().not_null())
                .col(ColumnDef::new(I::DocLabel).string_len(255).not_null())
                .col(ColumnDef::new(I::Summary).json_binary().not_null())
                .col(ColumnDef::new(I::Fields).json_binary().not_null())
                .col(ColumnDef::new(I::FlowId).uuid().null())
                .col(ColumnDef::new(I::FlowVersion).integer().null())
                .col(ColumnDef::new(I::Flow).json_binary().not_null())
                .col(ColumnDef::new(I::Steps).json_binary().not_null())
                .col(ColumnDef::new(I::CurrentStep).integer().null())
                .col(ColumnDef::new(I::Status).string_len(16).not_null())
                .col(ColumnDef::new(I::ApplicantId).uuid().not_null())
                .col(ColumnDef::new(I::Round).integer().not_null())
                .col(ColumnDef::new(I::Version).integer().not_null().default(1))
                .col(ts(I::CreatedAt))
                .col(ts(I::UpdatedAt))
                .col(ts_null(I::FinishedAt))
                .foreign_key(ForeignKey::create().from(I::Table, I::ApplicantId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_approval_instances_applicant").table(I::Table).col(I::ApplicantId).col(I::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_approval_instances_doc").table(I::Table).col(I::DocType).col(I::DocId).col(I::CreatedAt).to_owned()).await?;

        use ApprovalTasks as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(ColumnDef::new(T::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(T::InstanceId).uuid().not_null())
                .col(ColumnDef::new(T::StepIndex).integer().not_null())
                .col(ColumnDef::new(T::Position).integer().not_null())
                .col(ColumnDef::new(T::ApproverId).uuid().not_null())
                .col(ColumnDef::new(T::State).string_len(16).not_null())
                .col(ColumnDef::new(T::Comment).string_len(2000).null())
                .col(ts(T::CreatedAt))
                .col(ts_null(T::ActedAt))
                .foreign_key(ForeignKey::create().from(T::Table, T::InstanceId).to(I::Table, I::Id))
                .foreign_key(ForeignKey::create().from(T::Table, T::ApproverId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        // The inbox: my pending tasks, newest first; and what I acted on.
        m.create_index(Index::create().name("ix_approval_tasks_inbox").table(T::Table).col(T::ApproverId).col(T::State).col(T::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_approval_tasks_instance").table(T::Table).col(T::InstanceId).col(T::StepIndex).to_owned()).await?;

        use ApprovalEvents as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(ColumnDef::new(E::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(E::InstanceId).uuid().not_null())
                .col(ColumnDef::new(E::StepIndex).integer().null())
                .col(ColumnDef::new(E::ActorId).uuid().null())
                .col(ColumnDef::new(E::Action).string_len(32).not_null())
                .col(ColumnDef::new(E::Comment).string_len(2000).null())
                .col(ColumnDef::new(E::Data).json_binary().not_null())
                .col(ts(E::At))
                .foreign_key(ForeignKey::create().from(E::Table, E::InstanceId).to(I::Table, I::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_approval_events_instance").table(E::Table).col(E::InstanceId).col(E::At).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApprovalEvents::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ApprovalTasks::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ApprovalInstances::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ApprovalFlows::Table).to_owned()).await
    }
}
