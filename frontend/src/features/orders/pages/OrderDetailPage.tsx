import { useState } from "react";
import { Button, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { formatDateTime } from "../../../shared/format";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { DocStatusTag } from "../../quotes/components/DocStatusTag";
import { LinesTable } from "../../quotes/components/LinesTable";
import { TotalsSummary } from "../../quotes/components/TotalsSummary";
import { TransitionButtons } from "../../quotes/components/TransitionButtons";
import { QUOTES_PATH } from "../../quotes/paths";
import { ORDER_ACTIONS } from "../../quotes/status";
import { ordersApi, useOrderTransition, type Order } from "../api";
import { OrderFormDrawer } from "../components/OrderFormDrawer";
import { ORDERS_PATH } from "../paths";

const FIELD_ALIASES: Record<string, string> = { owner_id: "owner", customer_id: "customer", contact_id: "contact", opportunity_id: "opportunity", quote_id: "quote" };

/** One sales order: its figures and lines, its status moves and the quote it came from. */
export function OrderDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const record = ordersApi.useGet(id);
  const remove = ordersApi.useDelete();
  const transition = useOrderTransition();
  const [editing, setEditing] = useState(false);
  const none = t("common:values.none");

  return (
    <ResourceDetailPage<Order>
      record={record}
      listPath={ORDERS_PATH}
      backLabel={t("orders:detail.backToList")}
      notFoundLabel={t("orders:detail.notFound")}
      title={(o) => o.number}
      titleTestId="order-title"
      titleExtra={(o) => <DocStatusTag kind="orders" status={o.status} />}
      subtitle={(o) => (
        <>
          <Typography.Text type="secondary">
            {t("orders:fields.customer")}: <Link to={`/customers/${o.customer_id}`}>{o.customer_name || none}</Link>
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="order-header-total">
            {t("orders:fields.total")}: {formatMoney(o.total, o.currency, i18n.language)}
          </Typography.Text>
          {o.quote_id && (
            <Typography.Text type="secondary">
              {t("orders:fields.quote")}:{" "}
              <Link to={`${QUOTES_PATH}/${o.quote_id}`} data-testid="order-quote-link">
                {o.quote_number || o.quote_id}
              </Link>
            </Typography.Text>
          )}
        </>
      )}
      actions={(o) => (
        <>
          {o.status === "draft" && can("orders:update") && (
            <Button onClick={() => setEditing(true)} data-testid="order-edit">
              {t("common:actions.edit")}
            </Button>
          )}
          {can("orders:update") && (
            <TransitionButtons
              ns="orders"
              actions={ORDER_ACTIONS}
              status={o.status}
              number={o.number}
              disabled={transition.isPending}
              onMove={(to, note) => transition.mutateAsync({ record: o, to, note })}
            />
          )}
          {can("orders:delete") && (o.status === "draft" || o.status === "cancelled") && (
            <ConfirmDelete variant="button" name={o.number} onDelete={() => remove.mutateAsync(o)} onDeleted={() => navigate(ORDERS_PATH, { replace: true })} testId="order-delete" />
          )}
        </>
      )}
      tabs={(o) => [
        {
          key: "overview",
          label: t("orders:detail.tabs.overview"),
          children: (
            <Space direction="vertical" size={24} style={{ width: "100%" }}>
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
                <Descriptions.Item label={t("orders:fields.order_date")}>{o.order_date}</Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.delivery_date")}>{o.delivery_date || none}</Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.contact")}>{o.contact_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.opportunity")}>
                  {o.opportunity_id ? <Link to={`/opportunities/${o.opportunity_id}`}>{o.opportunity_name || o.opportunity_id}</Link> : none}
                </Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.currency")}>{o.currency}</Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.owner")}>{o.owner_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.confirmed_at")}>{formatDateTime(o.confirmed_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.delivered_at")}>{formatDateTime(o.delivered_at, none)}</Descriptions.Item>
                {o.closed_at && <Descriptions.Item label={t("orders:fields.closed_at")}>{formatDateTime(o.closed_at, none)}</Descriptions.Item>}
                {o.cancelled_at && <Descriptions.Item label={t("orders:fields.cancelled_at")}>{formatDateTime(o.cancelled_at, none)}</Descriptions.Item>}
                <Descriptions.Item label={t("orders:fields.shipping_address")} span={3}>
                  {o.shipping_address || none}
                </Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.terms")} span={3}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{o.terms || none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("orders:fields.remark")} span={3}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{o.remark || none}</span>
                </Descriptions.Item>
              </Descriptions>
              <div>
                <Typography.Title level={5}>{t("orders:fields.lines")}</Typography.Title>
                <LinesTable lines={o.lines} currency={o.currency} testId="order-lines-table" />
              </div>
              <TotalsSummary totals={o} currency={o.currency} words={o.total_in_words} testId="order-totals" />
            </Space>
          ),
        },
      ]}
      history={{
        entity: "orders",
        id: (o) => o.id,
        label: t("orders:detail.tabs.history"),
        testId: "order-history",
        fields: "orders:fields",
        fieldLabel: (field) => t(`orders:fields.${FIELD_ALIASES[field] ?? field}`, { defaultValue: field }),
        valueText: (field, value) => (field === "status" && typeof value === "string" ? t(`orders:status.${value}`, { defaultValue: value }) : undefined),
        userFields: ["owner_id"],
        hiddenFields: ["id", "customer_name", "contact_name", "owner_name", "opportunity_name", "quote_number"],
      }}
      overlays={(o) => <>{o.status === "draft" && <OrderFormDrawer open={editing} order={o} onClose={() => setEditing(false)} />}</>}
    />
  );
}
