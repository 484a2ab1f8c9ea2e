import { Col, DatePicker, Form, Input, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { useContacts } from "../../customers/api";
import { CURRENCIES, DEFAULT_CURRENCY } from "../../products/money";
import { DocumentLinesEditor, lineValues, NEW_LINE, toDocumentLines, type DocLineValues } from "../../quotes/components/DocumentLinesEditor";
import { CustomerField, FixedText } from "../../quotes/components/QuoteFormDrawer";
import { ordersApi, type NewOrder, type Order, type OrderPatch } from "../api";
import { useCustomerOpportunities } from "../../quotes/api";

export type OrderFormValues = {
  customer_id?: string;
  contact_id?: string | null;
  opportunity_id?: string | null;
  order_date?: Dayjs | null;
  delivery_date?: Dayjs | null;
  currency: string;
  shipping_address?: string;
  lines?: DocLineValues[];
  terms?: string;
  remark?: string;
};

function formValues(o: Order | null, customer?: { id: string }): Partial<OrderFormValues> {
  if (!o) return { customer_id: customer?.id, currency: DEFAULT_CURRENCY, order_date: dayjs(), lines: [{ ...NEW_LINE }] };
  return {
    customer_id: o.customer_id,
    contact_id: o.contact_id ?? undefined,
    opportunity_id: o.opportunity_id ?? undefined,
    order_date: o.order_date ? dayjs(o.order_date) : null,
    delivery_date: o.delivery_date ? dayjs(o.delivery_date) : null,
    currency: o.currency,
    shipping_address: o.shipping_address ?? undefined,
    lines: o.lines.map(lineValues),
    terms: o.terms ?? undefined,
    remark: o.remark ?? undefined,
  };
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);
const date = (v: Dayjs | null | undefined) => (v ? v.format("YYYY-MM-DD") : null);

type Props = { open: boolean; order: Order | null; onClose: () => void; onCreated?: (o: Order) => void; customer?: { id: string; name: string } };

/** Creates an order or edits a draft one: customer (on create), contact, opportunity, dates, shipping address, lines, terms, remark. */
export function OrderFormDrawer({ open, order, onClose, onCreated, customer }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OrderFormValues>();
  const create = ordersApi.useCreate();
  const update = ordersApi.useUpdate();
  const customerId = Form.useWatch("customer_id", form) as string | undefined;
  const currency = (Form.useWatch("currency", form) as string | undefined) ?? DEFAULT_CURRENCY;
  const contacts = useContacts(customerId ?? "", open && !!customerId);
  const opportunities = useCustomerOpportunities(customerId, open);
  const fixedCustomer = order ? { id: order.customer_id, name: order.customer_name ?? "" } : customer;

  const submit = (v: OrderFormValues) => {
    const common = {
      contact_id: v.contact_id ?? null,
      opportunity_id: v.opportunity_id ?? null,
      order_date: date(v.order_date),
      delivery_date: date(v.delivery_date),
      currency: v.currency,
      shipping_address: text(v.shipping_address),
      lines: toDocumentLines(v.lines),
      terms: text(v.terms),
      remark: text(v.remark),
    };
    if (order) {
      const patch: OrderPatch = { ...common, order_date: common.order_date ?? undefined };
      return update.mutateAsync({ record: order, patch });
    }
    const body: NewOrder = { ...common, customer_id: v.customer_id ?? "" };
    return create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<OrderFormValues, Order>
      open={open}
      form={form}
      title={order ? t("orders:editTitle", { number: order.number }) : t("orders:createTitle")}
      onClose={onClose}
      initialValues={formValues(order, customer)}
      recordKey={order ?? customer?.id}
      onSubmit={submit}
      onSaved={(saved) => !order && onCreated?.(saved)}
      successMessage={t(order ? "common:messages.saved" : "common:messages.created")}
      saveTestId="order-save"
      width={920}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="customer_id" label={t("orders:fields.customer")} rules={[{ required: true }]}>
            {fixedCustomer ? (
              <FixedText text={fixedCustomer.name} testId="order-customer-fixed" />
            ) : (
              <CustomerField
                testId="order-customer"
                onPicked={() => {
                  form.setFieldValue("contact_id", undefined);
                  form.setFieldValue("opportunity_id", undefined);
                }}
              />
            )}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contact_id" label={t("orders:fields.contact")}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={customerId ? undefined : t("quotes:form.pickCustomerFirst")}
              loading={contacts.isFetching}
              options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
              data-testid="order-contact"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="opportunity_id" label={t("orders:fields.opportunity")}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={customerId ? undefined : t("quotes:form.pickCustomerFirst")}
              loading={opportunities.isFetching}
              options={(opportunities.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-testid="order-opportunity"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="currency" label={t("orders:fields.currency")} rules={[{ required: true }]}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="order-currency" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="order_date" label={t("orders:fields.order_date")}>
            <DatePicker style={{ width: "100%" }} data-testid="order-order-date" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="delivery_date" label={t("orders:fields.delivery_date")}>
            <DatePicker style={{ width: "100%" }} data-testid="order-delivery-date" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="shipping_address" label={t("orders:fields.shipping_address")} rules={[{ max: 500 }]}>
            <Input autoComplete="off" data-testid="order-shipping-address" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Typography.Title level={5}>{t("orders:fields.lines")}</Typography.Title>
          <DocumentLinesEditor form={form} currency={currency} />
        </Col>
        <Col xs={24}>
          <Form.Item name="terms" label={t("orders:fields.terms")} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="remark" label={t("orders:fields.remark")} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}
