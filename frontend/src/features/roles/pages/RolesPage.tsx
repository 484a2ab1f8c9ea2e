import { useState } from "react";
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DataScope, Role } from "../../../api/types";
import { usePermission } from "../../auth/api";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useDeleteRole, useRoles } from "../api";
import { RoleFormModal, type RoleFormTarget } from "../components/RoleFormModal";

export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const paged = usePagedTable<Role>("name");
  const roles = useRoles(paged.params);
  const remove = useDeleteRole();
  const [target, setTarget] = useState<RoleFormTarget>(null);
  const none = t("common:values.none");

  const columns: TableColumnsType<Role> = [
    {
      title: t("roles:fields.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      render: (name: string, role) => (
        <Space>
          {name}
          {role.builtin && <Tag color="blue">{t("roles:builtinTag")}</Tag>}
        </Space>
      ),
    },
    { title: t("roles:fields.description"), dataIndex: "description", key: "description", render: (v: string | null) => v || none },
    {
      title: t("roles:fields.data_scope"),
      dataIndex: "data_scope",
      key: "data_scope",
      render: (scope: DataScope) => t(`common:dataScope.${scope}`, { defaultValue: scope }),
    },
    {
      title: t("roles:fields.permissions"),
      key: "permissions",
      render: (_, role) => t("roles:permissionCount", { count: role.permissions.length }),
    },
    {
      title: t("common:actions.actions"),
      key: "actions",
      render: (_, role) => (
        <Space size="small">
          {can("roles:update") && (
            <Button type="link" size="small" onClick={() => setTarget({ role })}>
              {t("common:actions.edit")}
            </Button>
          )}
          {can("roles:delete") &&
            (role.builtin ? (
              <Tooltip title={t("roles:builtinNoDelete")}>
                <Button type="link" size="small" danger disabled>
                  {t("common:actions.delete")}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t("common:confirm.delete", { name: role.name })}
                okText={t("common:confirm.yes")}
                cancelText={t("common:confirm.no")}
                onConfirm={() =>
                  remove.mutateAsync(role).then(
                    () => void message.success(t("common:messages.deleted")),
                    (e: unknown) => onProblem(e),
                  )
                }
              >
                <Button type="link" size="small" danger>
                  {t("common:actions.delete")}
                </Button>
              </Popconfirm>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("roles:title")}
        </Typography.Title>
        {can("roles:create") && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="role-create" onClick={() => setTarget({ role: null })}>
            {t("common:actions.create")}
          </Button>
        )}
      </Space>
      <Table<Role>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={roles.data?.items}
        loading={roles.isFetching}
        {...paged.tableProps(roles.data?.total)}
      />
      <RoleFormModal target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}
