import { useState } from "react";
import { DatePicker, Grid, Tabs, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { UserPicker } from "../../../shared/components/UserPicker";
import { formatDateTime } from "../../../shared/format";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { quotesApi, seesOthers, type Quote } from "../api";
import { DocStatusTag } from "../components/DocStatusTag";
import { CustomerField, QuoteFormDrawer } from "../components/QuoteFormDrawer";
import { QUOTE_FILTERS, quoteFormValues, quoteQuery, quoteUrlFilters, type QuoteFilterName, type QuoteSearchValues } from "../filters";
import { QUOTES_PATH } from "../paths";
import { QUOTE_STATUSES } from "../status";

/** 报价单: the quotes the user can see, by status, with filters, create, edit (drafts) and delete. */
export function QuotesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { filters, setFilters, paged } = useListUrlState<Quote, QuoteFilterName>(QUOTE_FILTERS, "-updated_at");
  const query = quoteQuery(filters, QUOTE_STATUSES);
  const list = quotesApi.useList({ ...paged.params, ...query });
  const exporter = quotesApi.useExport("quotes");
  const remove = quotesApi.useDelete();
  const [editing, setEditing] = useState<Quote | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const wide = Grid.useBreakpoint().md !== false;
  const none = t("common:values.none");
  const openDrawer = (q: Quote | null) => {
    setEditing(q);
    setDrawerOpen(true);
  };

  const actions = useActionsColumn<Quote>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "quotes:update", onClick: openDrawer, testId: "quote-edit", hidden: (q: Quote) => q.status !== "draft" }],
    remove: {
      permission: "quotes:delete",
      name: (q) => q.number,
      onDelete: (q) => remove.mutateAsync(q),
      testId: "quote-delete",
      blockedReason: (q) => (q.status === "pending" ? t("errors:problem.approval.pending") : undefined),
    },
  });

  const columns: TableColumnsType<Quote> = [
    {
      title: t("quotes:fields.number"),
      dataIndex: "number",
      key: "number",
      sorter: true,
      width: 170,
      ...(wide ? { fixed: "left" as const } : {}),
      render: (v: string, q) => (
        <Link to={`${QUOTES_PATH}/${q.id}`} data-testid="quote-link">
          {v}
        </Link>
      ),
    },
    { title: t("quotes:fields.status"), dataIndex: "status", key: "status", width: 100, render: (_: string, q) => <DocStatusTag kind="quotes" status={q.status} /> },
    {
      title: t("quotes:fields.customer"),
      dataIndex: "customer_name",
      key: "customer",
      width: 200,
      render: (v: string | null, q) => <Link to={`/customers/${q.customer_id}`}>{v || none}</Link>,
    },
    {
      title: t("quotes:fields.total"),
      dataIndex: "total",
      key: "total",
      sorter: true,
      align: "right",
      width: 150,
      render: (v: string, q) => <span data-testid="quote-total-cell">{formatMoney(v, q.currency, i18n.language)}</span>,
    },
    { title: t("quotes:fields.valid_until"), dataIndex: "valid_until", key: "valid_until", sorter: true, width: 120 },
    { title: t("quotes:fields.opportunity"), dataIndex: "opportunity_name", key: "opportunity", width: 160, render: (v: string | null, q) => (q.opportunity_id && v ? <Link to={`/opportunities/${q.opportunity_id}`}>{v}</Link> : none) },
    { title: t("quotes:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || none },
    { title: t("quotes:fields.updated_at"), dataIndex: "updated_at", key: "updated_at", sorter: true, width: 170, render: (v: string) => formatDateTime(v, none) },
    ...actions,
  ];

  const fields = [
    { name: "q", label: t("quotes:search.q"), placeholder: t("quotes:search.qPlaceholder"), width: 180, testId: "quote-search-q" },
    { name: "customer_id", label: t("quotes:fields.customer"), input: <CustomerField onPicked={() => undefined} testId="quote-search-customer" /> },
    ...(seesOthers(me) ? [{ name: "owner_id", label: t("quotes:fields.owner"), input: <UserPicker style={{ width: 160, maxWidth: "100%" }} data-testid="quote-search-owner" /> }] : []),
    { name: "valid", label: t("quotes:fields.valid_until"), input: <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: "100%" }} /> },
  ];

  return (
    <ResourceListPage<Quote>
      title={t("quotes:title")}
      toolbar={<ExportButton exporter={exporter} query={{ ...query, sort: paged.params.sort }} permission="quotes:export" testId="quote-export" />}
      create={{ permission: "quotes:create", testId: "quote-create", onClick: () => openDrawer(null) }}
      table={{
        columns,
        list,
        paged,
        testId: "quotes-table",
        onRow: (q) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest("a, button, .ant-popover, .ant-dropdown")) return;
            navigate(`${QUOTES_PATH}/${q.id}`);
          },
          style: { cursor: "pointer" },
        }),
      }}
      overlays={<QuoteFormDrawer open={drawerOpen} quote={editing} onClose={() => setDrawerOpen(false)} onCreated={(q) => navigate(`${QUOTES_PATH}/${q.id}`)} />}
    >
      <Tabs
        activeKey={filters.status && (QUOTE_STATUSES as readonly string[]).includes(filters.status) ? filters.status : "all"}
        onChange={(key) => setFilters({ status: key === "all" ? undefined : key })}
        items={[{ key: "all", label: t("quotes:status.all") }, ...QUOTE_STATUSES.map((s) => ({ key: s, label: t(`quotes:status.${s}`) }))]}
        data-testid="quote-status-tabs"
        style={{ marginTop: -8 }}
      />
      <SearchForm<QuoteSearchValues> testId="quote-search" values={quoteFormValues(filters)} onSearch={(v) => setFilters(quoteUrlFilters(v))} fields={fields} />
    </ResourceListPage>
  );
}
