import { useState } from "react";
import { Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiToken } from "../../../api/types";
import { ConfirmAction } from "../../../shared/components/ConfirmDelete";
import { formatDateTime } from "../../../shared/format";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { apiTokensApi } from "../api";
import { CreateApiTokenModal } from "../components/CreateApiTokenModal";
import { TokenSecretModal } from "../components/TokenSecretModal";

const NO_FILTERS = [] as const;

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { paged } = useListUrlState<ApiToken, never>(NO_FILTERS, "-created_at");
  // The token list pages in a fixed order (newest first) and takes nothing else.
  const tokens = apiTokensApi.useList({ page: paged.params.page, page_size: paged.params.page_size });
  const revoke = apiTokensApi.useDelete();
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
    { title: t("apiTokens:fields.scopes"), key: "scopes", render: (_, token) => token.scopes.map((scope) => <Tag key={scope}>{scope}</Tag>) },
    { title: t("apiTokens:fields.expires_at"), dataIndex: "expires_at", key: "expires_at", render: (v: string | null) => formatDateTime(v, t("apiTokens:never")) },
    { title: t("apiTokens:fields.last_used_at"), dataIndex: "last_used_at", key: "last_used_at", render: (v: string | null) => formatDateTime(v, none) },
    { title: t("apiTokens:fields.created_at"), dataIndex: "created_at", key: "created_at", render: (v: string) => formatDateTime(v, none) },
    {
      title: t("common:actions.actions"),
      key: "actions",
      render: (_, token) =>
        token.revoked_at ? (
          <Tag>{t("apiTokens:revokedTag")}</Tag>
        ) : (
          <ConfirmAction
            danger
            question={t("apiTokens:revokeConfirm", { name: token.name })}
            label={t("apiTokens:revoke")}
            onConfirm={() => revoke.mutateAsync(token)}
            doneMessage={t("apiTokens:revoked")}
          />
        ),
    },
  ];

  return (
    // Every signed-in user keeps their own tokens, so creating needs no permission.
    <ResourceListPage<ApiToken>
      title={t("apiTokens:title")}
      create={{ permission: null, testId: "api-token-create", onClick: () => setCreating(true) }}
      table={{ columns, list: tokens, paged }}
      overlays={
        <>
          <CreateApiTokenModal
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={(token) => {
              setCreating(false);
              setSecret(token.token);
            }}
          />
          <TokenSecretModal secret={secret} onClose={() => setSecret(null)} />
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t("apiTokens:intro")}</Typography.Paragraph>
    </ResourceListPage>
  );
}
