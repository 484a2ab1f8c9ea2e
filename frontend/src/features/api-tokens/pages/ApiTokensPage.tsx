import { useState } from "react";
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ApiToken } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useApiTokens, useRevokeApiToken } from "../api";
import { CreateApiTokenModal } from "../components/CreateApiTokenModal";
import { TokenSecretModal } from "../components/TokenSecretModal";

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const paged = usePagedTable<ApiToken>("-created_at");
  const tokens = useApiTokens(paged.params);
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const none = t("common:values.none");

  const columns: TableColumnsType<ApiToken> = [
    { title: t("apiTokens:fields.name"), dataIndex: "name", key: "name" },
    {
      title: t("apiTokens:fields.prefix"),
      dataIndex: "prefix",
      key: "prefix",
      render: (prefix: string) => <Typography.Text code>{`${prefix}…`}</Typography.Text>,
    },
    {
      title: t("apiTokens:fields.scopes"),
      key: "scopes",
      render: (_, token) => token.scopes.map((scope) => <Tag key={scope}>{scope}</Tag>),
    },
    {
      title: t("apiTokens:fields.expires_at"),
      dataIndex: "expires_at",
      key: "expires_at",
      render: (v: string | null) => formatDateTime(v, t("apiTokens:never")),
    },
    {
      title: t("apiTokens:fields.last_used_at"),
      dataIndex: "last_used_at",
      key: "last_used_at",
      render: (v: string | null) => formatDateTime(v, none),
    },
    {
      title: t("apiTokens:fields.created_at"),
      dataIndex: "created_at",
      key: "created_at",
      render: (v: string) => formatDateTime(v, none),
    },
    {
      title: t("common:actions.actions"),
      key: "actions",
      render: (_, token) =>
        token.revoked_at ? (
          <Tag>{t("apiTokens:revokedTag")}</Tag>
        ) : (
          <Popconfirm
            title={t("apiTokens:revokeConfirm", { name: token.name })}
            okText={t("common:confirm.yes")}
            cancelText={t("common:confirm.no")}
            onConfirm={() =>
              revoke.mutateAsync(token.id).then(
                () => void message.success(t("apiTokens:revoked")),
                (e: unknown) => onProblem(e),
              )
            }
          >
            <Button type="link" size="small" danger>
              {t("apiTokens:revoke")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("apiTokens:title")}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} data-testid="api-token-create" onClick={() => setCreating(true)}>
          {t("common:actions.create")}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t("apiTokens:intro")}</Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data?.items}
        loading={tokens.isFetching}
        {...paged.tableProps(tokens.data?.total)}
      />
      <CreateApiTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setSecret(token.token);
        }}
      />
      <TokenSecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
