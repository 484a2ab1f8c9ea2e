import { useMemo, useState } from "react";
import { Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { User } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { roleName } from "../../../shared/systemText";
import { departmentNames, useDepartmentTree } from "../../../shared/lookups";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { usersApi } from "../api";
import { ResetPasswordModal } from "../components/ResetPasswordModal";
import { UserFormDrawer } from "../components/UserFormDrawer";

const USER_FILTERS = ["q"] as const;

export function UsersPage() {
  const { t } = useTranslation();
  const { filters, setFilters, paged } = useListUrlState<User, (typeof USER_FILTERS)[number]>(USER_FILTERS, "-created_at");
  const users = usersApi.useList({ ...paged.params, q: filters.q });
  const exporter = usersApi.useExport("users");
  const departments = useDepartmentTree();
  const names = useMemo(() => departmentNames(departments.data ?? []), [departments.data]);
  const remove = usersApi.useDelete();
  const [editing, setEditing] = useState<User | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const openDrawer = (user: User | null) => {
    setEditing(user);
    setDrawerOpen(true);
  };

  const actions = useActionsColumn<User>({
    fixed: false,
    actions: [
      { key: "edit", label: t("common:actions.edit"), permission: "users:update", onClick: openDrawer },
      { key: "reset-password", label: t("users:resetPassword"), permission: "users:reset_password", onClick: setResetting },
    ],
    history: {
      entity: "users",
      name: (u) => u.display_name || u.username,
      userFields: ["supervisor_id"],
      // The department and the roles by the names the user carries beside their ids.
      hiddenFields: ["department_id", "role_ids"],
      valueText: (field, value) => (field === "locale" && typeof value === "string" ? t(`common:language.${value}`, { defaultValue: value }) : undefined),
    },
    remove: { permission: "users:delete", name: (u) => u.display_name || u.username, onDelete: (u) => remove.mutateAsync(u) },
  });

  const none = t("common:values.none");
  const columns: TableColumnsType<User> = [
    { title: t("users:fields.username"), dataIndex: "username", key: "username", sorter: true },
    { title: t("users:fields.display_name"), dataIndex: "display_name", key: "display_name", sorter: true },
    {
      title: t("users:fields.department"),
      key: "department",
      render: (_, u) => u.department_name ?? (u.department_id ? (names.get(u.department_id) ?? none) : none),
    },
    { title: t("users:fields.roles"), key: "roles", render: (_, u) => u.roles.map((r) => <Tag key={r.id}>{roleName(t, r.name)}</Tag>) },
    { title: t("users:fields.email"), dataIndex: "email", key: "email", render: (v: string | null) => v || none },
    {
      title: t("users:fields.enabled"),
      dataIndex: "enabled",
      key: "enabled",
      render: (enabled: boolean) => (enabled ? <Tag color="green">{t("common:values.enabled")}</Tag> : <Tag>{t("common:values.disabled")}</Tag>),
    },
    { title: t("users:fields.last_login_at"), dataIndex: "last_login_at", key: "last_login_at", sorter: true, render: (v: string | null) => formatDateTime(v, none) },
    ...actions,
  ];

  return (
    <ResourceListPage<User>
      title={t("users:title")}
      toolbar={<ExportButton exporter={exporter} query={{ q: filters.q, sort: paged.params.sort }} permission="users:export" testId="user-export" />}
      create={{ permission: "users:create", testId: "user-create", onClick: () => openDrawer(null) }}
      table={{ columns, list: users, paged }}
      overlays={
        <>
          <UserFormDrawer open={drawerOpen} user={editing} onClose={() => setDrawerOpen(false)} />
          <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
        </>
      }
    >
      <SearchForm
        testId="user-search"
        values={filters}
        onSearch={setFilters}
        fields={[{ name: "q", label: t("users:search"), placeholder: t("users:searchPlaceholder"), width: 240, testId: "user-search-q" }]}
      />
    </ResourceListPage>
  );
}
