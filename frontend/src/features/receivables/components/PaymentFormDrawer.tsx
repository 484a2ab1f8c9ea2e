import { Alert, Col, DatePicker, Form, Input, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useDictionary } from "../../../shared/dictionaries";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { dictionaryOptions } from "../../customers/dictionary";
import { formatMoney } from "../../products/money";
import { paymentPlansApi, paymentsApi, useContract, useSubmitPayment, type ApprovalDetail, type Contract, type Payment, type PaymentPlan } from "../api";
import { normalizeAmount } from "../money";
import { tookEffect } from "../status";
import { ContractPicker } from "./ContractPicker";
import { CurrencyPrefix, showAvailable, useAmountRule } from "./PlanFormModal";

type Values = { contract_id?: string; plan_id?: string | null; amount?: string; received_date?: Dayjs | null; method?: string; reference?: string; remark?: string };

/** What a save answers: the payment, and when it was also submitted, its approval or why the submit failed. */
export type PaymentSaved = { payment: Payment; approval?: ApprovalDetail; submitError?: unknown };

type Props = {
  open: boolean;
  onClose: () => void;
  /** The draft being edited; null for a new payment. */
  payment: Payment | null;
  /** The contract it is received against; without it (and without a payment) the form asks for one. */
  contract?: Contract;
  /** The instalment it settles, chosen beforehand (an instalment's "record payment"). */
  plan?: PaymentPlan;
  onSaved?: (saved: PaymentSaved) => void;
};

/** An instalment as the picker lists it: its number, due date and what it still owes. */
function planLabel(plan: PaymentPlan, t: (key: string, options?: Record<string, unknown>) => string, money: (v: string) => string): string {
  return t("receivables:payments.planOption", { n: plan.instalment, due: plan.due_date, outstanding: money(plan.outstanding_amount) });
}

/**
 * 登记回款: a payment received against a contract, naming the instalment it settles (the amount
 * follows the instalment chosen), saved as a draft or saved and submitted at once.
 */
