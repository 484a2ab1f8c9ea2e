import { Grid, Space, Tabs, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { EmptyState } from "../../../shared/components/EmptyState";
import { formatDateTimeShort } from "../../../shared/format";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { approvalsApi } from "../api";
import { ApprovalStatusTag } from "../components/ApprovalTags";
import { APPROVAL_STATUSES, boxesFor, currentStep, docSummary, INBOX_FILTERS, inboxQuery, type Approval, type InboxFilterName } from "../model";
import { approvalPath } from "../paths";
import { usePendingApprovalCount } from "../pendingCount";

type SearchValues = { q?: string; status?: string };

/** 审批: what waits on the user, what they submitted, what they handled (and everything, for administrators). */
export function ApprovalsInboxPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const boxes = boxesFor(can);
  const { filters, setFilters, paged } = useListUrlState<Approval, InboxFilterName>(INBOX_FILTERS, "-created_at");
  const query = inboxQuery(filters, boxes);
  const list = approvalsApi.useList({ ...paged.params, ...query });
  const pending = usePendingApprovalCount().data ?? 0;
  const none = t("common:values.none");
  const phone = Grid.useBreakpoint().md === false;
  const amount = (a: Approval) => {
    const s = docSummary(a);
    return s.total ? formatMoney(s.total, s.currency ?? "CNY", i18n.language) : none;
  };
  // An amendment's amount as it was, when the amendment moves it.
  const amountBefore = (a: Approval) => {
    const s = docSummary(a);
    return s.totalBefore && s.total && s.totalBefore !== s.total ? formatMoney(s.totalBefore, s.currency ?? "CNY", i18n.language) : undefined;
  };
  // A payment or an invoice says which contract it is for (an amendment's label already does).
  const contractOf = (a: Approval) => (a.doc_type === "contract_amendment" ? undefined : docSummary(a).contract);
  const link = (a: Approval) => (
    <Link to={approvalPath(a.id)} data-testid="approval-link">
      {a.doc_label}
    </Link>
  );

  // A phone shows each approval as one cell: what, for whom, how much, where it stands.
  const card: TableColumnsType<Approval> = [
    {
      title: t("approvals:fields.document"),
      key: "card",
      render: (_, a) => (
        <Space direction="vertical" size={2} style={{ width: "100%" }}>
          <Space size={8} wrap>
            {link(a)}
            <ApprovalStatusTag status={a.status} testId="approval-row-status" />
          </Space>
          <Typography.Text>
            {docSummary(a).customer ?? none} · <span data-testid="approval-amount">{amount(a)}</span>
          </Typography.Text>
          {a.doc_type !== "quote" && a.doc_type !== "contract" && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[t(`approvals:docTypes.${a.doc_type}`, { defaultValue: a.doc_type }), contractOf(a), amountBefore(a) && t("approvals:inbox.from", { amount: amountBefore(a) })].filter(Boolean).join(" · ")}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[a.applicant_name, currentStep(a)?.name, formatDateTimeShort(a.created_at, none)].filter(Boolean).join(" · ")}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  const columns: TableColumnsType<Approval> = [
    {
      title: t("approvals:fields.document"),
      dataIndex: "doc_label",
      key: "doc_label",
      width: 170,
      render: (_, a) => (
        <>
          {link(a)}
          {contractOf(a) && (
            <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }} data-testid="approval-contract">
              {contractOf(a)}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t("approvals:fields.docType"), dataIndex: "doc_type", key: "doc_type", width: 90, render: (type: string) => t(`approvals:docTypes.${type}`, { defaultValue: type }) },
    { title: t("approvals:fields.customer"), key: "customer", width: 200, render: (_, a) => docSummary(a).customer ?? none },
    {
      title: t("approvals:fields.amount"),
      key: "amount",
      width: 140,
      align: "right",
      render: (_, a) => (
        <>
          <span data-testid="approval-amount">{amount(a)}</span>
          {amountBefore(a) && (
            <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }} data-testid="approval-amount-before">
              {t("approvals:inbox.from", { amount: amountBefore(a) })}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t("approvals:fields.applicant"), dataIndex: "applicant_name", key: "applicant", width: 110, render: (v: string | null) => v || none },
    { title: t("approvals:fields.status"), dataIndex: "status", key: "status", width: 90, render: (_, a) => <ApprovalStatusTag status={a.status} testId="approval-row-status" /> },
    { title: t("approvals:fields.currentStep"), key: "step", width: 140, render: (_, a) => currentStep(a)?.name ?? none },
    { title: t("approvals:fields.createdAt"), dataIndex: "created_at", key: "created_at", sorter: true, width: 150, render: (v: string) => formatDateTimeShort(v, none) },
  ];

  return (
    <ResourceListPage<Approval>
      title={t("approvals:title")}
      table={{
        columns: phone ? card : columns,
        list,
        paged,
        testId: "approvals-table",
        empty: <EmptyState title={t(`approvals:empty.${query.box}`)} testId="approvals-empty" />,
        onRow: (a) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest("a, button")) return;
            navigate(approvalPath(a.id));
          },
          style: { cursor: "pointer" },
        }),
      }}
    >
      <Tabs
        activeKey={query.box}
        onChange={(key) => setFilters({ box: key === "pending" ? undefined : key, status: undefined })}
        items={boxes.map((box) => ({
          key: box,
          label: (
            <span data-testid={`approvals-box-${box}`}>
              {t(`approvals:boxes.${box}`)}
              {box === "pending" && pending > 0 && <Typography.Text type="secondary"> ({pending})</Typography.Text>}
            </span>
          ),
        }))}
        style={{ marginTop: -8 }}
      />
      <SearchForm<SearchValues>
        testId="approvals-search"
        values={{ q: filters.q, status: filters.status }}
        onSearch={(v) => setFilters({ q: v.q?.trim() || undefined, status: v.status || undefined })}
        fields={[
          { name: "q", label: t("approvals:search.q"), placeholder: t("approvals:search.qPlaceholder"), width: 180, testId: "approvals-search-q" },
          ...(query.box === "pending"
            ? []
            : [{ name: "status", label: t("approvals:search.status"), options: APPROVAL_STATUSES.map((s) => ({ value: s, label: t(`approvals:status.${s}`) })), width: 140 }]),
        ]}
      />
    </ResourceListPage>
  );
}
