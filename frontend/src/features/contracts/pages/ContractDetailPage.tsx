import { useState } from "react";
import { Alert, Button, Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { useRecordTitle } from "../../../app/documentTitle";
import { ConfirmAction, ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { useDictionary } from "../../../shared/dictionaries";
import { formatDateTime, formatValue } from "../../../shared/format";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { DocApprovalProgress } from "../../approvals/components/DocApprovalProgress";
import { WithdrawApproval } from "../../approvals/components/WithdrawApproval";
import { approvalPath } from "../../approvals/paths";
import { usePermission } from "../../auth/api";
import { dictionaryLabel } from "../../customers/dictionary";
import { formatMoney } from "../../products/money";
import { DocStatusTag } from "../../quotes/components/DocStatusTag";
import { LinesTable } from "../../quotes/components/LinesTable";
import { PdfActions } from "../../quotes/components/PdfActions";
import { SubmitForApproval } from "../../quotes/components/SubmitForApproval";
import { TotalsSummary } from "../../quotes/components/TotalsSummary";
import { TransitionButtons } from "../../quotes/components/TransitionButtons";
import { QUOTES_PATH } from "../../quotes/paths";
import { pendingAmendment } from "../amendments";
import { contractsApi, useArchiveContract, useContractAmendments, useContractTransition, type Contract } from "../api";
import { ContractFormDrawer } from "../components/ContractFormDrawer";
import { LazyAmendContractDrawer, LazyContractAmendments } from "../components/LazyAmendments";
import { LazyContractInvoicesTab, LazyContractMoneySummary, LazyContractPaymentsTab, LazyContractPlansTab } from "../../receivables/components/LazyReceivables";
import { CONTRACTS_PATH } from "../paths";
import { contractActions, CONTRACT_TRANSITIONS } from "../status";

/** Whether the contract took effect (approved): what payments and invoices need. */
const tookEffect = (c: Contract) => c.status === "active" || c.status === "completed" || c.status === "terminated";

/** Audit-log fields named after the form's labels. */
const FIELD_ALIASES: Record<string, string> = {
  owner_id: "owner",
  customer_id: "customer",
  opportunity_id: "opportunity",
  quote_id: "quote",
  customer_signer_id: "customer_signer",
  signer_id: "signer",
};

/** An amendment's logged fields, as "label: value" pairs (the amount as money, lines by their count). */
function amendedText(value: object, label: (field: string) => string, money: (amount: string) => string, lines: (count: number) => string, none: string): string {
  return Object.entries(value)
    .map(([field, v]) => `${label(field)}: ${field === "amount" && typeof v === "string" ? money(v) : field === "lines" && Array.isArray(v) ? lines(v.length) : formatValue(v, none)}`)
    .join("; ");
}

/**
 * One contract: a header with its status, amount (in words too), customer, dates and signatories,
 * and the moves its status allows (edit, submit, withdraw, void, delete a draft; amend, complete
 * or terminate an active one; archive a finished one); its approval's progress, its fields, lines and
 * totals; its change history. Payment plans, payments and invoices join as tabs of their own, and
 * once it took effect its amendments (合同变更), the way an active contract changes.
 */
export function ContractDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const record = contractsApi.useGet(id);
  const remove = contractsApi.useDelete();
  const transition = useContractTransition();
  const archive = useArchiveContract();
  const categories = useDictionary("contract_category");
  const [editing, setEditing] = useState(false);
  const [amending, setAmending] = useState(false);
  const [, setSearchParams] = useSearchParams();
  const amendments = useContractAmendments(id, !!record.data && tookEffect(record.data));
  const pending = pendingAmendment(amendments.data);
  // Until the amendments are read it is not known whether one waits, which holds the contract's moves.
  const held = (c: Contract) => c.status === "active" && (!!pending || amendments.isPending);
  useRecordTitle(record.data?.number);
  const none = t("common:values.none");
  const money = (c: Contract) => formatMoney(c.amount, c.currency, i18n.language);
  const category = (code: string | null | undefined) => dictionaryLabel(categories.data, code, i18n.language, none);
  // Instalments may be planned from the draft on; payments and invoices come once it took effect.
  const moneyTabs = (c: Contract) => [
    ...(can("payments:read") && c.status !== "void" ? [{ key: "plans", label: t("contracts:detail.tabs.plans"), children: <LazyContractPlansTab contractId={c.id} contract={c} /> }] : []),
    ...(can("payments:read") && tookEffect(c) ? [{ key: "payments", label: t("contracts:detail.tabs.payments"), children: <LazyContractPaymentsTab contractId={c.id} contract={c} /> }] : []),
    ...(can("invoices:read") && tookEffect(c) ? [{ key: "invoices", label: t("contracts:detail.tabs.invoices"), children: <LazyContractInvoicesTab contractId={c.id} contract={c} /> }] : []),
  ];
  const amendmentsTab = (c: Contract) => {
    if (!tookEffect(c)) return [];
    const count = amendments.data?.length ?? 0;
    const amend = contractActions(c, can, held(c)).includes("amend") ? () => setAmending(true) : undefined;
    return [{ key: "amendments", label: count > 0 ? `${t("contracts:detail.tabs.amendments")} (${count})` : t("contracts:detail.tabs.amendments"), children: <LazyContractAmendments contract={c} onAmend={amend} /> }];
  };

  return (
    <ResourceDetailPage<Contract>
      record={record}
      listPath={CONTRACTS_PATH}
      backLabel={t("contracts:detail.backToList")}
      notFoundLabel={t("contracts:detail.notFound")}
      title={(c) => c.number}
      titleTestId="contract-title"
      titleExtra={(c) => (
        <>
          <DocStatusTag kind="contracts" status={c.status} />
          {c.archived_at && (
            <Tag style={{ marginInlineEnd: 0 }} data-testid="contract-archived">
              {t("contracts:detail.archived")}
            </Tag>
          )}
        </>
      )}
      subtitle={(c) => (
        <>
          <Typography.Text strong data-testid="contract-name">
            {c.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t("contracts:fields.customer")}:{" "}
            <Link to={`/customers/${c.customer_id}`} data-testid="contract-customer-link">
              {c.customer_name || none}
            </Link>
          </Typography.Text>
          <Typography.Text type="secondary">
            {t("contracts:fields.amount")}: <span data-testid="contract-header-amount">{money(c)}</span>
            {c.amount_in_words && <span data-testid="contract-header-words">{t("contracts:detail.inWords", { words: c.amount_in_words })}</span>}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t("contracts:fields.sign_date")}: {c.sign_date || none}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="contract-period">
            {t("contracts:detail.period")}: {c.start_date || c.end_date ? t("contracts:detail.periodRange", { start: c.start_date || none, end: c.end_date || none }) : none}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="contract-signers">
            {t("contracts:detail.signers")}: {t("contracts:detail.signersText", { customer: c.customer_signer_name || none, ours: c.signer_name || none })}
          </Typography.Text>
        </>
      )}
      actions={(c) => {
        const offered = contractActions(c, can, held(c));
        return (
          <>
            {offered.includes("edit") && (
              <Button onClick={() => setEditing(true)} data-testid="contract-edit">
                {t("common:actions.edit")}
              </Button>
            )}
            {offered.includes("amend") && (
              <Button onClick={() => setAmending(true)} data-testid="contract-amend">
                {t("contracts:amend.action")}
              </Button>
            )}
            {offered.includes("submit") && <SubmitForApproval kind="contracts" doc={c} />}
            {offered.includes("withdraw") && <WithdrawApproval docType="contract" docId={c.id} testId="contract-withdraw" />}
            {can("contracts:update") && !held(c) && (
              <TransitionButtons
                ns="contracts"
                actions={CONTRACT_TRANSITIONS}
                status={c.status}
                number={c.number}
                disabled={transition.isPending}
                onMove={(to, reason) => transition.mutateAsync({ record: c, to, reason })}
              />
            )}
            {offered.includes("archive") && (
              <ConfirmAction
                variant="button"
                question={t("contracts:confirm.archive", { number: c.number })}
                label={t("contracts:actions.archive")}
                onConfirm={() => archive.mutateAsync(c)}
                doneMessage={t("contracts:moved.archive")}
                testId="contract-archive"
              />
            )}
            <PdfActions kind="contracts" doc={c} />
            {c.quote_id && can("quotes:read") && (
              <Link to={`${QUOTES_PATH}/${c.quote_id}`} data-testid="contract-quote-link">
                <Button>{t("contracts:detail.openQuote")}</Button>
              </Link>
            )}
            {offered.includes("delete") && (
              <ConfirmDelete variant="button" name={c.number} onDelete={() => remove.mutateAsync(c)} onDeleted={() => navigate(CONTRACTS_PATH, { replace: true })} testId="contract-delete" />
            )}
          </>
        );
      }}
      // Payment plans, payments and invoices come as tabs after the overview.
      tabs={(c) => [
        {
          key: "overview",
          label: t("contracts:detail.tabs.overview"),
          children: (
            <Space direction="vertical" size={24} style={{ width: "100%" }}>
              {pending && (
                <Alert
                  type="info"
                  showIcon
                  data-testid="contract-amendment-pending"
                  message={
                    <>
                      {t("contracts:amendments.pendingHint", { seq: pending.seq })}{" "}
                      {pending.approval_id && (
                        <Link to={approvalPath(pending.approval_id)} data-testid="contract-amendment-pending-link">
                          {t("contracts:amendments.openApproval")}
                        </Link>
                      )}
                    </>
                  }
                />
              )}
              {tookEffect(c) && can("payments:read") && <LazyContractMoneySummary contract={c} />}
              <DocApprovalProgress docType="contract" docId={c.id} />
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered data-testid="contract-fields">
                <Descriptions.Item label={t("contracts:fields.category")}>{category(c.category)}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.opportunity")}>
                  {c.opportunity_id ? <Link to={`/opportunities/${c.opportunity_id}`}>{c.opportunity_name || c.opportunity_id}</Link> : none}
                </Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.quote")}>
                  {c.quote_id ? <Link to={`${QUOTES_PATH}/${c.quote_id}`}>{c.quote_number || c.quote_id}</Link> : none}
                </Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.customer_signer")}>{c.customer_signer_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.signer")}>{c.signer_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.owner")}>{c.owner_name || none}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.start_date")}>{c.start_date || none}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.end_date")}>{c.end_date || none}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.currency")}>{c.currency}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.activated_at")}>{formatDateTime(c.activated_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.finished_at")}>{formatDateTime(c.finished_at, none)}</Descriptions.Item>
                {c.archived_at && <Descriptions.Item label={t("contracts:fields.archived_at")}>{formatDateTime(c.archived_at, none)}</Descriptions.Item>}
                <Descriptions.Item label={t("contracts:fields.created_at")}>{formatDateTime(c.created_at, none)}</Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.updated_at")}>{formatDateTime(c.updated_at, none)}</Descriptions.Item>
                {c.termination_reason && (
                  <Descriptions.Item label={t("contracts:fields.termination_reason")} span={3}>
                    <span style={{ whiteSpace: "pre-wrap" }} data-testid="contract-termination-reason">
                      {c.termination_reason}
                    </span>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t("contracts:fields.payment_terms")} span={3}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{c.payment_terms || none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("contracts:fields.remark")} span={3}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{c.remark || none}</span>
                </Descriptions.Item>
              </Descriptions>
              {c.lines.length > 0 && (
                <>
                  <div>
                    <Typography.Title level={5}>{t("contracts:fields.lines")}</Typography.Title>
                    <LinesTable lines={c.lines} currency={c.currency} testId="contract-lines-table" />
                  </div>
                  <TotalsSummary totals={c} currency={c.currency} words={c.amount_in_words} testId="contract-totals" />
                </>
              )}
            </Space>
          ),
        },
        ...moneyTabs(c),
        ...amendmentsTab(c),
      ]}
      history={{
        entity: "contracts",
        id: (c) => c.id,
        label: t("contracts:detail.tabs.history"),
        testId: "contract-history",
        fields: "contracts:fields",
        fieldLabel: (field) => t(`contracts:fields.${FIELD_ALIASES[field] ?? field}`, { defaultValue: field }),
        valueText: (field, value, empty) => {
          // An amendment's entry keeps what it changes, as it was and as amended.
          if ((field === "before" || field === "after") && typeof value === "object" && value !== null && !Array.isArray(value)) {
            const label = (f: string) => t(`contracts:fields.${FIELD_ALIASES[f] ?? f}`, { defaultValue: f });
            const lines = (count: number) => t("contracts:amendments.lines", { count });
            return amendedText(value, label, (amount) => formatMoney(amount, record.data?.currency ?? "CNY", i18n.language), lines, empty);
          }
          if (typeof value !== "string") return undefined;
          if (field === "status") return t(`contracts:status.${value}`, { defaultValue: value });
          if (field === "category") return category(value);
          return undefined;
        },
        userFields: ["owner_id", "signer_id"],
        hiddenFields: ["id", "customer_name", "owner_name", "opportunity_name", "quote_number", "customer_signer_name", "signer_name"],
      }}
      overlays={(c) => (
        <>
          {c.status === "draft" && <ContractFormDrawer open={editing} contract={c} onClose={() => setEditing(false)} />}
          {/* Once asked, the amendment is on its tab, waiting for approval (or made). */}
          {c.status === "active" && <LazyAmendContractDrawer open={amending} contract={c} onClose={() => setAmending(false)} onSaved={() => setSearchParams({ tab: "amendments" }, { replace: true })} />}
        </>
      )}
    />
  );
}
