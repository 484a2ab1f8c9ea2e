import { useState } from "react";
import { Button, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { formatDateTime } from "../../../shared/format";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { DocApprovalProgress } from "../../approvals/components/DocApprovalProgress";
import { WithdrawApproval } from "../../approvals/components/WithdrawApproval";
import { usePermission } from "../../auth/api";
import { contractsApi } from "../../contracts/api";
import { MakeContractModal } from "../../contracts/components/MakeContractModal";
import { CONTRACTS_PATH } from "../../contracts/paths";
import { ORDERS_PATH } from "../../orders/paths";
import { formatMoney } from "../../products/money";
import { quotesApi, useQuoteTransition, type Quote } from "../api";
import { DocStatusTag } from "../components/DocStatusTag";
import { LinesTable } from "../components/LinesTable";
import { MakeOrderModal } from "../components/MakeOrderModal";
import { PdfActions } from "../components/PdfActions";
import { QuoteFormDrawer } from "../components/QuoteFormDrawer";
import { SubmitForApproval } from "../components/SubmitForApproval";
import { TotalsSummary } from "../components/TotalsSummary";
import { TransitionButtons } from "../components/TransitionButtons";
import { QUOTES_PATH } from "../paths";
import { QUOTE_ACTIONS } from "../status";

const FIELD_ALIASES: Record<string, string> = { owner_id: "owner", customer_id: "customer", contact_id: "contact", opportunity_id: "opportunity" };

/** One quote: its figures and lines, its status moves, its PDF, and the order and contract made from it. */
export function QuoteDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const record = quotesApi.useGet(id);
  const remove = quotesApi.useDelete();
  const transition = useQuoteTransition();
  const [editing, setEditing] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const [contracting, setContracting] = useState(false);
  const none = t("common:values.none");
  // The contracts made from an accepted quote: the newest opens from here, and a live one (not void) means none more is made.
  const accepted = record.data?.status === "accepted";
  const contracts = contractsApi.useList({ quote_id: id, page: 1, page_size: 10, sort: "-created_at" }, { enabled: accepted && can("contracts:read") });
  const madeContract = contracts.data?.items[0];
  const liveContract = contracts.data?.items.some((c) => c.status !== "void") ?? false;

  return (
    <ResourceDetailPage<Quote>
      record={record}
      listPath={QUOTES_PATH}
      backLabel={t("quotes:detail.backToList")}
      notFoundLabel={t("quotes:detail.notFound")}
      title={(q) => q.number}
      titleTestId="quote-title"
      titleExtra={(q) => <DocStatusTag kind="quotes" status={q.status} />}
      subtitle={(q) => (
        <>
          <Typography.Text type="secondary">
            {t("quotes:fields.customer")}: <Link to={`/customers/${q.customer_id}`} data-testid="quote-customer-link">{q.customer_name || none}</Link>
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="quote-header-total">
            {t("quotes:fields.total")}: {formatMoney(q.total, q.currency, i18n.language)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t("quotes:fields.valid_until")}: {q.valid_until}
          </Typography.Text>
        </>
      )}
      actions={(q) => (
        <>
          {q.status === "draft" && can("quotes:update") && (
            <Button type={q.lines.length ? "default" : "primary"} onClick={() => setEditing(true)} data-testid="quote-edit">
              {t("common:actions.edit")}
            </Button>
          )}
          {q.status === "draft" && can("quotes:update") && <SubmitForApproval kind="quotes" doc={q} />}
          {q.status === "pending" && <WithdrawApproval docType="quote" docId={q.id} testId="quote-withdraw" />}
          {can("quotes:update") && (
            <TransitionButtons
              ns="quotes"
              actions={QUOTE_ACTIONS}
              status={q.status}
              number={q.number}
              disabled={transition.isPending}
              onMove={(to, note) => transition.mutateAsync({ record: q, to, note })}
            />
          )}
          {q.status === "accepted" && !q.order_id && can("orders:create") && (
            <Button type="primary" onClick={() => setOrdering(true)} data-testid="quote-make-order">
              {t("quotes:makeOrder.button")}
            </Button>
          )}
          {q.order_id && can("orders:read") && (
            <Link to={`${ORDERS_PATH}/${q.order_id}`} data-testid="quote-order-link">
              <Button>{t("quotes:detail.openOrder")}</Button>
            </Link>
          )}
          {q.status === "accepted" && !contracts.isLoading && !liveContract && can("contracts:create") && (
            <Button onClick={() => setContracting(true)} data-testid="quote-make-contract">
              {t("quotes:makeContract.button")}
            </Button>
          )}
          {q.status === "accepted" && madeContract && (
            <Link to={`${CONTRACTS_PATH}/${madeContract.id}`} data-testid="quote-contract-link">
              <Button>{t("quotes:makeContract.open")}</Button>
            </Link>
          )}
          {can("quotes:read") && <PdfActions kind="quotes" doc={q} />}
          {/* A quote waiting for approval is read-only until it is decided or withdrawn. */}
          {!q.order_id && q.status !== "pending" && can("quotes:delete") && (
            <ConfirmDelete variant="button" name={q.number} onDelete={() => remove.mutateAsync(q)} onDeleted={() => navigate(QUOTES_PATH, { replace: true })} testId="quote-delete" />
          )}
        </>
      )}
      tabs={(q) => [
        {
          key: "overview",
          label: t("quotes:detail.tabs.overview"),
          children: (
            <Space direction="vertical" size={24} style={{ width: "100%" }}>
              <DocApprovalProgress docType="quote" docId={q.id} />
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
                <Descriptions.Item label={t("quotes:fields.contact")}>{q.contact_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.opportunity")}>
                  {q.opportunity_id ? <Link to={`/opportunities/${q.opportunity_id}`}>{q.opportunity_name || q.opportunity_id}</Link> : none}
                </Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.currency")}>{q.currency}</Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.owner")}>{q.owner_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.sent_at")}>{formatDateTime(q.sent_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.decided_at")}>{formatDateTime(q.decided_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.created_at")}>{formatDateTime(q.created_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.updated_at")}>{formatDateTime(q.updated_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.terms")} span={3}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{q.terms || none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("quotes:fields.remark")} span={3}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{q.remark || none}</span>
                </Descriptions.Item>
              </Descriptions>
              <div>
                <Typography.Title level={5}>{t("quotes:fields.lines")}</Typography.Title>
                <LinesTable lines={q.lines} currency={q.currency} testId="quote-lines-table" />
              </div>
              <TotalsSummary totals={q} currency={q.currency} words={q.total_in_words} testId="quote-totals" />
            </Space>
          ),
        },
      ]}
      history={{
        entity: "quotes",
        id: (q) => q.id,
        label: t("quotes:detail.tabs.history"),
        testId: "quote-history",
        fields: "quotes:fields",
        fieldLabel: (field) => t(`quotes:fields.${FIELD_ALIASES[field] ?? field}`, { defaultValue: field }),
        valueText: (field, value) => (field === "status" && typeof value === "string" ? t(`quotes:status.${value}`, { defaultValue: value }) : undefined),
        userFields: ["owner_id"],
        hiddenFields: ["id", "customer_name", "contact_name", "owner_name", "opportunity_name"],
      }}
      overlays={(q) => (
        <>
          {q.status === "draft" && <QuoteFormDrawer open={editing} quote={q} onClose={() => setEditing(false)} />}
          {q.status === "accepted" && <MakeOrderModal quote={q} open={ordering} onClose={() => setOrdering(false)} />}
          {q.status === "accepted" && <MakeContractModal quote={q} open={contracting} onClose={() => setContracting(false)} />}
        </>
      )}
    />
  );
}
