//! System module: organisation, auth, audit, dictionaries, idempotency.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Departments { Table, Id, Name, ParentId, HeadId, Remark, SortOrder, Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum Users {
    Table, Id, Username, DisplayName, Email, Phone, PasswordHash, DepartmentId, SupervisorId, Enabled,
    Description, Locale, LastLoginAt, LastLoginIp, FailedLogins, FailedWindowStart, LockedUntil,
    Version, CreatedBy, CreatedAt, UpdatedAt, DeletedAt, DeletedBy,
}

#[derive(DeriveIden)]
enum Roles { Table, Id, Name, Description, Permissions, DataScope, Builtin, Version, CreatedAt, UpdatedAt, DeletedAt, DeletedBy }

#[derive(DeriveIden)]
enum UserRoles { Table, UserId, RoleId }

#[derive(DeriveIden)]
enum RefreshTokens { Table, Id, UserId, FamilyId, TokenHash, ExpiresAt, CreatedAt, RotatedAt, RevokedAt }

#[derive(DeriveIden)]
enum ApiTokens { Table, Id, UserId, Name, TokenHash, Prefix, Scopes, ExpiresAt, LastUsedAt, CreatedAt, RevokedAt }

#[derive(DeriveIden)]
enum AuditLogs { Table, Id, Entity, EntityId, Action, ActorId, ActorName, Ip, RequestId, Changes, CreatedAt }

#[derive(DeriveIden)]
enum DictionaryItems { Table, Id, Kind, Code, LabelZh, LabelEn, SortOrder, Enabled, Version, CreatedAt, UpdatedAt }

#[derive(DeriveIden)]
enum IdempotencyKeys { Table, Principal, Key, RequestHash, StatusCode, ResponseBody, ResponseHeaders, CreatedAt }

fn ts(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().to_owned()
}
fn ts_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().null().to_owned()
}
fn uuid_pk(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().primary_key().to_owned()
}
fn uuid_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().null().to_owned()
}
fn version(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().default(1).to_owned()
}

