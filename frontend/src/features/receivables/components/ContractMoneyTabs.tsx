import { useState, type ReactNode } from "react";
import { Button, Col, Grid, Row, Space, Statistic, Typography, theme } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { ResourceTable } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { invoicesApi, paymentPlansApi, paymentsApi, type Contract, type Invoice, type Payment, type PaymentPlan } from "../api";
import { isNegative, isPositive, planRoom, sumAmounts } from "../money";
import { planActions, plansOpen, tookEffect } from "../status";
import { PHONE_TABLE, useInvoiceColumns, usePaymentColumns, usePlanColumns } from "./columns";
import { InvoiceFormDrawer } from "./InvoiceFormDrawer";
import { useInvoiceActions, usePaymentActions } from "./moneyActions";
import { PaymentFormDrawer } from "./PaymentFormDrawer";
import { PlanFormModal } from "./PlanFormModal";

// The money parts of a contract's page (CON-2): its figures, its instalments, the payments
// received and the invoices issued against it; and a customer's payments and invoices on its
// 360 page. The contract and customer pages mount them (see LazyReceivables for the lazy ones).

const usePhone = () => Grid.useBreakpoint().md === false;

/** 已回款 / 未回款 / 已开票 / 逾期: the contract's money as four figures. */
export function ContractMoneySummary({ contract }: { contract: Contract }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const money = (v: string) => formatMoney(v, contract.currency, i18n.language);
  const figures: { key: string; value: string; color?: string }[] = [
    { key: "received_amount", value: contract.received_amount },
    { key: "outstanding_amount", value: contract.outstanding_amount },
    { key: "invoiced_amount", value: contract.invoiced_amount },
    { key: "overdue_amount", value: contract.overdue_amount, color: isPositive(contract.overdue_amount) ? token.colorError : undefined },
  ];
  return (
    <Row gutter={[16, 12]} data-testid="contract-money-summary">
      {figures.map((f) => (
        <Col key={f.key} xs={12} md={6}>
          <Statistic
            title={t(`receivables:fields.${f.key}`)}
            value={money(f.value)}
            valueStyle={{ fontSize: 20, ...(f.color ? { color: f.color } : {}) }}
            data-testid={`contract-${f.key.replace(/_/g, "-")}`}
          />
        </Col>
      ))}
    </Row>
  );
}

/** A tab's head: a line of text (what is left, say) and its create button. */
function TabHead({ text, button }: { text?: ReactNode; button?: ReactNode }) {
  if (!text && !button) return null;
  return (
    <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
      <div>{text}</div>
      {button}
    </Space>
  );
}

type ContractTabProps = { contractId: string; contract: Contract };

/** 回款计划: the contract's instalments with their status, what the plans leave of its amount, and add / edit / delete. */
export function ContractPlansTab({ contractId, contract }: ContractTabProps) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const phone = usePhone();
  const list = paymentPlansApi.useList({ contract_id: contractId, page: 1, page_size: 200, sort: "instalment" });
  const remove = paymentPlansApi.useDelete();
  const [editing, setEditing] = useState<PaymentPlan | null>(null);
  const [adding, setAdding] = useState(false);
  const [receiving, setReceiving] = useState<PaymentPlan | null>(null);
  const plans = list.data?.items ?? [];
  const money = (v: string) => formatMoney(v, contract.currency, i18n.language);
  const room = planRoom(contract.amount, plans);
  const offers = (p: PaymentPlan, action: "receive" | "edit" | "delete") => planActions(p, contract, can).includes(action);

  const actions = useActionsColumn<PaymentPlan>({
    inline: phone ? 0 : 1,
    fixed: !phone,
    actions: [
      { key: "receive", label: t("receivables:payments.record"), permission: "payments:create", testId: "plan-receive", hidden: (p) => !offers(p, "receive"), onClick: setReceiving },
      { key: "edit", label: t("common:actions.edit"), permission: "payments:update", testId: "plan-edit", hidden: (p) => !offers(p, "edit"), onClick: setEditing },
    ],
    remove: {
      permission: "payments:delete",
      name: (p) => t("receivables:instalmentN", { n: p.instalment }),
      onDelete: (p) => remove.mutateAsync(p),
      testId: "plan-delete",
      blockedReason: (p) => (offers(p, "delete") ? undefined : t("receivables:plans.notDeletable")),
    },
  });
  const columns = [...usePlanColumns({ contract: false, customer: false, phone, currency: contract.currency }), ...actions];

  return (
    <div data-testid="contract-plans">
      <TabHead
        text={
          <Typography.Text type={isNegative(room) ? "danger" : "secondary"} data-testid="plan-room">
            {t("receivables:plans.summary", { amount: money(contract.amount), planned: money(sumAmounts(plans.map((p) => p.amount))), room: money(room) })}
          </Typography.Text>
        }
        button={
          can("payments:create") && plansOpen(contract) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="plan-create">
              {t("receivables:plans.create")}
            </Button>
          ) : undefined
        }
      />
      <ResourceTable<PaymentPlan> columns={columns} list={list} {...(phone ? PHONE_TABLE : {})} pagination={false} testId="plans-table" locale={{ emptyText: t("receivables:plans.empty") }} />
      <PlanFormModal open={adding || editing !== null} plan={editing} contract={contract} onClose={() => (setAdding(false), setEditing(null))} />
      <PaymentFormDrawer open={receiving !== null} payment={null} contract={contract} plan={receiving ?? undefined} onClose={() => setReceiving(null)} />
    </div>
  );
}

