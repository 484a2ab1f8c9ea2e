import { Alert, Col, DatePicker, Form, Input, Radio, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { formatMoney } from "../../products/money";
import { invoicesApi, useContract, useInvoiceTitles, useSubmitInvoice, type ApprovalDetail, type Contract, type Invoice } from "../api";
import { invoiceFormValues, invoicePatch, needsTaxNumber, newInvoiceBody, newInvoiceValues, titleLabel, titleValues, type InvoiceFormValues } from "../invoiceForm";
import { taxIncluded, uninvoiced } from "../money";
import { INVOICE_TYPES, TAX_RATES, TITLE_TYPES, tookEffect } from "../status";
import { ContractPicker } from "./ContractPicker";
import { CurrencyPrefix, showAvailable, useAmountRule } from "./PlanFormModal";

type Values = InvoiceFormValues & { contract_id?: string };

/** What a save answers: the invoice, and when it was also submitted, its approval or why the submit failed. */
export type InvoiceSaved = { invoice: Invoice; approval?: ApprovalDetail; submitError?: unknown };

type Props = {
  open: boolean;
  onClose: () => void;
  /** The draft being edited; null for a new invoice. */
  invoice: Invoice | null;
  /** The contract it is issued against; without it (and without an invoice) the form asks for one. */
  contract?: Contract;
  onSaved?: (saved: InvoiceSaved) => void;
};

/**
 * 开票: an invoice against a contract, its title filled from the customer's remembered titles or
 * typed, saved as a draft or saved and submitted at once. The tax inside the amount shows as typed.
 */
export function InvoiceFormDrawer({ open, onClose, invoice, contract, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const onProblem = useProblemHandler();
  const create = invoicesApi.useCreate();
  const update = invoicesApi.useUpdate();
  const submit = useSubmitInvoice();
  const amountRule = useAmountRule();
  const picked = Form.useWatch("contract_id", form) as string | undefined;
  const contractId = invoice?.contract_id ?? contract?.id ?? picked;
  const fetched = useContract(open && contractId && contract?.id !== contractId ? contractId : undefined);
  const current = contract?.id === contractId ? contract : fetched.data;
  const titles = useInvoiceTitles(invoice?.customer_id ?? current?.customer_id, open);
  const currency = invoice?.currency ?? current?.currency ?? "CNY";
  const money = (v: string) => formatMoney(v, currency, i18n.language);
  const amount = Form.useWatch("amount", form) as string | undefined;
  const rate = Form.useWatch("tax_rate_percent", form) as string | undefined;
  const tax = taxIncluded(amount, rate);
  const kind = Form.useWatch("type", form) as InvoiceFormValues["type"] | undefined;
  const titleType = Form.useWatch("title_type", form) as InvoiceFormValues["title_type"] | undefined;
  const rates = [...TAX_RATES, ...(invoice && !(TAX_RATES as readonly string[]).includes(invoice.tax_rate_percent) ? [invoice.tax_rate_percent] : [])];

  const initialValues: Values = invoice ? invoiceFormValues(invoice) : { contract_id: contract?.id, ...newInvoiceValues(contract, undefined) };

  const save = async (values: Values): Promise<InvoiceSaved> => ({
    invoice: invoice ? await update.mutateAsync({ record: invoice, patch: invoicePatch(values) }) : await create.mutateAsync(newInvoiceBody(contractId ?? "", values)),
  });
  const saveAndSubmit = async (values: Values): Promise<InvoiceSaved> => {
    const saved = await save(values);
    try {
      return { ...saved, approval: await submit.mutateAsync(saved.invoice.id) };
    } catch (submitError) {
      return { ...saved, submitError };
    }
  };
  const savedText = (saved: InvoiceSaved) =>
    saved.submitError
      ? t("receivables:invoices.savedNotSubmitted")
      : saved.approval
        ? saved.approval.status === "approved"
          ? t("receivables:invoices.issuedAtOnce")
          : t("receivables:submitted")
        : t("receivables:invoices.savedDraft");

  const remembered = titles.data ?? [];
  const notInForce = current && !tookEffect(current);

  return (
    <ResourceFormDrawer<Values, InvoiceSaved>
      open={open}
      form={form}
      title={invoice ? t("receivables:invoices.editTitle", { number: invoice.number }) : t("receivables:invoices.createTitle")}
      onClose={onClose}
      recordKey={invoice?.id ?? contract?.id ?? "new"}
      initialValues={initialValues}
      width={640}
      successMessage={savedText}
      saveTestId="invoice-save"
      saveLabel={t("receivables:saveDraft")}
      extraSaves={[{ key: "submit", label: t("receivables:saveAndSubmit"), primary: true, testId: "invoice-save-submit", onSubmit: saveAndSubmit }]}
      onSubmit={save}
      onSaved={(saved) => {
        if (saved.submitError) onProblem(saved.submitError);
        onSaved?.(saved);
      }}
      explainProblem={(error, f) => showAvailable(error, f, (left) => t("receivables:invoices.available", { amount: left }), currency, i18n.language)}
      above={
        current ? (
          <Alert
            type={notInForce ? "warning" : "info"}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="invoice-contract-info"
            message={
              notInForce
                ? t("receivables:notInForce")
                : t("receivables:invoices.contractInfo", { number: current.number, amount: money(current.amount), invoiced: money(current.invoiced_amount), left: money(uninvoiced(current)) })
            }
          />
        ) : undefined
      }
    >
      <Row gutter={16}>
        {!invoice && !contract && (
          <Col span={24}>
            <Form.Item name="contract_id" label={t("receivables:fields.contract")} rules={[{ required: true, message: t("receivables:contractPicker.required") }]}>
              <ContractPicker
                data-testid="invoice-contract"
                onPicked={(c) => {
                  if (c) form.setFieldsValue({ title: c.customer_name ?? undefined, amount: newInvoiceValues(c, undefined).amount });
                }}
              />
            </Form.Item>
          </Col>
        )}
        {remembered.length > 0 && (
          <Col span={24}>
            <Form.Item label={t("receivables:invoices.remembered")} extra={t("receivables:invoices.rememberedHelp")}>
              <Select
                allowClear
                placeholder={t("receivables:invoices.rememberedPlaceholder")}
                options={remembered.map((title, index) => ({ value: index, label: titleLabel(title) }))}
                onChange={(index: number | undefined) => {
                  const title = index === undefined ? undefined : remembered[index];
                  if (title) form.setFieldsValue(titleValues(title));
                }}
                data-testid="invoice-remembered-title"
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={12}>
          <Form.Item name="type" label={t("receivables:fields.type")} rules={[{ required: true }]}>
            <Select options={INVOICE_TYPES.map((type) => ({ value: type, label: t(`receivables:invoiceTypes.${type}`) }))} data-testid="invoice-type" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="title_type"
            label={t("receivables:fields.title_type")}
            dependencies={["type"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  getFieldValue("type") === "vat_special" && value === "person" ? Promise.reject(new Error(t("receivables:invoices.specialToCompany"))) : Promise.resolve(),
              }),
            ]}
          >
            <Radio.Group optionType="button" options={TITLE_TYPES.map((type) => ({ value: type, label: t(`receivables:titleTypes.${type}`) }))} data-testid="invoice-title-type" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="title" label={t("receivables:fields.title")} rules={[{ required: true, whitespace: true, message: t("receivables:invoices.titleRequired") }]}>
            <Input maxLength={200} data-testid="invoice-title" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="tax_number"
            label={t("receivables:fields.tax_number")}
            required={needsTaxNumber({ type: kind, title_type: titleType })}
            dependencies={["type", "title_type"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const text = (value ?? "").trim();
                  if (!text) return needsTaxNumber({ type: getFieldValue("type"), title_type: getFieldValue("title_type") }) ? Promise.reject(new Error(t("receivables:invoices.taxNumberRequired"))) : Promise.resolve();
                  return /^[0-9A-Za-z]{15,20}$/.test(text) ? Promise.resolve() : Promise.reject(new Error(t("receivables:invoices.taxNumberFormat")));
                },
              }),
            ]}
          >
            <Input maxLength={20} data-testid="invoice-tax-number" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="address_phone" label={t("receivables:fields.address_phone")}>
            <Input maxLength={200} data-testid="invoice-address-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="bank" label={t("receivables:fields.bank")}>
            <Input maxLength={100} data-testid="invoice-bank" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="bank_account" label={t("receivables:fields.bank_account")}>
            <Input maxLength={50} data-testid="invoice-bank-account" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="amount"
            label={t("receivables:fields.amountWithTax")}
            required
            rules={[amountRule]}
            extra={tax !== undefined ? <span data-testid="invoice-tax-preview">{t("receivables:invoices.taxPreview", { tax: money(tax) })}</span> : undefined}
          >
            <Input inputMode="decimal" prefix={<CurrencyPrefix currency={currency} />} data-testid="invoice-amount" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="tax_rate_percent" label={t("receivables:fields.tax_rate_percent")}>
            <Select options={rates.map((r) => ({ value: r, label: `${r}%` }))} data-testid="invoice-tax-rate" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="issue_date" label={t("receivables:fields.issue_date")}>
            <DatePicker style={{ width: "100%" }} data-testid="invoice-issue-date" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label={t("receivables:fields.remark")}>
            <Input.TextArea rows={2} maxLength={500} data-testid="invoice-remark" />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}