fn index(name: &str, table: impl IntoIden + 'static, cols: Vec<impl IntoIden + 'static>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Departments::Table)
                .col(uuid_pk(Departments::Id))
                .col(ColumnDef::new(Departments::Name).string_len(100).not_null())
                .col(uuid_null(Departments::ParentId))
                .col(uuid_null(Departments::HeadId))
                .col(ColumnDef::new(Departments::Remark).string_len(500).null())
                .col(ColumnDef::new(Departments::SortOrder).integer().not_null().default(0))
                .col(version(Departments::Version))
                .col(uuid_null(Departments::CreatedBy))
                .col(ts(Departments::CreatedAt))
                .col(ts(Departments::UpdatedAt))
                .col(ts_null(Departments::DeletedAt))
                .col(uuid_null(Departments::DeletedBy))
                .foreign_key(ForeignKey::create().from(Departments::Table, Departments::ParentId).to(Departments::Table, Departments::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_departments_parent", Departments::Table, vec![Departments::ParentId])).await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(uuid_pk(Users::Id))
                .col(ColumnDef::new(Users::Username).string_len(64).not_null().unique_key())
                .col(ColumnDef::new(Users::DisplayName).string_len(100).not_null())
                .col(ColumnDef::new(Users::Email).string_len(254).null().unique_key())
                .col(ColumnDef::new(Users::Phone).string_len(32).null())
                .col(ColumnDef::new(Users::PasswordHash).string_len(255).not_null())
                .col(uuid_null(Users::DepartmentId))
                .col(uuid_null(Users::SupervisorId))
                .col(ColumnDef::new(Users::Enabled).boolean().not_null().default(true))
                .col(ColumnDef::new(Users::Description).string_len(500).null())
                .col(ColumnDef::new(Users::Locale).string_len(10).null())
                .col(ts_null(Users::LastLoginAt))
                .col(ColumnDef::new(Users::LastLoginIp).string_len(64).null())
                .col(ColumnDef::new(Users::FailedLogins).integer().not_null().default(0))
                .col(ts_null(Users::FailedWindowStart))
                .col(ts_null(Users::LockedUntil))
                .col(version(Users::Version))
                .col(uuid_null(Users::CreatedBy))
                .col(ts(Users::CreatedAt))
                .col(ts(Users::UpdatedAt))
                .col(ts_null(Users::DeletedAt))
                .col(uuid_null(Users::DeletedBy))
                .foreign_key(ForeignKey::create().from(Users::Table, Users::DepartmentId).to(Departments::Table, Departments::Id))
                .foreign_key(ForeignKey::create().from(Users::Table, Users::SupervisorId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_users_department", Users::Table, vec![Users::DepartmentId])).await?;
        m.create_index(index("idx_users_supervisor", Users::Table, vec![Users::SupervisorId])).await?;
        m.create_index(index("idx_users_created_at", Users::Table, vec![Users::CreatedAt])).await?;
        m.create_index(index("idx_users_display_name", Users::Table, vec![Users::DisplayName])).await?;

        m.create_table(
            Table::create()
                .table(Roles::Table)
                .col(uuid_pk(Roles::Id))
                .col(ColumnDef::new(Roles::Name).string_len(64).not_null().unique_key())
                .col(ColumnDef::new(Roles::Description).string_len(500).null())
                .col(ColumnDef::new(Roles::Permissions).json_binary().not_null())
                .col(ColumnDef::new(Roles::DataScope).string_len(32).not_null())
                .col(ColumnDef::new(Roles::Builtin).boolean().not_null().default(false))
                .col(version(Roles::Version))
                .col(ts(Roles::CreatedAt))
                .col(ts(Roles::UpdatedAt))
                .col(ts_null(Roles::DeletedAt))
                .col(uuid_null(Roles::DeletedBy))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserRoles::Table)
                .col(ColumnDef::new(UserRoles::UserId).uuid().not_null())
                .col(ColumnDef::new(UserRoles::RoleId).uuid().not_null())
                .primary_key(Index::create().col(UserRoles::UserId).col(UserRoles::RoleId))
                .foreign_key(ForeignKey::create().from(UserRoles::Table, UserRoles::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(UserRoles::Table, UserRoles::RoleId).to(Roles::Table, Roles::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_user_roles_role", UserRoles::Table, vec![UserRoles::RoleId])).await?;

        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(uuid_pk(RefreshTokens::Id))
                .col(ColumnDef::new(RefreshTokens::UserId).uuid().not_null())
                .col(ColumnDef::new(RefreshTokens::FamilyId).uuid().not_null())
                .col(ColumnDef::new(RefreshTokens::TokenHash).string_len(64).not_null().unique_key())
                .col(ts(RefreshTokens::ExpiresAt))
                .col(ts(RefreshTokens::CreatedAt))
                .col(ts_null(RefreshTokens::RotatedAt))
                .col(ts_null(RefreshTokens::RevokedAt))
                .foreign_key(ForeignKey::create().from(RefreshTokens::Table, RefreshTokens::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_refresh_tokens_family", RefreshTokens::Table, vec![RefreshTokens::FamilyId])).await?;
        m.create_index(index("idx_refresh_tokens_user", RefreshTokens::Table, vec![RefreshTokens::UserId])).await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(uuid_pk(ApiTokens::Id))
                .col(ColumnDef::new(ApiTokens::UserId).uuid().not_null())
                .col(ColumnDef::new(ApiTokens::Name).string_len(100).not_null())
                .col(ColumnDef::new(ApiTokens::TokenHash).string_len(64).not_null().unique_key())
                .col(ColumnDef::new(ApiTokens::Prefix).string_len(16).not_null())
                .col(ColumnDef::new(ApiTokens::Scopes).json_binary().not_null())
                .col(ts_null(ApiTokens::ExpiresAt))
                .col(ts_null(ApiTokens::LastUsedAt))
                .col(ts(ApiTokens::CreatedAt))
                .col(ts_null(ApiTokens::RevokedAt))
                .foreign_key(ForeignKey::create().from(ApiTokens::Table, ApiTokens::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_api_tokens_user", ApiTokens::Table, vec![ApiTokens::UserId, ApiTokens::CreatedAt])).await?;

        m.create_table(
            Table::create()
                .table(AuditLogs::Table)
                .col(uuid_pk(AuditLogs::Id))
                .col(ColumnDef::new(AuditLogs::Entity).string_len(64).not_null())
                .col(ColumnDef::new(AuditLogs::EntityId).uuid().not_null())
                .col(ColumnDef::new(AuditLogs::Action).string_len(32).not_null())
                .col(uuid_null(AuditLogs::ActorId))
                .col(ColumnDef::new(AuditLogs::ActorName).string_len(100).null())
                .col(ColumnDef::new(AuditLogs::Ip).string_len(64).null())
                .col(ColumnDef::new(AuditLogs::RequestId).string_len(64).null())
                .col(ColumnDef::new(AuditLogs::Changes).json_binary().not_null())
                .col(ts(AuditLogs::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_audit_entity", AuditLogs::Table, vec![AuditLogs::Entity, AuditLogs::EntityId, AuditLogs::CreatedAt])).await?;
        m.create_index(index("idx_audit_actor", AuditLogs::Table, vec![AuditLogs::ActorId, AuditLogs::CreatedAt])).await?;
        m.create_index(index("idx_audit_created_at", AuditLogs::Table, vec![AuditLogs::CreatedAt])).await?;

        m.create_table(
            Table::create()
                .table(DictionaryItems::Table)
                .col(uuid_pk(DictionaryItems::Id))
                .col(ColumnDef::new(DictionaryItems::Kind).string_len(64).not_null())
                .col(ColumnDef::new(DictionaryItems::Code).string_len(64).not_null())
                .col(ColumnDef::new(DictionaryItems::LabelZh).string_len(100).not_null())
                .col(ColumnDef::new(DictionaryItems::LabelEn).string_len(100).not_null())
                .col(ColumnDef::new(DictionaryItems::SortOrder).integer().not_null().default(0))
                .col(ColumnDef::new(DictionaryItems::Enabled).boolean().not_null().default(true))
                .col(version(DictionaryItems::Version))
                .col(ts(DictionaryItems::CreatedAt))
                .col(ts(DictionaryItems::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("uq_dictionary_kind_code", DictionaryItems::Table, vec![DictionaryItems::Kind, DictionaryItems::Code]).unique().to_owned()).await?;

        m.create_table(
            Table::create()
                .table(IdempotencyKeys::Table)
                .col(ColumnDef::new(IdempotencyKeys::Principal).string_len(64).not_null())
                .col(ColumnDef::new(IdempotencyKeys::Key).string_len(255).not_null())
                .col(ColumnDef::new(IdempotencyKeys::RequestHash).string_len(64).not_null())
                .col(ColumnDef::new(IdempotencyKeys::StatusCode).integer().null())
                .col(ColumnDef::new(IdempotencyKeys::ResponseBody).text().null())
                .col(ColumnDef::new(IdempotencyKeys::ResponseHeaders).json_binary().null())
                .col(ts(IdempotencyKeys::CreatedAt))
                .primary_key(Index::create().col(IdempotencyKeys::Principal).col(IdempotencyKeys::Key))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_idempotency_created_at", IdempotencyKeys::Table, vec![IdempotencyKeys::CreatedAt])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            IdempotencyKeys::Table.into_iden(),
            DictionaryItems::Table.into_iden(),
            AuditLogs::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            UserRoles::Table.into_iden(),
            Roles::Table.into_iden(),
            Users::Table.into_iden(),
            Departments::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
