import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Descriptions, Grid, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ConfirmAction } from "../../../shared/components/ConfirmDelete";
import { EmptyState } from "../../../shared/components/EmptyState";
import { formatDateTime } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { recordPath } from "../../../shared/recordLinks";
import { usePermission } from "../../auth/api";
import { deliveriesKey, useDeliveries, useResendDelivery, useWebhookEvents, type WebhookDelivery } from "../api";
import { DELIVERY_STATUSES, deliveryErrorText, deliveryQuery, deliveryStatusView, RESEND_REFRESH_MS, type DeliveryFilters } from "../deliveries";
import { ALL_EVENTS, eventEntity, eventLabel, PING } from "../events";
import { MONO } from "./WebhookFormDrawer";

/**
 * A webhook's delivery log, newest first: every attempt with its event, record, result, the
 * receiver's status, how long it took and why it failed; filters by result and event; an
 * attempt's event can be sent again.
 */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const can = usePermission();
  const queryClient = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const paged = usePagedTable<WebhookDelivery>();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const query = { page: paged.params.page, page_size: paged.params.page_size, ...deliveryQuery(filters) };
  const deliveries = useDeliveries(webhookId, query);
  const catalogue = useWebhookEvents();
  const resend = useResendDelivery(webhookId);
  const mayResend = can("webhooks:update");
  const none = t("common:values.none");

  // The log asks again shortly after a resend (the worker makes the attempt); not after leaving.
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  const refreshSoon = () => {
    for (const ms of RESEND_REFRESH_MS) timers.current.push(setTimeout(() => void queryClient.invalidateQueries({ queryKey: deliveriesKey(webhookId) }), ms));
  };

  const filter = (patch: DeliveryFilters) => {
    setFilters((old) => ({ ...old, ...patch }));
    paged.resetPage();
  };

  const eventOptions = useMemo(
    () => [PING, ...(catalogue.data?.events ?? []).filter((e) => e !== ALL_EVENTS)].map((e) => ({ value: e, label: eventLabel(t, e) })),
    [catalogue.data, t],
  );

  const statusTag = (d: WebhookDelivery) => {
    const view = deliveryStatusView(t, d.status);
    return (
      <Tag color={view.color} data-testid="delivery-status" style={{ marginInlineEnd: 0 }}>
        {view.text}
      </Tag>
    );
  };
  const eventCell = (d: WebhookDelivery) => (
    <>
      <span data-testid="delivery-event" style={{ whiteSpace: "nowrap" }}>
        {eventLabel(t, d.event)}
      </span>
      <Typography.Text type="secondary" style={{ ...MONO, display: "block", fontSize: 12 }}>
        {d.event}
      </Typography.Text>
    </>
  );
  const record = (d: WebhookDelivery, whole = false) => {
    const entity = d.event === PING ? "webhooks" : eventEntity(d.event);
    const path = entity ? recordPath(entity, d.record_id, null, can) : undefined;
    // Only a page of the record itself: a list (payments, products) would not show which one.
    const link = path?.includes(d.record_id) ? path : undefined;
    const text = whole ? d.record_id : `${d.record_id.slice(0, 8)}…`;
    const shown = <span style={MONO}>{text}</span>;
    return (
      <Tooltip title={whole ? undefined : d.record_id}>
        {link ? <Link to={link}>{shown}</Link> : shown}
      </Tooltip>
    );
  };
  const answer = (d: WebhookDelivery) => (d.response_status ?? none) as number | string;
  const duration = (d: WebhookDelivery) => t("webhooks:deliveries.ms", { n: d.duration_ms });
  const error = (d: WebhookDelivery) =>
    d.error ? (
      <Typography.Text type="danger" style={{ maxWidth: 260 }} ellipsis={{ tooltip: deliveryErrorText(t, d.error) }} data-testid="delivery-error">
        {deliveryErrorText(t, d.error)}
      </Typography.Text>
    ) : (
      none
    );
  const resendButton = (d: WebhookDelivery) =>
    mayResend && (
      <ConfirmAction
        question={t("webhooks:deliveries.resendConfirm")}
        label={t("webhooks:deliveries.resend")}
        onConfirm={() => resend.mutateAsync(d.id).then(refreshSoon)}
        doneMessage={t("webhooks:deliveries.resent")}
        testId="delivery-resend"
      />
    );

  const columns: TableColumnsType<WebhookDelivery> = phone
    ? [
        {
          title: t("webhooks:deliveries.fields.event"),
          key: "event",
          render: (_, d) => (
            <>
              {eventCell(d)}
              <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, whiteSpace: "nowrap" }}>
                {formatDateTime(d.created_at, none)}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t("webhooks:deliveries.fields.status"),
          key: "status",
          width: 110,
          render: (_, d) => (
            <Space direction="vertical" size={4} align="start">
              {statusTag(d)}
              {resendButton(d)}
            </Space>
          ),
        },
      ]
    : [
        { title: t("webhooks:deliveries.fields.created_at"), dataIndex: "created_at", key: "created_at", width: 170, render: (v: string) => formatDateTime(v, none) },
        { title: t("webhooks:deliveries.fields.event"), key: "event", width: 190, render: (_, d) => eventCell(d) },
        { title: t("webhooks:deliveries.fields.record_id"), key: "record_id", width: 110, render: (_, d) => record(d) },
        { title: t("webhooks:deliveries.fields.attempt"), dataIndex: "attempt", key: "attempt", width: 70, align: "center" },
        { title: t("webhooks:deliveries.fields.status"), key: "status", width: 80, render: (_, d) => statusTag(d) },
        { title: t("webhooks:deliveries.fields.response_status"), key: "response_status", width: 100, align: "center", render: (_, d) => answer(d) },
        { title: t("webhooks:deliveries.fields.duration_ms"), key: "duration_ms", width: 100, align: "right", render: (_, d) => duration(d) },
        { title: t("webhooks:deliveries.fields.error"), key: "error", width: 280, render: (_, d) => error(d) },
        ...(mayResend
          ? ([{ title: t("common:actions.actions"), key: "actions", width: 100, fixed: "right", render: (_, d) => resendButton(d) }] satisfies TableColumnsType<WebhookDelivery>)
          : []),
      ];

  const details = (d: WebhookDelivery) => (
    <Descriptions size="small" column={phone ? 1 : 2} bordered={!phone} styles={{ label: { whiteSpace: "nowrap" } }} data-testid="delivery-details">
      <Descriptions.Item label={t("webhooks:deliveries.fields.created_at")}>{formatDateTime(d.created_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("webhooks:deliveries.fields.attempt")}>{d.attempt}</Descriptions.Item>
      <Descriptions.Item label={t("webhooks:deliveries.fields.response_status")}>{answer(d)}</Descriptions.Item>
      <Descriptions.Item label={t("webhooks:deliveries.fields.duration_ms")}>{duration(d)}</Descriptions.Item>
      <Descriptions.Item label={t("webhooks:deliveries.fields.record_id")}>{record(d, true)}</Descriptions.Item>
      <Descriptions.Item label={t("webhooks:deliveries.fields.event_id")}>
        <Typography.Text copyable style={MONO}>
          {d.event_id}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t("webhooks:deliveries.fields.error")} span={phone ? 1 : 2}>
        {d.error ? (
          <Typography.Paragraph type="danger" style={{ margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {deliveryErrorText(t, d.error)}
          </Typography.Paragraph>
        ) : (
          none
        )}
      </Descriptions.Item>
    </Descriptions>
  );

  const filtered = Object.keys(deliveryQuery(filters)).length > 0;

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("webhooks:deliveries.anyStatus")}
          value={filters.status}
          onChange={(status?: string) => filter({ status })}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: deliveryStatusView(t, s).text }))}
          style={{ width: 140 }}
          aria-label={t("webhooks:deliveries.fields.status")}
          data-testid="delivery-filter-status"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t("webhooks:deliveries.anyEvent")}
          value={filters.event}
          onChange={(event?: string) => filter({ event })}
          options={eventOptions}
          style={{ width: 200, maxWidth: "calc(100vw - 96px)" }}
          popupMatchSelectWidth={false}
          aria-label={t("webhooks:deliveries.fields.event")}
          data-testid="delivery-filter-event"
        />
        <Button icon={<ReloadOutlined />} loading={deliveries.isFetching} onClick={() => void deliveries.refetch()} data-testid="delivery-refresh">
          {t("common:actions.refresh")}
        </Button>
      </Space>
      <Table<WebhookDelivery>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={deliveries.data?.items}
        // A spinner for a new page or filter, not for the quiet refresh every few seconds.
        loading={deliveries.isFetching && (deliveries.isPlaceholderData || !deliveries.data)}
        scroll={phone ? undefined : { x: "max-content" }}
        expandable={{ expandedRowRender: details }}
        onRow={(d) => ({ "data-status": d.status, "data-event": d.event, "data-attempt": d.attempt }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <EmptyState title={t(filtered ? "webhooks:deliveries.emptyFiltered" : "webhooks:deliveries.empty")} /> }}
        data-testid="webhook-deliveries"
        {...paged.tableProps(deliveries.data?.total, deliveries.data?.total_exact)}
      />
    </>
  );
}
