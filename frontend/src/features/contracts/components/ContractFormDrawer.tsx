import { Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useDictionary } from "../../../shared/dictionaries";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { useContacts } from "../../customers/api";
import { dictionaryOptions } from "../../customers/dictionary";
import { PriceInput, priceRules } from "../../products/components/PriceInput";
import { CURRENCIES, DEFAULT_CURRENCY, normalizePrice } from "../../products/money";
import { useCustomerOpportunities } from "../../quotes/api";
import { DocumentLinesEditor, lineValues, NEW_LINE, toDocumentLines, type DocLineValues } from "../../quotes/components/DocumentLinesEditor";
import { CustomerField, FixedText } from "../../quotes/components/QuoteFormDrawer";
import { contractsApi, type Contract, type ContractPatch, type NewContract } from "../api";

/** A contract states its amount, or has lines whose total is its amount. */
export type AmountMode = "amount" | "lines";

export type ContractFormValues = {
  name: string;
  customer_id?: string;
  opportunity_id?: string | null;
  customer_signer_id?: string | null;
  signer_id?: string | null;
  owner_id?: string | null;
  currency: string;
  mode: AmountMode;
  amount?: string;
  lines?: DocLineValues[];
  sign_date?: Dayjs | null;
  start_date?: Dayjs | null;
  end_date?: Dayjs | null;
  category?: string | null;
  payment_terms?: string;
  remark?: string;
};

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);

function formValues(c: Contract | null, customer?: { id: string }): Partial<ContractFormValues> {
  if (!c) return { customer_id: customer?.id, currency: DEFAULT_CURRENCY, mode: "amount", lines: [{ ...NEW_LINE }] };
  return {
    name: c.name,
    customer_id: c.customer_id,
    opportunity_id: c.opportunity_id ?? undefined,
    customer_signer_id: c.customer_signer_id ?? undefined,
    signer_id: c.signer_id ?? undefined,
    currency: c.currency,
    mode: c.lines.length > 0 ? "lines" : "amount",
    amount: c.lines.length > 0 ? undefined : c.amount,
    lines: c.lines.length > 0 ? c.lines.map(lineValues) : [{ ...NEW_LINE }],
    sign_date: day(c.sign_date),
    start_date: day(c.start_date),
    end_date: day(c.end_date),
    category: c.category ?? undefined,
    payment_terms: c.payment_terms ?? undefined,
    remark: c.remark ?? undefined,
  };
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);
const date = (v: Dayjs | null | undefined) => (v ? v.format("YYYY-MM-DD") : null);

/**
 * How the form's amount or lines go to the API. With lines the server computes the amount, so none
 * is sent (a stale one would be a 422 `disagrees_with_lines`); a stated amount replaces the lines a
 * draft had with none.
 */
export function pricing(values: Pick<ContractFormValues, "mode" | "amount" | "lines">, hadLines: boolean): Pick<ContractPatch, "amount" | "lines"> {
  if (values.mode === "lines") return { amount: null, lines: toDocumentLines(values.lines) };
  return { amount: normalizePrice(values.amount ?? "0"), ...(hadLines ? { lines: [] } : {}) };
}

type Props = {
  open: boolean;
  contract: Contract | null;
  onClose: () => void;
  onCreated?: (c: Contract) => void;
  /** The customer a new contract is for (from the customer's page): fixed, not picked. */
  customer?: { id: string; name: string };
};

/**
 * Creates a contract or edits a draft: name, customer (on create), opportunity and signatory of that
 * customer, our signatory, owner (on create), currency, a stated amount or lines, dates, category,
 * payment terms and remark. The server's field errors land on the fields.
 */
