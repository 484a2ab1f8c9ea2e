import { useMemo, useState } from "react";
import { Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { User } from "../../../api/types";
import { usePermission } from "../../auth/api";
import { formatDateTime } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { departmentNames, useDepartmentTree } from "../../../shared/lookups";
import { useDeleteUser, useUsers } from "../api";
import { ResetPasswordModal } from "../components/ResetPasswordModal";
import { UserFormDrawer } from "../components/UserFormDrawer";

export function UsersPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const paged = usePagedTable<User>("-created_at");
  const [q, setQ] = useState("");
  const users = useUsers({ ...paged.params, q });
  const departments = useDepartmentTree();
  const names = useMemo(() => departmentNames(departments.data ?? []), [departments.data]);
  const remove = useDeleteUser();
  const [editing, setEditing] = useState<User | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const none = t("common:values.none");
  const columns: TableColumnsType<User> = [
    { title: t("users:fields.username"), dataIndex: "username", key: "username", sorter: true },
    { title: t("users:fields.display_name"), dataIndex: "display_name", key: "display_name", sorter: true },
    {
      title: t("users:fields.department"),
      key: "department",
      render: (_, u) => u.department_name ?? (u.department_id ? (names.get(u.department_id) ?? none) : none),
    },
    {
      title: t("users:fields.roles"),
      key: "roles",
      render: (_, u) => u.roles.map((r) => <Tag key={r.id}>{r.name}</Tag>),
    },
    { title: t("users:fields.email"), dataIndex: "email", key: "email", render: (v: string | null) => v || none },
    {
      title: t("users:fields.enabled"),
      dataIndex: "enabled",
      key: "enabled",
      render: (enabled: boolean) =>
        enabled ? <Tag color="green">{t("common:values.enabled")}</Tag> : <Tag>{t("common:values.disabled")}</Tag>,
    },
    {
      title: t("users:fields.last_login_at"),
      dataIndex: "last_login_at",
      key: "last_login_at",
      sorter: true,
      render: (v: string | null) => formatDateTime(v, none),
    },
    ...(!can("users:update") && !can("users:delete") && !can("users:reset_password") ? [] : [{
      title: t("common:actions.actions"),
      key: "actions",
      render: (_: unknown, u: User) => (
        <Space size="small" wrap>
          {can("users:update") && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                setEditing(u);
                setDrawerOpen(true);
              }}
            >
              {t("common:actions.edit")}
            </Button>
          )}
          {can("users:reset_password") && (
            <Button type="link" size="small" onClick={() => setResetting(u)}>
              {t("users:resetPassword")}
            </Button>
          )}
          {can("users:delete") && (
            <ConfirmDelete name={u.display_name || u.username} onDelete={() => remove.mutateAsync(u)} />
          )}
        </Space>
      ),
    }]),
  ];

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("users:title")}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t("users:searchPlaceholder")}
            style={{ width: 280 }}
            onSearch={(value) => {
              setQ(value.trim());
              paged.resetPage();
            }}
            enterButton={t("common:actions.search")}
          />
          {can("users:create") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="user-create"
              onClick={() => {
                setEditing(null);
                setDrawerOpen(true);
              }}
            >
              {t("common:actions.create")}
            </Button>
          )}
        </Space>
      </Space>
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        scroll={{ x: "max-content" }}
        {...paged.tableProps(users.data?.total)}
      />
      <UserFormDrawer open={drawerOpen} user={editing} onClose={() => setDrawerOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
