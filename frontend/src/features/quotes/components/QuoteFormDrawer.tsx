import { Col, DatePicker, Form, Input, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { useContacts } from "../../customers/api";
import { CustomerPicker } from "../../customers/components/CustomerPicker";
import { CURRENCIES, DEFAULT_CURRENCY } from "../../products/money";
import { quotesApi, useCustomerOpportunities, type NewQuote, type Quote, type QuotePatch } from "../api";
import { DocumentLinesEditor, lineValues, NEW_LINE, toDocumentLines, type DocLineValues } from "./DocumentLinesEditor";

export type QuoteFormValues = {
  customer_id?: string;
  contact_id?: string | null;
  opportunity_id?: string | null;
  valid_until?: Dayjs | null;
  currency: string;
  lines?: DocLineValues[];
  terms?: string;
  remark?: string;
};

/** Where a new quote starts from: a customer's page, or an opportunity (its customer, and its lines). */
export type QuoteStart = {
  customer: { id: string; name: string };
  opportunity?: { id: string; currency?: string; lines?: OpportunityLineStart[] };
};

/** An opportunity's product line, which a new quote starts from (with the usual tax rate). */
type OpportunityLineStart = { product_id: string; product_name?: string | null; quantity: string; unit_price: string; discount_percent: string };

function fromOpportunity(lines: OpportunityLineStart[]): DocLineValues[] {
  return lines.map((l) => ({ ...NEW_LINE, product_id: l.product_id, name: l.product_name ?? undefined, quantity: l.quantity, unit_price: l.unit_price, discount_percent: l.discount_percent }));
}

function formValues(q: Quote | null, start?: QuoteStart): Partial<QuoteFormValues> {
  if (!q)
    return {
      customer_id: start?.customer.id,
      opportunity_id: start?.opportunity?.id,
      currency: start?.opportunity?.currency ?? DEFAULT_CURRENCY,
      lines: start?.opportunity?.lines?.length ? fromOpportunity(start.opportunity.lines) : [{ ...NEW_LINE }],
    };
  return {
    customer_id: q.customer_id,
    contact_id: q.contact_id ?? undefined,
    opportunity_id: q.opportunity_id ?? undefined,
    valid_until: q.valid_until ? dayjs(q.valid_until) : null,
    currency: q.currency,
    lines: q.lines.map(lineValues),
    terms: q.terms ?? undefined,
    remark: q.remark ?? undefined,
  };
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

type Props = {
  open: boolean;
  quote: Quote | null;
  onClose: () => void;
  onCreated?: (q: Quote) => void;
  start?: QuoteStart;
};

/** Creates a quote or edits a draft: customer (on create), contact, opportunity, validity, currency, lines, terms and remark. */
export function QuoteFormDrawer({ open, quote, onClose, onCreated, start }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QuoteFormValues>();
  const create = quotesApi.useCreate();
  const update = quotesApi.useUpdate();
  const customerId = Form.useWatch("customer_id", form) as string | undefined;
  const currency = (Form.useWatch("currency", form) as string | undefined) ?? DEFAULT_CURRENCY;
  const contacts = useContacts(customerId ?? "", open && !!customerId);
  const opportunities = useCustomerOpportunities(customerId, open);
  const fixedCustomer = quote ? { id: quote.customer_id, name: quote.customer_name ?? "" } : start?.customer;

  const submit = (v: QuoteFormValues) => {
    const common = {
      contact_id: v.contact_id ?? null,
      opportunity_id: v.opportunity_id ?? null,
      valid_until: v.valid_until ? v.valid_until.format("YYYY-MM-DD") : null,
      currency: v.currency,
      lines: toDocumentLines(v.lines),
      terms: text(v.terms),
      remark: text(v.remark),
    };
    if (quote) {
      // A cleared validity stays as it was: the server needs one.
      const patch: QuotePatch = { ...common, valid_until: common.valid_until ?? undefined };
      return update.mutateAsync({ record: quote, patch });
    }
    const body: NewQuote = { ...common, customer_id: v.customer_id ?? "" };
    return create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<QuoteFormValues, Quote>
      open={open}
      form={form}
      title={quote ? t("quotes:editTitle", { number: quote.number }) : t("quotes:createTitle")}
      onClose={onClose}
      initialValues={formValues(quote, start)}
      recordKey={quote ?? start?.opportunity?.id ?? start?.customer.id}
      onSubmit={submit}
      onSaved={(saved) => !quote && onCreated?.(saved)}
      successMessage={t(quote ? "common:messages.saved" : "common:messages.created")}
      saveTestId="quote-save"
      width={920}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="customer_id" label={t("quotes:fields.customer")} rules={[{ required: true }]}>
            {fixedCustomer ? (
              <FixedText text={fixedCustomer.name} testId="quote-customer-fixed" />
            ) : (
              <CustomerField
                onPicked={() => {
                  form.setFieldValue("contact_id", undefined);
                  form.setFieldValue("opportunity_id", undefined);
                }}
              />
            )}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contact_id" label={t("quotes:fields.contact")}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={customerId ? undefined : t("quotes:form.pickCustomerFirst")}
              loading={contacts.isFetching}
              options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
              data-testid="quote-contact"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="opportunity_id" label={t("quotes:fields.opportunity")}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={customerId ? undefined : t("quotes:form.pickCustomerFirst")}
              loading={opportunities.isFetching}
              options={(opportunities.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-testid="quote-opportunity"
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="valid_until" label={t("quotes:fields.valid_until")} extra={quote ? undefined : t("quotes:form.validUntilHelp")}>
            <DatePicker style={{ width: "100%" }} data-testid="quote-valid-until" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="currency" label={t("quotes:fields.currency")} rules={[{ required: true }]}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="quote-currency" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Typography.Title level={5}>{t("quotes:fields.lines")}</Typography.Title>
          <DocumentLinesEditor form={form} currency={currency} />
        </Col>
        <Col xs={24}>
          <Form.Item name="terms" label={t("quotes:fields.terms")} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} data-testid="quote-terms" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="remark" label={t("quotes:fields.remark")} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} data-testid="quote-remark" />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}

/** A form value shown as text: the customer, which does not change. */
export function FixedText({ text, testId }: { value?: unknown; text: string; testId: string }) {
  return (
    <Typography.Text strong data-testid={testId} style={{ lineHeight: "32px" }}>
      {text}
    </Typography.Text>
  );
}

/** The customer picker as a Form control: its value is the customer's id. */
export function CustomerField({ value, onChange, onPicked, testId = "quote-customer" }: { value?: string; onChange?: (id: string | undefined) => void; onPicked: () => void; testId?: string }) {
  return (
    <CustomerPicker
      value={value}
      onChange={(c) => {
        onPicked();
        onChange?.(c?.id);
      }}
      style={{ width: "100%" }}
      data-testid={testId}
    />
  );
}