export function ContractFormDrawer({ open, contract, onClose, onCreated, customer }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ContractFormValues>();
  const create = contractsApi.useCreate();
  const update = contractsApi.useUpdate();
  const categories = useDictionary("contract_category");
  const customerId = Form.useWatch("customer_id", form) as string | undefined;
  const mode = (Form.useWatch("mode", form) as AmountMode | undefined) ?? "amount";
  const currency = (Form.useWatch("currency", form) as string | undefined) ?? DEFAULT_CURRENCY;
  const contacts = useContacts(customerId ?? "", open && !!customerId);
  const opportunities = useCustomerOpportunities(customerId, open);
  const fixedCustomer = contract ? { id: contract.customer_id, name: contract.customer_name ?? "" } : customer;
  const pickCustomerFirst = customerId ? undefined : t("contracts:form.pickCustomerFirst");

  const submit = (v: ContractFormValues) => {
    const common = {
      name: v.name.trim(),
      opportunity_id: v.opportunity_id ?? null,
      customer_signer_id: v.customer_signer_id ?? null,
      signer_id: v.signer_id ?? null,
      currency: v.currency,
      sign_date: date(v.sign_date),
      start_date: date(v.start_date),
      end_date: date(v.end_date),
      category: v.category ?? null,
      payment_terms: text(v.payment_terms),
      remark: text(v.remark),
    };
    if (contract) {
      const patch: ContractPatch = { ...common, ...pricing(v, contract.lines.length > 0) };
      return update.mutateAsync({ record: contract, patch });
    }
    const priced = pricing(v, false);
    const body: NewContract = { ...common, amount: priced.amount, lines: priced.lines ?? [], customer_id: v.customer_id ?? "", owner_id: v.owner_id ?? null };
    return create.mutateAsync(body);
  };

  const endAfterStart = {
    validator: (_: unknown, end: Dayjs | null | undefined) => {
      const start = form.getFieldValue("start_date") as Dayjs | null | undefined;
      return end && start && end.isBefore(start, "day") ? Promise.reject(new Error(t("errors:field.before_start"))) : Promise.resolve();
    },
  };

  return (
    <ResourceFormDrawer<ContractFormValues, Contract>
      open={open}
      form={form}
      title={contract ? t("contracts:editTitle", { number: contract.number }) : t("contracts:createTitle")}
      onClose={onClose}
      initialValues={formValues(contract, customer)}
      recordKey={contract ?? customer?.id}
      onSubmit={submit}
      onSaved={(saved) => !contract && onCreated?.(saved)}
      successMessage={t(contract ? "common:messages.saved" : "common:messages.created")}
      saveTestId="contract-save"
      width={920}
    >
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item name="name" label={t("contracts:fields.name")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input autoComplete="off" placeholder={t("contracts:form.namePlaceholder")} data-testid="contract-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="customer_id" label={t("contracts:fields.customer")} rules={[{ required: true }]}>
            {fixedCustomer ? (
              <FixedText text={fixedCustomer.name} testId="contract-customer-fixed" />
            ) : (
              <CustomerField
                testId="contract-customer"
                onPicked={() => form.setFieldsValue({ opportunity_id: undefined, customer_signer_id: undefined })}
              />
            )}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="opportunity_id" label={t("contracts:fields.opportunity")}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={pickCustomerFirst}
              loading={opportunities.isFetching}
              options={(opportunities.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-testid="contract-opportunity"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="customer_signer_id" label={t("contracts:fields.customer_signer")}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={pickCustomerFirst}
              loading={contacts.isFetching}
              options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
              data-testid="contract-customer-signer"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="signer_id" label={t("contracts:fields.signer")}>
            <UserPicker style={{ width: "100%" }} data-testid="contract-signer" />
          </Form.Item>
        </Col>
        {!contract && (
          <Col xs={24} sm={12}>
            <Form.Item name="owner_id" label={t("contracts:fields.owner")} extra={t("contracts:form.ownerHelp")}>
              <UserPicker style={{ width: "100%" }} data-testid="contract-owner" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={12}>
          <Form.Item name="category" label={t("contracts:fields.category")}>
            <Select allowClear options={dictionaryOptions(categories.data, i18n.language, contract?.category)} loading={categories.isFetching} data-testid="contract-category" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="sign_date" label={t("contracts:fields.sign_date")}>
            <DatePicker style={{ width: "100%" }} data-testid="contract-sign-date" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="start_date" label={t("contracts:fields.start_date")}>
            <DatePicker style={{ width: "100%" }} data-testid="contract-start-date" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="end_date" label={t("contracts:fields.end_date")} dependencies={["start_date"]} rules={[endAfterStart]}>
            <DatePicker style={{ width: "100%" }} data-testid="contract-end-date" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="currency" label={t("contracts:fields.currency")} rules={[{ required: true }]}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="contract-currency" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item name="mode" label={t("contracts:form.amountMode")}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "amount", label: t("contracts:form.modeAmount") },
                { value: "lines", label: t("contracts:form.modeLines") },
              ]}
              data-testid="contract-mode"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          {mode === "lines" ? (
            <>
              <Typography.Title level={5}>{t("contracts:fields.lines")}</Typography.Title>
              <DocumentLinesEditor form={form} currency={currency} />
            </>
          ) : (
            <Form.Item name="amount" label={t("contracts:fields.amount")} rules={priceRules(t)}>
              <PriceInput suffix={currency} style={{ maxWidth: 240 }} data-testid="contract-amount" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24}>
          <Form.Item name="payment_terms" label={t("contracts:fields.payment_terms")} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} placeholder={t("contracts:form.paymentTermsPlaceholder")} data-testid="contract-payment-terms" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="remark" label={t("contracts:fields.remark")} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} data-testid="contract-remark" />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}
