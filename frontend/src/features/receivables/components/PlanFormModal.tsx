import { Alert, DatePicker, Form, Input, InputNumber, Typography, type FormInstance } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../products/money";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { paymentPlansApi, useContract, type Contract, type PaymentPlan } from "../api";
import { amountProblem, availableOf, isNegative, normalizeAmount, planRoom } from "../money";
import { ContractPicker } from "./ContractPicker";

type Values = { contract_id?: string; instalment?: number | null; due_date?: Dayjs | null; amount?: string; remark?: string };

type Props = {
  open: boolean;
  onClose: () => void;
  /** The instalment being edited; null for a new one. */
  plan: PaymentPlan | null;
  /** The contract the instalment is for; without it (and without a plan) the form asks for one. */
  contract?: Contract;
};

/** The amount rules of a money field: required, a positive amount with at most two decimals. */
export function useAmountRule() {
  const { t } = useTranslation();
  return {
    validator: (_: unknown, value: string | undefined) => {
      const problem = amountProblem(value);
      return problem ? Promise.reject(new Error(t(`receivables:amount.${problem}`))) : Promise.resolve();
    },
  };
}

/** The currency before an amount input, quieter than the amount. */
export function CurrencyPrefix({ currency }: { currency: string | undefined }) {
  return <Typography.Text type="secondary">{currency ?? "CNY"}</Typography.Text>;
}

/** Puts a 422's `available` on the amount field, as money: what the contract still has room for. */
export function showAvailable(error: unknown, form: FormInstance, message: (amount: string) => string, currency: string | undefined, language: string): boolean {
  const available = availableOf(error);
  if (available === undefined) return false;
  form.setFields([{ name: "amount", errors: [message(formatMoney(available, currency ?? "CNY", language))] }]);
  return true;
}

/** 回款计划: a new instalment of a contract, or an instalment's due date, amount and remark changed. */
export function PlanFormModal({ open, onClose, plan, contract }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = paymentPlansApi.useCreate();
  const update = paymentPlansApi.useUpdate();
  const amountRule = useAmountRule();
  const picked = Form.useWatch("contract_id", form) as string | undefined;
  const contractId = plan?.contract_id ?? contract?.id ?? picked;
  const fetched = useContract(open && contractId && contract?.id !== contractId ? contractId : undefined);
  const current = contract?.id === contractId ? contract : fetched.data;
  const plans = paymentPlansApi.useList({ contract_id: contractId ?? "", page: 1, page_size: 200, sort: "instalment" }, { enabled: open && !!contractId });
  const room = current && plans.data ? planRoom(current.amount, plans.data.items, plan?.id) : undefined;
  const money = (v: string) => formatMoney(v, current?.currency ?? "CNY", i18n.language);

  const initialValues: Values = plan
    ? { due_date: dayjs(plan.due_date), amount: normalizeAmount(plan.amount), remark: plan.remark ?? undefined }
    : { contract_id: contract?.id };

  return (
    <ResourceFormDrawer<Values>
      container="modal"
      open={open}
      form={form}
      title={plan ? t("receivables:plans.editTitle", { n: plan.instalment }) : t("receivables:plans.createTitle")}
      onClose={onClose}
      recordKey={plan?.id ?? contract?.id ?? "new"}
      initialValues={initialValues}
      successMessage={t("common:messages.saved")}
      saveTestId="plan-save"
      explainProblem={(error, f) => showAvailable(error, f, (amount) => t("receivables:plans.available", { amount }), current?.currency, i18n.language)}
      onSubmit={(values) => {
        const common = { due_date: values.due_date!.format("YYYY-MM-DD"), amount: normalizeAmount(values.amount ?? ""), remark: values.remark?.trim() || null };
        return plan
          ? update.mutateAsync({ record: plan, patch: common })
          : create.mutateAsync({ contract_id: contractId ?? "", instalment: values.instalment ?? null, ...common });
      }}
      above={
        room !== undefined && current ? (
          <Alert
            type={isNegative(room) ? "warning" : "info"}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="plan-room"
            message={t("receivables:plans.room", { amount: money(current.amount), room: money(room) })}
          />
        ) : undefined
      }
    >
      {!plan && !contract && (
        <Form.Item name="contract_id" label={t("receivables:fields.contract")} rules={[{ required: true, message: t("receivables:contractPicker.required") }]}>
          <ContractPicker data-testid="plan-contract" />
        </Form.Item>
      )}
      {!plan && (
        <Form.Item name="instalment" label={t("receivables:fields.instalment")} extra={t("receivables:plans.instalmentHelp")}>
          <InputNumber<number> min={1} max={999} precision={0} style={{ width: "100%" }} data-testid="plan-instalment" />
        </Form.Item>
      )}
      <Form.Item name="due_date" label={t("receivables:fields.due_date")} rules={[{ required: true, message: t("receivables:plans.dueRequired") }]}>
        <DatePicker style={{ width: "100%" }} data-testid="plan-due-date" />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t("receivables:fields.amount")}
        required
        rules={[amountRule]}
        extra={plan && /[1-9]/.test(plan.received_amount) ? t("receivables:plans.receivedFloor", { amount: money(plan.received_amount) }) : undefined}
      >
        <Input inputMode="decimal" prefix={<CurrencyPrefix currency={current?.currency} />} data-testid="plan-amount" />
      </Form.Item>
      <Form.Item name="remark" label={t("receivables:fields.remark")}>
        <Input.TextArea rows={2} maxLength={500} data-testid="plan-remark" />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
