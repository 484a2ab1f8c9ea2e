import { ExportButton } from "../../../shared/resource/ExportButton";
import { lazy, Suspense, useState } from "react";
import { Button, Card, Flex, Grid, Segmented, Skeleton, Tabs, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { ResourceTable } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { usePermission } from "../../auth/api";
import { paymentPlansApi, type PaymentPlan } from "../api";
import { PHONE_TABLE, usePlanColumns } from "../components/columns";
import { PaymentFormDrawer } from "../components/PaymentFormDrawer";
import { PlanFormModal } from "../components/PlanFormModal";
import { PLAN_VIEWS, planViewOf, planViewQuery, type PlanView } from "../filters";
import { planActions } from "../status";

// The reports bring echarts: they load when their tab is first shown.
const reports = () => import("./ReceivableReports");
const AgeingTab = lazy(() => reports().then((m) => ({ default: m.AgeingTab })));
const ContractsReportTab = lazy(() => reports().then((m) => ({ default: m.ContractsReportTab })));

const TABS = ["plans", "ageing", "contracts"] as const;
type Tab = (typeof TABS)[number];
const DAY = "YYYY-MM-DD";

/** 应收: the instalments overdue or falling due, the receivables' ageing, and the contracts signed against what came in. */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((tab) => tab !== "plans" || can("payments:read"));
  const asked = params.get("tab");
  const tab: Tab = tabs.find((x) => x === asked) ?? tabs[0] ?? "ageing";
  const show = (next: string) => {
    const p = new URLSearchParams(params);
    p.set("tab", next);
    setParams(p, { replace: true });
  };
  return (
    <Card>
      <Typography.Title level={4} style={{ margin: "0 0 8px" }}>
        {t("receivables:page.title")}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={show}
        destroyOnHidden
        data-testid="receivables-tabs"
        items={tabs.map((key) => ({
          key,
          label: <span data-testid={`receivables-tab-${key}`}>{t(`receivables:page.tabs.${key}`)}</span>,
          children: key === "plans" ? <InstalmentsTab /> : <Suspense fallback={<Skeleton active />}>{key === "ageing" ? <AgeingTab /> : <ContractsReportTab />}</Suspense>,
        }))}
      />
    </Card>
  );
}

/** The instalments overdue, falling due within 30 days, or all of them; record a payment against one. */
function InstalmentsTab() {
  const { t } = useTranslation();
  const can = usePermission();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const view = planViewOf(params.get("view"));
  const today = dayjs().format(DAY);
  const paged = usePagedTable<PaymentPlan>("due_date");
  const list = paymentPlansApi.useList({ ...paged.params, ...planViewQuery(view, today) });
  const exporter = paymentPlansApi.useExport("payment-plans");
  const [receiving, setReceiving] = useState<PaymentPlan | null>(null);
  const [adding, setAdding] = useState(false);
  // The list does not carry its contracts' status: an instalment's payment is offered until it is
  // paid, and the drawer says so when its contract is not in force.
  const inForce = { status: "active" as const };
  const actions = useActionsColumn<PaymentPlan>({
    inline: phone ? 0 : 1,
    fixed: !phone,
    actions: [
      { key: "receive", label: t("receivables:payments.record"), permission: "payments:create", testId: "plan-receive", hidden: (p) => !planActions(p, inForce, can).includes("receive"), onClick: setReceiving },
    ],
  });
  const columns = [...usePlanColumns({ owner: true, phone }), ...actions];
  const choose = (next: PlanView) => {
    const p = new URLSearchParams(params);
    p.set("view", next);
    setParams(p, { replace: true });
    paged.resetPage();
  };
  return (
    <div data-testid="receivables-plans">
      <Flex wrap gap="small" justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Segmented<PlanView>
          value={view}
          onChange={choose}
          options={PLAN_VIEWS.map((v) => ({ value: v, label: <span data-testid={`plan-view-${v}`}>{t(`receivables:page.views.${v}`)}</span> }))}
          style={{ maxWidth: "100%", overflowX: "auto" }}
        />
        <Flex gap="small">
          <ExportButton exporter={exporter} query={{ ...planViewQuery(view, today), sort: paged.params.sort }} permission="payments:export" testId="plan-export" />
          {can("payments:create") && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="plan-create">
              {t("receivables:plans.create")}
            </Button>
          )}
        </Flex>
      </Flex>
      <ResourceTable<PaymentPlan> columns={columns} list={list} paged={paged} {...(phone ? PHONE_TABLE : {})} testId="receivable-plans-table" locale={{ emptyText: t(`receivables:page.empty.${view}`) }} />
      <PaymentFormDrawer open={receiving !== null} payment={null} plan={receiving ?? undefined} onClose={() => setReceiving(null)} />
      <PlanFormModal open={adding} plan={null} onClose={() => setAdding(false)} />
    </div>
  );
}
