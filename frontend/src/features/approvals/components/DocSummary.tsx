import { Button, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useDictionary } from "../../../shared/dictionaries";
import { recordPath } from "../../../shared/recordLinks";
import { LazyAmendmentChanges } from "../../contracts/components/LazyAmendments";
import { dictionaryLabel } from "../../customers/dictionary";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { docSummary, documentRecord, type Approval } from "../model";

/** Where the document of an approval opens (an amendment's contract), if the user may open it. */
export function useDocumentPath(approval: Pick<Approval, "doc_type" | "doc_id" | "doc_label" | "summary">): string | undefined {
  const can = usePermission();
  const record = documentRecord(approval);
  return record ? recordPath(record.entity, record.id, record.name, can) : undefined;
}

/**
 * The document as it was submitted: customer, amount, validity, with a link to the document itself;
 * a contract amendment's reason, its amount before and after, and what else it changes.
 */
export function DocSummary({ approval }: { approval: Approval }) {
  const { t, i18n } = useTranslation();
  const s = docSummary(approval);
  const path = useDocumentPath(approval);
  const methods = useDictionary("payment_method");
  const none = t("common:values.none");
  const money = (amount: string) => formatMoney(amount, s.currency ?? "CNY", i18n.language);
  const summary = (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="approval-summary"
      title={t("approvals:detail.summary")}
      extra={
        path && (
          <Link to={path} data-testid="approval-document-link">
            <Button size="small">{t("approvals:detail.openDocument")}</Button>
          </Link>
        )
      }
    >
      <Descriptions.Item label={t("approvals:fields.docType")}>{t(`approvals:docTypes.${approval.doc_type}`, { defaultValue: approval.doc_type })}</Descriptions.Item>
      <Descriptions.Item label={t("approvals:fields.document")}>{approval.doc_label}</Descriptions.Item>
      <Descriptions.Item label={t("approvals:fields.customer")}>{s.customer ?? none}</Descriptions.Item>
      <Descriptions.Item label={t("approvals:fields.amount")}>
        {/* An amendment's amount as it was, then as amended. */}
        {s.totalBefore !== undefined && s.total !== undefined && s.totalBefore !== s.total && (
          <>
            <span data-testid="approval-summary-total-before">{money(s.totalBefore)}</span>
            {" → "}
          </>
        )}
        <span data-testid="approval-summary-total">{s.total ? money(s.total) : none}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("approvals:fields.owner")}>{s.owner ?? none}</Descriptions.Item>
      {(approval.doc_type === "quote" || s.validUntil) && <Descriptions.Item label={t("approvals:fields.validUntil")}>{s.validUntil ?? none}</Descriptions.Item>}
      {s.lines !== undefined && <Descriptions.Item label={t("approvals:fields.lines")}>{s.lines}</Descriptions.Item>}
      {/* A payment's or an invoice's contract and particulars. */}
      {s.contract && <Descriptions.Item label={t("approvals:fields.contract")}>{s.contract}</Descriptions.Item>}
      {s.receivedDate && <Descriptions.Item label={t("approvals:fields.receivedDate")}>{s.receivedDate}</Descriptions.Item>}
      {s.method && <Descriptions.Item label={t("approvals:fields.method")}>{dictionaryLabel(methods.data, s.method, i18n.language, none)}</Descriptions.Item>}
      {s.invoiceType && <Descriptions.Item label={t("approvals:fields.invoiceType")}>{t(`receivables:invoiceTypes.${s.invoiceType}`, { defaultValue: s.invoiceType })}</Descriptions.Item>}
      {s.invoiceTitle && <Descriptions.Item label={t("approvals:fields.invoiceTitle")}>{s.invoiceTitle}</Descriptions.Item>}
      {s.tax && <Descriptions.Item label={t("approvals:fields.tax")}>{formatMoney(s.tax, s.currency ?? "CNY", i18n.language)}</Descriptions.Item>}
      {s.reason !== undefined && (
        <Descriptions.Item label={t("approvals:fields.reason")} span={3}>
          <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="approval-summary-reason">
            {s.reason}
          </span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
  if (!s.changes) return summary;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {summary}
      <div>
        <Typography.Title level={5}>{t("approvals:fields.changes")}</Typography.Title>
        <LazyAmendmentChanges amendment={s.changes} currency={s.currency ?? "CNY"} testId="approval-summary-changes" />
      </div>
    </Space>
  );
}