/** 回款记录: the contract's payments; record one (the drawer), submit or delete drafts. */
export function ContractPaymentsTab({ contractId, contract }: ContractTabProps) {
  const { t } = useTranslation();
  const can = usePermission();
  const phone = usePhone();
  const paged = usePagedTable<Payment>("-received_date");
  const list = paymentsApi.useList({ ...paged.params, contract_id: contractId });
  const { column, overlay } = usePaymentActions({ contract, phone });
  const [creating, setCreating] = useState(false);
  const columns = [...usePaymentColumns({ contract: false, customer: false, phone }), ...column];
  return (
    <div data-testid="contract-payments">
      <TabHead
        button={
          can("payments:create") && tookEffect(contract) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="payment-create">
              {t("receivables:payments.record")}
            </Button>
          ) : undefined
        }
      />
      <ResourceTable<Payment> columns={columns} list={list} {...(phone ? PHONE_TABLE : {})} paged={paged} testId="payments-table" locale={{ emptyText: t("receivables:payments.empty") }} />
      <PaymentFormDrawer open={creating} payment={null} contract={contract} onClose={() => setCreating(false)} />
      {overlay}
    </div>
  );
}

/** 发票: the contract's invoices; a new one (with the customer's remembered titles), submit, void. */
export function ContractInvoicesTab({ contractId, contract }: ContractTabProps) {
  const { t } = useTranslation();
  const can = usePermission();
  const phone = usePhone();
  const paged = usePagedTable<Invoice>("-updated_at");
  const list = invoicesApi.useList({ ...paged.params, contract_id: contractId });
  const { column, overlay } = useInvoiceActions({ contract, phone });
  const [creating, setCreating] = useState(false);
  const columns = [...useInvoiceColumns({ contract: false, customer: false, phone }), ...column];
  return (
    <div data-testid="contract-invoices">
      <TabHead
        button={
          can("invoices:create") && tookEffect(contract) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="invoice-create">
              {t("receivables:invoices.create")}
            </Button>
          ) : undefined
        }
      />
      <ResourceTable<Invoice> columns={columns} list={list} {...(phone ? PHONE_TABLE : {})} paged={paged} testId="invoices-table" locale={{ emptyText: t("receivables:invoices.empty") }} />
      <InvoiceFormDrawer open={creating} invoice={null} contract={contract} onClose={() => setCreating(false)} />
      {overlay}
    </div>
  );
}

/** The customer 360 page's 回款 tab: the payments on its contracts. */
export function CustomerPaymentsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const paged = usePagedTable<Payment>("-received_date");
  const list = paymentsApi.useList({ ...paged.params, customer_id: customerId });
  const { column, overlay } = usePaymentActions({ phone });
  const columns = [...usePaymentColumns({ customer: false, phone }), ...column];
  return (
    <div data-testid="customer-payments">
      <ResourceTable<Payment> columns={columns} list={list} {...(phone ? PHONE_TABLE : {})} paged={paged} testId="payments-table" locale={{ emptyText: t("receivables:payments.emptyCustomer") }} />
      {overlay}
    </div>
  );
}

/** The customer 360 page's 发票 tab: the invoices on its contracts. */
export function CustomerInvoicesTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const paged = usePagedTable<Invoice>("-updated_at");
  const list = invoicesApi.useList({ ...paged.params, customer_id: customerId });
  const { column, overlay } = useInvoiceActions({ phone });
  const columns = [...useInvoiceColumns({ customer: false, phone }), ...column];
  return (
    <div data-testid="customer-invoices">
      <ResourceTable<Invoice> columns={columns} list={list} {...(phone ? PHONE_TABLE : {})} paged={paged} testId="invoices-table" locale={{ emptyText: t("receivables:invoices.emptyCustomer") }} />
      {overlay}
    </div>
  );
}
