import { useState } from "react";
import { Grid, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { EmptyState } from "../../../shared/components/EmptyState";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { webhooksApi, type Webhook } from "../api";
import { EnabledTag, EventTags } from "../components/EventTags";
import { PrivateTargetsSetting } from "../components/PrivateTargetsSetting";
import { MONO, WebhookFormDrawer } from "../components/WebhookFormDrawer";
import { eventsHistoryText } from "../events";
import { WEBHOOK_FILTERS, webhookFormValues, webhookQuery, type WebhookFilterName, type WebhookSearchValues } from "../filters";
import { WEBHOOKS_PATH } from "../routes";

/** 事件推送: the webhooks, the installation's private-target setting, create, edit and delete. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const { filters, setFilters, paged } = useListUrlState<Webhook, WebhookFilterName>(WEBHOOK_FILTERS);
  const query = webhookQuery(filters);
  const list = webhooksApi.useList({ ...paged.params, ...query });
  const remove = webhooksApi.useDelete();
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const openDrawer = (webhook: Webhook | null) => {
    setEditing(webhook);
    setDrawerOpen(true);
  };
  const filtered = Object.keys(query).length > 0;

  const actions = useActionsColumn<Webhook>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "webhooks:update", onClick: openDrawer, testId: "webhook-edit" }],
    history: {
      entity: "webhooks",
      name: (w) => w.name,
      fields: "webhooks:fields",
      valueText: eventsHistoryText(t),
    },
    // The version the row was read at goes as If-Match: a webhook changed since is not deleted unseen.
    remove: { permission: "webhooks:delete", name: (w) => w.name, onDelete: (w) => remove.mutateAsync(w), testId: "webhook-delete" },
    inline: phone ? 0 : 1,
  });

  const nameLink = (w: Webhook) => (
    <Link to={`${WEBHOOKS_PATH}/${w.id}`} data-testid="webhook-link">
      {w.name}
    </Link>
  );
  const url = (value: string) => (
    <Typography.Text type="secondary" style={{ ...MONO, fontSize: 12, maxWidth: "100%" }} ellipsis={{ tooltip: value }}>
      {value}
    </Typography.Text>
  );

  const columns: TableColumnsType<Webhook> = phone
    ? [
        {
          title: t("webhooks:fields.name"),
          key: "name",
          render: (_, w) => (
            <div style={{ minWidth: 0, maxWidth: "calc(100vw - 150px)" }}>
              <div>
                {nameLink(w)} <EnabledTag enabled={w.enabled} />
              </div>
              {url(w.url)}
              <div style={{ marginTop: 4 }}>
                <EventTags events={w.events} max={2} />
              </div>
            </div>
          ),
        },
        ...actions,
      ]
    : [
        { title: t("webhooks:fields.name"), dataIndex: "name", key: "name", sorter: true, width: 200, render: (_: string, w) => nameLink(w) },
        { title: t("webhooks:fields.url"), dataIndex: "url", key: "url", width: 300, render: url },
        { title: t("webhooks:fields.events"), dataIndex: "events", key: "events", width: 320, render: (events: string[]) => <EventTags events={events} /> },
        { title: t("webhooks:fields.enabled"), dataIndex: "enabled", key: "enabled", width: 100, render: (enabled: boolean) => <EnabledTag enabled={enabled} /> },
        ...actions,
      ];

  return (
    <ResourceListPage<Webhook>
      title={t("webhooks:title")}
      create={{ permission: "webhooks:create", testId: "webhook-create", onClick: () => openDrawer(null) }}
      table={{
        columns,
        list,
        paged,
        testId: "webhooks-table",
        empty: <EmptyState title={t(filtered ? "webhooks:emptyFiltered" : "webhooks:empty")} />,
        ...(phone ? { scroll: {}, showHeader: false } : {}),
      }}
      overlays={
        <WebhookFormDrawer open={drawerOpen} webhook={editing} onClose={() => setDrawerOpen(false)} onCreated={(w) => navigate(`${WEBHOOKS_PATH}/${w.id}`)} />
      }
    >
      <Typography.Paragraph type="secondary">{t("webhooks:intro")}</Typography.Paragraph>
      <PrivateTargetsSetting />
      <SearchForm<WebhookSearchValues>
        testId="webhook-search"
        values={webhookFormValues(filters)}
        onSearch={(values) => setFilters({ q: values.q, enabled: values.enabled })}
        fields={[
          { name: "q", label: t("webhooks:search.q"), placeholder: t("webhooks:search.qPlaceholder"), width: 200, testId: "webhook-search-q" },
          {
            name: "enabled",
            label: t("webhooks:search.enabled"),
            width: 120,
            placeholder: t("webhooks:search.any"),
            options: [
              { value: "true", label: t("webhooks:enabled.on") },
              { value: "false", label: t("webhooks:enabled.off") },
            ],
            testId: "webhook-search-enabled",
          },
        ]}
      />
    </ResourceListPage>
  );
}
