import { useState } from "react";
import { Button, Card, Descriptions, Empty, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useRecordRecent } from "../../../app/search/recents";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { useDictionary } from "../../../shared/dictionaries";
import { formatDateTime } from "../../../shared/format";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { usePermission } from "../../auth/api";
import { dictionaryLabel } from "../../customers/dictionary";
import { formatMoney } from "../../products/money";
import { opportunitiesApi, useStages, type Opportunity, type OpportunityLine } from "../api";
import { OpportunityFormDrawer } from "../components/OpportunityFormDrawer";
import { StageBar } from "../components/StageBar";
import { StageHistoryTab } from "../components/StageHistoryTab";
import { ExpiredTag, StatusTag } from "../components/StatusTag";
import { useStageMove } from "../components/useStageMove";
import { OPPORTUNITIES_PATH } from "../paths";
import { LazyQuoteFormDrawer } from "../../quotes/components/LazySalesDocs";
import { QUOTES_PATH } from "../../quotes/paths";
import { opportunitySearch } from "../search";
import { isExpired, stageName } from "../stages";

/** Fields the audit log names by id, read under the labels of what they point at. */
const FIELD_ALIASES: Record<string, string> = { stage_id: "stage", owner_id: "owner", customer_id: "customer", contact_id: "contact" };

/** Product lines from the audit log as "name × quantity @ price (−discount%)", one after another. */
function linesText(lines: unknown[]): string {
  return lines
    .map((line) => {
      const l = (line ?? {}) as Partial<Record<"product_name" | "quantity" | "unit_price" | "discount_percent", unknown>>;
      const discount = l.discount_percent && l.discount_percent !== "0" ? ` −${String(l.discount_percent)}%` : "";
      return `${String(l.product_name ?? "?")} × ${String(l.quantity ?? "?")} @ ${String(l.unit_price ?? "?")}${discount}`;
    })
    .join("; ");
}

