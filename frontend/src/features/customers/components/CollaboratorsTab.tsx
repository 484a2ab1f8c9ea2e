import { useState } from "react";
import { App, Button, Popconfirm, Result, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Collaborator, CollaboratorShare, Customer } from "../../../api/types";
import { ApiError } from "../../../api/problem";
import { UserPicker } from "../../../shared/components/UserPicker";
import { formatDateTime } from "../../../shared/format";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useCollaborators, useReplaceCollaborators } from "../api";

const ACCESS = ["read", "edit"] as const;
type Access = (typeof ACCESS)[number];

/** The server answers `read` or `edit`; anything else is read as the narrower `read`. */
function asAccess(value: string): Access {
  return value === "edit" ? "edit" : "read";
}

function shares(list: readonly Collaborator[]): CollaboratorShare[] {
  return list.map((c) => ({ user_id: c.user_id, access: asAccess(c.access) }));
}

/** 团队成员: who else sees the customer (read) or may change it too (edit). */
export function CollaboratorsTab({ customer, editBlocked }: { customer: Customer; editBlocked?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const collaborators = useCollaborators(customer.id);
  const replace = useReplaceCollaborators(customer.id);
  const [userId, setUserId] = useState<string | undefined>();
  const [access, setAccess] = useState<Access>("read");
  // The server decides finally (only the owner's side may share); the permission, and a customer
  // the user may only read, hide the controls.
  const editable = can("customers:update") && !editBlocked;
  const none = t("common:values.none");
  const list = collaborators.data ?? [];
  const accessOptions = ACCESS.map((value) => ({ value, label: t(`customers:collaborators.access.${value}`) }));

  const save = (items: CollaboratorShare[], done: string) =>
    replace.mutate(items, {
      onSuccess: () => {
        message.success(done);
        setUserId(undefined);
        setAccess("read");
      },
      onError: (e) => onProblem(e),
    });

  if (collaborators.isError) {
    const status = collaborators.error instanceof ApiError ? collaborators.error.status : 0;
    return (
      <Result
        status={status === 403 ? "403" : status === 404 ? "404" : "error"}
        subTitle={status === 403 ? t("customers:collaborators.forbidden") : status === 404 ? t("customers:detail.notFound") : t("common:messages.loadFailed")}
      />
    );
  }

  const columns: TableColumnsType<Collaborator> = [
    { title: t("customers:collaborators.fields.user"), dataIndex: "display_name", key: "user" },
    {
      title: t("customers:collaborators.fields.access"),
      dataIndex: "access",
      key: "access",
      width: 200,
      render: (value: string, row) =>
        editable ? (
          <Select<string>
            size="small"
            value={value}
            style={{ width: 140 }}
            options={accessOptions}
            disabled={replace.isPending}
            onChange={(next) =>
              save(
                list.map((c) => ({ user_id: c.user_id, access: asAccess(c.user_id === row.user_id ? next : c.access) })),
                t("common:messages.saved"),
              )
            }
          />
        ) : (
          <Tag color={value === "edit" ? "orange" : "default"}>{t(`customers:collaborators.access.${value}`, { defaultValue: value })}</Tag>
        ),
    },
    { title: t("customers:collaborators.fields.created_at"), dataIndex: "created_at", key: "created_at", width: 190, render: (v: string) => formatDateTime(v, none) },
    ...(editable
      ? [
          {
            title: t("common:actions.actions"),
            key: "actions",
            width: 100,
            render: (_: unknown, row: Collaborator) => (
              <Popconfirm
                title={t("customers:collaborators.confirmRemove", { name: row.display_name })}
                okText={t("common:confirm.yes")}
                cancelText={t("common:confirm.no")}
                onConfirm={() => save(shares(list.filter((c) => c.user_id !== row.user_id)), t("customers:collaborators.removed", { name: row.display_name }))}
              >
                <Button type="link" size="small" danger>
                  {t("customers:collaborators.remove")}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }} data-testid="collaborators">
      <Typography.Text type="secondary">{t("customers:collaborators.intro")}</Typography.Text>
      {editable && (
        <Space wrap>
          <UserPicker
            value={userId}
            onChange={(id) => setUserId(id)}
            exclude={[...list.map((c) => c.user_id), ...(customer.owner_id ? [customer.owner_id] : [])]}
            style={{ width: 280 }}
            data-testid="collaborator-user"
          />
          <Select<Access> value={access} onChange={setAccess} options={accessOptions} style={{ width: 140 }} data-testid="collaborator-access" />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!userId}
            loading={replace.isPending}
            data-testid="collaborator-add"
            onClick={() => userId && save([...shares(list), { user_id: userId, access }], t("customers:collaborators.added"))}
          >
            {t("customers:collaborators.add")}
          </Button>
        </Space>
      )}
      <Table<Collaborator>
        rowKey="user_id"
        size="middle"
        columns={columns}
        dataSource={list}
        loading={collaborators.isFetching}
        pagination={false}
        locale={{ emptyText: t("customers:collaborators.empty") }}
      />
    </Space>
  );
}
