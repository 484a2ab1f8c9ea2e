import { useState } from "react";
import { Progress, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { formatDateTime } from "../../../shared/format";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { salesPlansApi, type SalesPlan } from "../api";
import { SalesPlanFormDrawer } from "../components/SalesPlanFormDrawer";
import { periodKind, periodsOfYear, yearChoices } from "../periods";

const FILTERS = ["owner_id", "year", "period"] as const;

/** The list's query from its URL filters: an exact period wins over the year's range. */
export function planFilters(f: Partial<Record<(typeof FILTERS)[number], string>>) {
  const year = f.year && /^\d{4}$/.test(f.year) ? f.year : undefined;
  return {
    owner_id: f.owner_id || undefined,
    period: f.period || undefined,
    period_start_from: !f.period && year ? `${year}-01-01` : undefined,
    period_start_to: !f.period && year ? `${year}-12-31` : undefined,
  };
}

/** 销售计划: targets per person and month, quarter or year. */
export function SalesPlansPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const { filters, setFilters, paged } = useListUrlState<SalesPlan, (typeof FILTERS)[number]>(FILTERS, "-period_start");
  const plans = salesPlansApi.useList({ ...paged.params, ...planFilters(filters) });
  const exporter = salesPlansApi.useExport("sales-plans");
  const remove = salesPlansApi.useDelete();
  const [editing, setEditing] = useState<SalesPlan | null>(null);
  const [open, setOpen] = useState(false);
  const none = t("common:values.none");
  const forOthers = !!me && me.data_scope !== "self";
  const openDrawer = (plan: SalesPlan | null) => {
    setEditing(plan);
    setOpen(true);
  };
  const year = Number(filters.year) || new Date().getFullYear();
  const periodLabel = (p: string) => {
    const kind = periodKind(p);
    return kind ? `${p} · ${t(`salesPlans:kinds.${kind}`)}` : p;
  };

  const actions = useActionsColumn<SalesPlan>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "sales_plans:update", onClick: openDrawer, testId: "sales-plan-edit" }],
    remove: { permission: "sales_plans:delete", name: (p) => `${p.owner_name ?? ""} ${p.period}`, onDelete: (p) => remove.mutateAsync(p), testId: "sales-plan-delete" },
  });

  const columns: TableColumnsType<SalesPlan> = [
    { title: t("salesPlans:fields.owner"), dataIndex: "owner_name", key: "owner", width: 140, render: (v: string | null) => v || none },
    { title: t("salesPlans:fields.period"), dataIndex: "period", key: "period_start", sorter: true, width: 150, render: (p: string) => <span data-testid="sales-plan-period">{periodLabel(p)}</span> },
    {
      title: t("salesPlans:fields.target_amount"),
      dataIndex: "target_amount",
      key: "target_amount",
      align: "right",
      width: 150,
      render: (v: string) => <span data-testid="sales-plan-target-cell">{formatMoney(v, "CNY", i18n.language)}</span>,
    },
    {
      title: t("salesPlans:fields.achieved_amount"),
      key: "achieved",
      width: 190,
      render: (_, p) => {
        const target = Number(p.target_amount);
        const percent = target > 0 ? Math.floor((Number(p.achieved_amount) / target) * 100) : 0;
        return (
          <div data-testid="sales-plan-achieved">
            {formatMoney(p.achieved_amount, "CNY", i18n.language)}
            <Progress percent={Math.min(percent, 100)} format={() => `${percent}%`} size="small" status={percent >= 100 ? "success" : "normal"} />
          </div>
        );
      },
    },
    {
      title: t("salesPlans:fields.new_customers"),
      key: "customers",
      align: "right",
      width: 130,
      render: (_, p) => <span data-testid="sales-plan-customers-cell">{p.planned_customers === null || p.planned_customers === undefined ? p.new_customers : `${p.new_customers} / ${p.planned_customers}`}</span>,
    },
    { title: t("salesPlans:fields.content"), dataIndex: "content", key: "content", width: 260, ellipsis: true, render: (v: string | null) => v || none },
    { title: t("salesPlans:fields.updated_at"), dataIndex: "updated_at", key: "updated_at", sorter: true, width: 170, render: (v: string) => formatDateTime(v, none) },
    ...actions,
  ];

  return (
    <ResourceListPage<SalesPlan>
      title={t("salesPlans:title")}
      toolbar={<ExportButton exporter={exporter} query={{ ...planFilters(filters), sort: paged.params.sort }} permission="sales_plans:export" testId="sales-plan-export" />}
      create={{ permission: "sales_plans:create", testId: "sales-plan-create", onClick: () => openDrawer(null) }}
      table={{ columns, list: plans, paged, testId: "sales-plan-table" }}
      overlays={<SalesPlanFormDrawer open={open} plan={editing} forOthers={forOthers} onClose={() => setOpen(false)} />}
    >
      <SearchForm
        testId="sales-plan-search"
        values={filters}
        onSearch={setFilters}
        fields={[
          ...(forOthers
            ? [{ name: "owner_id", label: t("salesPlans:fields.owner"), input: <UserPicker data-testid="sales-plan-search-owner" style={{ width: 200, maxWidth: "100%" }} /> }]
            : []),
          { name: "year", label: t("salesPlans:fields.year"), options: yearChoices(new Date(), 4, 2).map((y) => ({ value: String(y), label: String(y) })), width: 110, testId: "sales-plan-search-year" },
          {
            name: "period",
            label: t("salesPlans:fields.period"),
            placeholder: t("salesPlans:search.periodPlaceholder"),
            options: periodsOfYear(year).map((p) => ({ value: p, label: periodLabel(p) })),
            width: 180,
            testId: "sales-plan-search-period",
          },
        ]}
      />
    </ResourceListPage>
  );
}
