import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useDictionary } from "../../../shared/dictionaries";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { useContacts } from "../../customers/api";
import { CustomerPicker } from "../../customers/components/CustomerPicker";
import { dictionaryOptions } from "../../customers/dictionary";
import { PriceInput, priceRules } from "../../products/components/PriceInput";
import { CURRENCIES, DEFAULT_CURRENCY, normalizePrice } from "../../products/money";
import { opportunitiesApi, useStages, type NewOpportunity, type NewOpportunityLine, type Opportunity, type OpportunityPatch } from "../api";
import { stageName } from "../stages";
import { LinesEditor, type LineValues } from "./LinesEditor";

export type OpportunityFormValues = {
  customer_id?: string;
  contact_id?: string | null;
  name: string;
  mode: "amount" | "lines";
  amount?: string;
  currency: string;
  lines?: LineValues[];
  stage_id?: string;
  probability?: number | null;
  expected_close_date?: Dayjs | null;
  source?: string | null;
  competitors?: string;
  description?: string;
};

function formValues(o: Opportunity | null, customerId?: string, draftName?: string): Partial<OpportunityFormValues> {
  if (!o) return { customer_id: customerId, name: draftName ?? "", mode: "lines", currency: DEFAULT_CURRENCY, lines: [{ quantity: "1", discount_percent: "0" }] };
  return {
    customer_id: o.customer_id,
    contact_id: o.contact_id ?? undefined,
    name: o.name,
    mode: o.lines.length > 0 ? "lines" : "amount",
    amount: o.amount,
    currency: o.currency,
    lines: o.lines.map((l) => ({ product_id: l.product_id, label: l.product_name, quantity: l.quantity, unit_price: l.unit_price, discount_percent: l.discount_percent })),
    probability: o.probability,
    expected_close_date: o.expected_close_date ? dayjs(o.expected_close_date) : null,
    source: o.source ?? undefined,
    competitors: o.competitors ?? undefined,
    description: o.description ?? undefined,
  };
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function toLines(lines: LineValues[] | undefined): NewOpportunityLine[] {
  return (lines ?? []).map((l) => ({
    product_id: l.product_id ?? "",
    quantity: (l.quantity ?? "").trim(),
    unit_price: normalizePrice(l.unit_price ?? "0"),
    discount_percent: l.discount_percent?.trim() ? l.discount_percent.trim() : "0",
  }));
}

type Props = {
  open: boolean;
  opportunity: Opportunity | null;
  onClose: () => void;
  onCreated?: (o: Opportunity) => void;
  /** A customer the new opportunity is for (from the customer's page): fixed, not picked. */
  customer?: { id: string; name: string };
  /** A name to start from (the global search's words). */
  draftName?: string;
};

/** Creates or edits an opportunity: its customer (on create), contact, stage (on create), amount or product lines and the rest. */
export function OpportunityFormDrawer({ open, opportunity, onClose, onCreated, customer, draftName }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<OpportunityFormValues>();
  const create = opportunitiesApi.useCreate();
  const update = opportunitiesApi.useUpdate();
  const stages = useStages();
  const sources = useDictionary("customer_source");
  const customerId = Form.useWatch("customer_id", form) as string | undefined;
  const mode = (Form.useWatch("mode", form) as OpportunityFormValues["mode"] | undefined) ?? "lines";
  const currency = (Form.useWatch("currency", form) as string | undefined) ?? DEFAULT_CURRENCY;
  const contacts = useContacts(customerId ?? "", open && !!customerId);
  const fixedCustomer = opportunity ? { id: opportunity.customer_id, name: opportunity.customer_name ?? "" } : customer;

  const submit = (v: OpportunityFormValues) => {
    const priced = v.mode === "lines" ? { lines: toLines(v.lines) } : { amount: normalizePrice(v.amount ?? "0") };
    const common = {
      name: v.name.trim(),
      contact_id: v.contact_id ?? null,
      currency: v.currency,
      // Left out when blank: the stage's probability on create, unchanged on edit.
      probability: v.probability ?? undefined,
      expected_close_date: v.expected_close_date ? v.expected_close_date.format("YYYY-MM-DD") : null,
      source: v.source ?? null,
      competitors: text(v.competitors),
      description: text(v.description),
    };
    if (opportunity) {
      // An amount replaces lines the record had: the lines go (an empty list), the amount stays.
      const patch: OpportunityPatch = { ...common, ...(v.mode === "lines" ? priced : { ...priced, ...(opportunity.lines.length > 0 ? { lines: [] } : {}) }) };
      return update.mutateAsync({ record: opportunity, patch });
    }
    const body: NewOpportunity = { ...common, ...priced, customer_id: v.customer_id ?? "", stage_id: v.stage_id ?? null };
    return create.mutateAsync(body);
  };

  const stageOptions = (stages.data ?? []).map((s) => ({ value: s.id, label: stageName(s, i18n.language) }));

  return (
    <ResourceFormDrawer<OpportunityFormValues, Opportunity>
      open={open}
      form={form}
      title={opportunity ? t("opportunities:editTitle", { name: opportunity.name }) : t("opportunities:createTitle")}
      onClose={onClose}
      initialValues={formValues(opportunity, customer?.id, draftName)}
      recordKey={opportunity ?? customer?.id}
      onSubmit={submit}
      onSaved={(saved) => !opportunity && onCreated?.(saved)}
      successMessage={t(opportunity ? "common:messages.saved" : "common:messages.created")}
      saveTestId="opportunity-save"
      width={760}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          {fixedCustomer ? (
            <Form.Item name="customer_id" label={t("opportunities:fields.customer")} rules={[{ required: true }]}>
              <FixedText text={fixedCustomer.name} testId="opportunity-customer-fixed" />
            </Form.Item>
          ) : (
            <Form.Item name="customer_id" label={t("opportunities:fields.customer")} rules={[{ required: true }]}>
              <CustomerField onPicked={() => form.setFieldValue("contact_id", undefined)} />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contact_id" label={t("opportunities:fields.contact")}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={customerId ? undefined : t("opportunities:form.pickCustomerFirst")}
              loading={contacts.isFetching}
              options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
              data-testid="opportunity-contact"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="name" label={t("opportunities:fields.name")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input data-testid="opportunity-name" autoComplete="off" />
          </Form.Item>
        </Col>
        {!opportunity && (
          <Col xs={24} sm={12}>
            <Form.Item name="stage_id" label={t("opportunities:fields.stage")} extra={t("opportunities:form.stageHelp")}>
              <Select allowClear options={stageOptions} loading={stages.isFetching} data-testid="opportunity-stage" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={12}>
          <Form.Item name="probability" label={t("opportunities:fields.probability")} extra={t("opportunities:form.probabilityHelp")}>
            <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: "100%" }} data-testid="opportunity-probability" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="expected_close_date" label={t("opportunities:fields.expected_close_date")}>
            <DatePicker style={{ width: "100%" }} data-testid="opportunity-close-date" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="currency" label={t("opportunities:fields.currency")} rules={[{ required: true }]}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="opportunity-currency" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="mode" label={t("opportunities:form.amountMode")}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "lines", label: t("opportunities:form.modeLines") },
                { value: "amount", label: t("opportunities:form.modeAmount") },
              ]}
              data-testid="opportunity-mode"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          {mode === "lines" ? (
            <LinesEditor form={form} currency={currency} />
          ) : (
            <Form.Item name="amount" label={t("opportunities:fields.amount")} rules={priceRules(t)}>
              <PriceInput suffix={currency} style={{ maxWidth: 240 }} data-testid="opportunity-amount" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="source" label={t("opportunities:fields.source")}>
            <Select allowClear options={dictionaryOptions(sources.data, i18n.language, opportunity?.source)} data-testid="opportunity-source" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="competitors" label={t("opportunities:fields.competitors")} rules={[{ max: 500 }]}>
            <Input autoComplete="off" data-testid="opportunity-competitors" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="description" label={t("opportunities:fields.description")} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="opportunity-description" />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}

/** A form value shown as text: the customer an opportunity belongs to, which does not change. */
function FixedText({ text, testId }: { value?: unknown; text: string; testId: string }) {
  return (
    <Typography.Text strong data-testid={testId} style={{ lineHeight: "32px" }}>
      {text}
    </Typography.Text>
  );
}

/** The customer picker as a Form control: its value is the customer's id. */
function CustomerField({ value, onChange, onPicked }: { value?: string; onChange?: (id: string | undefined) => void; onPicked: () => void }) {
  return (
    <CustomerPicker
      value={value}
      onChange={(c) => {
        onPicked();
        onChange?.(c?.id);
      }}       style={{ width: "100%" }}
      data-testid="opportunity-customer"
    />
  );
}