/** One opportunity: its stage bar, overview with lines, stage history and change history. */
export function OpportunityDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const record = opportunitiesApi.useGet(id);
  const stages = useStages();
  const remove = opportunitiesApi.useDelete();
  const sources = useDictionary("customer_source");
  const reasons = useDictionary("lost_reason");
  const [editing, setEditing] = useState(false);
  const [quoting, setQuoting] = useState(false);
  const { move, modal, moving } = useStageMove();
  useRecordRecent(opportunitySearch, record.data);
  const none = t("common:values.none");
  const today = dayjs().format("YYYY-MM-DD");
  const stageById = new Map((stages.data ?? []).map((s) => [s.id, s]));
  const money = (o: Opportunity, v: string) => formatMoney(v, o.currency, i18n.language);

  return (
    <ResourceDetailPage<Opportunity>
      record={record}
      listPath={OPPORTUNITIES_PATH}
      backLabel={t("opportunities:detail.backToList")}
      notFoundLabel={t("opportunities:detail.notFound")}
      title={(o) => o.name}
      titleTestId="opportunity-title"
      titleExtra={(o) => (
        <>
          <StatusTag status={o.status} />
          {isExpired(o, today) && <ExpiredTag />}
        </>
      )}
      subtitle={(o) => (
        <>
          <Typography.Text type="secondary">
            {t("opportunities:fields.customer")}: <Link to={`/customers/${o.customer_id}`}>{o.customer_name || none}</Link>
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="opportunity-amount">
            {t("opportunities:fields.amount")}: {money(o, o.amount)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t("opportunities:fields.owner")}: {o.owner_name || none}
          </Typography.Text>
        </>
      )}
      actions={(o) => (
        <>
          {can("quotes:create") && (
            <Button onClick={() => setQuoting(true)} data-testid="opportunity-create-quote">
              {t("quotes:fromOpportunity")}
            </Button>
          )}
          {can("opportunities:update") && (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="opportunity-edit">
              {t("common:actions.edit")}
            </Button>
          )}
          {can("opportunities:delete") && (
            <ConfirmDelete
              variant="button"
              name={o.name}
              onDelete={() => remove.mutateAsync(o)}
              onDeleted={() => navigate(OPPORTUNITIES_PATH, { replace: true })}
              testId="opportunity-delete"
            />
          )}
        </>
      )}
      tabs={(o) => [
        {
          key: "overview",
          label: t("opportunities:detail.tabs.overview"),
          children: (
            <Space direction="vertical" size={24} style={{ width: "100%" }}>
              <Card size="small" styles={{ body: { overflowX: "auto" } }}>
                <StageBar opportunity={o} stages={stages.data ?? []} disabled={!can("opportunities:update") || moving} onPick={(stage) => void move(o, stage)} />
              </Card>
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
                <Descriptions.Item label={t("opportunities:fields.stage")}>
                  <span data-testid="opportunity-stage">{stageName(stageById.get(o.stage_id), i18n.language) || none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.probability")}>{o.probability}%</Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.amount")}>
                  <span data-testid="opportunity-detail-amount">{money(o, o.amount)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.weighted_amount")}>{money(o, o.weighted_amount)}</Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.expected_close_date")}>
                  <Typography.Text type={isExpired(o, today) ? "danger" : undefined}>{o.expected_close_date || none}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.contact")}>{o.contact_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.source")}>{dictionaryLabel(sources.data, o.source, i18n.language, none)}</Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.competitors")}>{o.competitors || none}</Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.stage_entered_at")}>{formatDateTime(o.stage_entered_at, none)}</Descriptions.Item>
                {o.closed_at && <Descriptions.Item label={t("opportunities:fields.closed_at")}>{formatDateTime(o.closed_at, none)}</Descriptions.Item>}
                {o.status === "lost" && (
                  <Descriptions.Item label={t("opportunities:fields.lost_reason")}>{dictionaryLabel(reasons.data, o.lost_reason, i18n.language, none)}</Descriptions.Item>
                )}
                {o.status === "lost" && o.lost_note && <Descriptions.Item label={t("opportunities:fields.lost_note")}>{o.lost_note}</Descriptions.Item>}
                <Descriptions.Item label={t("opportunities:fields.created_at")}>{formatDateTime(o.created_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("opportunities:fields.description")} span={3}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{o.description || none}</span>
                </Descriptions.Item>
              </Descriptions>
              <div>
                <Typography.Title level={5}>{t("opportunities:fields.lines")}</Typography.Title>
                {o.lines.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("opportunities:detail.noLines")} />
                ) : (
                  <Table<OpportunityLine>
                    rowKey={(l) => `${l.product_id}-${l.quantity}-${l.unit_price}-${l.discount_percent}`}
                    size="small"
                    pagination={false}
                    dataSource={o.lines}
                    scroll={{ x: 600 }}
                    data-testid="opportunity-lines-table"
                    columns={[
                      { title: t("opportunities:form.product"), dataIndex: "product_name", key: "product" },
                      { title: t("opportunities:form.quantity"), dataIndex: "quantity", key: "quantity", align: "right", width: 100 },
                      { title: t("opportunities:form.unitPrice"), dataIndex: "unit_price", key: "unit_price", align: "right", width: 130, render: (v: string) => money(o, v) },
                      { title: t("opportunities:form.discount"), dataIndex: "discount_percent", key: "discount", align: "right", width: 100, render: (v: string) => `${v}%` },
                      { title: t("opportunities:form.subtotal"), dataIndex: "subtotal", key: "subtotal", align: "right", width: 140, render: (v: string) => money(o, v) },
                    ]}
                    summary={() => (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0} colSpan={4} align="right">
                          <Typography.Text strong>{t("opportunities:form.total")}</Typography.Text>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={1} align="right">
                          <Typography.Text strong data-testid="opportunity-lines-total">
                            {money(o, o.amount)}
                          </Typography.Text>
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    )}
                  />
                )}
              </div>
            </Space>
          ),
        },
        { key: "stages", label: t("opportunities:detail.tabs.stageHistory"), children: <StageHistoryTab opportunityId={o.id} /> },
      ]}
      history={{
        entity: "opportunities",
        id: (o) => o.id,
        label: t("opportunities:detail.tabs.history"),
        testId: "opportunity-history",
        fields: "opportunities:fields",
        fieldLabel: (field) => t(`opportunities:fields.${FIELD_ALIASES[field] ?? field}`, { defaultValue: field }),
        valueText: (field, value, empty) => {
          if (field === "stage_id" && typeof value === "string") return stageName(stageById.get(value), i18n.language) || value;
          if (field === "status" && typeof value === "string") return t(`opportunities:status.${value}`, { defaultValue: value });
          if (field === "source" && typeof value === "string") return dictionaryLabel(sources.data, value, i18n.language, empty);
          if (field === "lost_reason" && typeof value === "string") return dictionaryLabel(reasons.data, value, i18n.language, empty);
          const o = record.data;
          if (field === "customer_id" && o && value === o.customer_id) return o.customer_name || undefined;
          if (field === "contact_id" && o && value === o.contact_id) return o.contact_name || undefined;
          if (field === "lines" && Array.isArray(value)) return linesText(value) || empty;
          return undefined;
        },
        userFields: ["owner_id"],
        hiddenFields: ["id", "customer_name", "contact_name", "owner_name", "position", "stage_entered_at"],
      }}
      overlays={(o) => (
        <>
          <OpportunityFormDrawer open={editing} opportunity={o} onClose={() => setEditing(false)} />
          {can("quotes:create") && (
            <LazyQuoteFormDrawer
              open={quoting}
              quote={null}
              start={{
                customer: { id: o.customer_id, name: o.customer_name ?? "" },
                // The opportunity's product lines as a starting point.
                opportunity: {
                  id: o.id,
                  currency: o.currency,
                  lines: o.lines,
                },
              }}
              onClose={() => setQuoting(false)}
              onCreated={(q) => navigate(`${QUOTES_PATH}/${q.id}`)}
            />
          )}
          {modal}
        </>
      )}
    />
  );
}