export function PaymentFormDrawer({ open, onClose, payment, contract, plan, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const onProblem = useProblemHandler();
  const create = paymentsApi.useCreate();
  const update = paymentsApi.useUpdate();
  const submit = useSubmitPayment();
  const amountRule = useAmountRule();
  const methods = useDictionary("payment_method");
  const picked = Form.useWatch("contract_id", form) as string | undefined;
  const contractId = payment?.contract_id ?? contract?.id ?? plan?.contract_id ?? picked;
  const fetched = useContract(open && contractId && contract?.id !== contractId ? contractId : undefined);
  const current = contract?.id === contractId ? contract : fetched.data;
  const plans = paymentPlansApi.useList({ contract_id: contractId ?? "", page: 1, page_size: 200, sort: "instalment" }, { enabled: open && !!contractId });
  const currency = payment?.currency ?? current?.currency ?? "CNY";
  const money = (v: string) => formatMoney(v, currency, i18n.language);

  const initialValues: Values = payment
    ? {
        plan_id: payment.plan_id ?? null,
        amount: normalizeAmount(payment.amount),
        received_date: dayjs(payment.received_date),
        method: payment.method ?? undefined,
        reference: payment.reference ?? undefined,
        remark: payment.remark ?? undefined,
      }
    : {
        contract_id: contractId,
        plan_id: plan?.id ?? null,
        amount: plan ? normalizeAmount(plan.outstanding_amount) : undefined,
        received_date: dayjs(),
        method: "bank_transfer",
      };

  const body = (values: Values) => ({
    plan_id: values.plan_id || null,
    amount: normalizeAmount(values.amount ?? ""),
    received_date: (values.received_date ?? dayjs()).format("YYYY-MM-DD"),
    method: values.method || null,
    reference: values.reference?.trim() || null,
    remark: values.remark?.trim() || null,
  });
  const save = async (values: Values): Promise<PaymentSaved> => ({
    payment: payment ? await update.mutateAsync({ record: payment, patch: body(values) }) : await create.mutateAsync({ contract_id: contractId ?? "", ...body(values) }),
  });
  // Saved, then submitted: a submit that fails leaves the saved draft, and says why.
  const saveAndSubmit = async (values: Values): Promise<PaymentSaved> => {
    const saved = await save(values);
    try {
      return { ...saved, approval: await submit.mutateAsync(saved.payment.id) };
    } catch (submitError) {
      return { ...saved, submitError };
    }
  };
  const savedText = (saved: PaymentSaved) =>
    saved.submitError
      ? t("receivables:payments.savedNotSubmitted")
      : saved.approval
        ? saved.approval.status === "approved"
          ? t("receivables:payments.confirmedAtOnce")
          : t("receivables:submitted")
        : t("receivables:payments.savedDraft");

  const planOptions = (plans.data?.items ?? []).map((p) => ({
    value: p.id,
    label: planLabel(p, t, money),
    // A settled instalment takes no more, unless it is the one the payment already names.
    disabled: p.status === "paid" && p.id !== payment?.plan_id,
  }));
  const notInForce = current && !tookEffect(current);

  return (
    <ResourceFormDrawer<Values, PaymentSaved>
      open={open}
      form={form}
      title={payment ? t("receivables:payments.editTitle", { number: payment.number }) : t("receivables:payments.createTitle")}
      onClose={onClose}
      recordKey={payment?.id ?? `${contract?.id ?? ""}:${plan?.id ?? ""}`}
      initialValues={initialValues}
      width={560}
      successMessage={savedText}
      saveTestId="payment-save"
      saveLabel={t("receivables:saveDraft")}
      extraSaves={[{ key: "submit", label: t("receivables:saveAndSubmit"), primary: true, testId: "payment-save-submit", onSubmit: saveAndSubmit }]}
      onSubmit={save}
      onSaved={(saved) => {
        if (saved.submitError) onProblem(saved.submitError);
        onSaved?.(saved);
      }}
      explainProblem={(error, f) => showAvailable(error, f, (amount) => t("receivables:payments.available", { amount }), currency, i18n.language)}
      above={
        current ? (
          <Alert
            type={notInForce ? "warning" : "info"}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="payment-contract-info"
            message={
              notInForce
                ? t("receivables:notInForce")
                : t("receivables:payments.contractInfo", { number: current.number, amount: money(current.amount), received: money(current.received_amount), outstanding: money(current.outstanding_amount) })
            }
          />
        ) : undefined
      }
    >
      <Row gutter={16}>
        {!payment && !contract && !plan && (
          <Col span={24}>
            <Form.Item
              name="contract_id"
              label={t("receivables:fields.contract")}
              rules={[{ required: true, message: t("receivables:contractPicker.required") }]}
            >
              <ContractPicker data-testid="payment-contract" onPicked={() => form.setFieldsValue({ plan_id: null })} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="plan_id" label={t("receivables:fields.plan")} extra={planOptions.length === 0 && contractId && !plans.isFetching ? t("receivables:payments.noPlans") : undefined}>
            <Select
              allowClear
              disabled={!contractId}
              placeholder={contractId ? t("receivables:payments.planPlaceholder") : t("receivables:contractPicker.first")}
              loading={plans.isFetching}
              options={planOptions}
              onChange={(id: string | undefined) => {
                const chosen = plans.data?.items.find((p) => p.id === id);
                if (chosen) form.setFieldsValue({ amount: normalizeAmount(chosen.outstanding_amount) });
              }}
              data-testid="payment-plan"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="amount" label={t("receivables:fields.amount")} required rules={[amountRule]}>
            <Input inputMode="decimal" prefix={<CurrencyPrefix currency={currency} />} data-testid="payment-amount" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="received_date" label={t("receivables:fields.received_date")} rules={[{ required: true, message: t("receivables:payments.dateRequired") }]}>
            <DatePicker style={{ width: "100%" }} data-testid="payment-received-date" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="method" label={t("receivables:fields.method")}>
            <Select allowClear options={dictionaryOptions(methods.data, i18n.language, payment?.method)} loading={methods.isFetching} data-testid="payment-method" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="reference" label={t("receivables:fields.reference")}>
            <Input maxLength={100} placeholder={t("receivables:payments.referencePlaceholder")} data-testid="payment-reference" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label={t("receivables:fields.remark")}>
            <Input.TextArea rows={2} maxLength={500} data-testid="payment-remark" />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}
