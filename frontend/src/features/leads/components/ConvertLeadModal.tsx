import { useEffect, useRef, useState } from "react";
import { Alert, App, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Result, Row, Select, Space, Switch, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { CustomerKind } from "../../../api/types";
import { useDictionary } from "../../../shared/dictionaries";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { CustomerPicker } from "../../customers/components/CustomerPicker";
import { dictionaryOptions } from "../../customers/dictionary";
import { usePipelineStages, useConvertLead, type Lead, type LeadConverted } from "../api";
import { conversionRequest, duplicateCustomer, initialConvertValues, type ConvertValues, type DuplicateCustomer } from "../convert";

type FormState = Omit<ConvertValues, "opportunity"> & {
  opportunity?: Omit<NonNullable<ConvertValues["opportunity"]>, "expected_close_date"> & { expected_close_date?: Dayjs | null };
};

const KINDS: readonly CustomerKind[] = ["company", "person"];

/** What the conversion made, with the customer's name as the dialog knew it. */
type Done = LeadConverted & { customerName?: string };

type Props = { lead: Lead; open: boolean; onClose: () => void };

/**
 * 转化: a new customer (filled in from the lead, editable) or an existing one, the person as a
 * contact, and an optional opportunity. A new customer that matches an existing one (409
 * `customer.duplicate`) is named, with "use it" to convert to that one instead.
 */
export function ConvertLeadModal({ lead, open, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormState>();
  const serverErrors = useServerFieldErrors(form);
  const convert = useConvertLead();
  const sources = useDictionary("customer_source");
  const target = Form.useWatch("target", form) ?? "new";
  const withOpportunity = Form.useWatch("with_opportunity", form) ?? false;
  const stages = usePipelineStages(open && withOpportunity);
  const [duplicate, setDuplicate] = useState<DuplicateCustomer | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [existingName, setExistingName] = useState<string | undefined>();
  const zh = i18n.language.toLowerCase().startsWith("zh");

  // Filled anew when it opens, not when the lead refetches (a conversion refreshes it, and the
  // dialog must keep showing what was made).
  const leadRef = useRef(lead);
  leadRef.current = lead;
  useEffect(() => {
    if (!open) return;
    setDuplicate(null);
    setDone(null);
    form.resetFields();
    form.setFieldsValue(initialConvertValues(leadRef.current) as FormState);
  }, [open, lead.id, form]);

  const send = (values: FormState, customerName: string | undefined) => {
    const state: ConvertValues = {
      ...values,
      opportunity: values.opportunity && { ...values.opportunity, expected_close_date: values.opportunity.expected_close_date?.format("YYYY-MM-DD") ?? null },
    };
    convert.mutate(
      { id: lead.id, body: conversionRequest(state) },
      {
        onSuccess: (result) => {
          setDuplicate(null);
          setDone({ ...result, customerName });
          message.success(t("leads:convert.done"));
        },
        onError: (error) => {
          const found = duplicateCustomer(error);
          if (found) return void setDuplicate(found);
          serverErrors.onError(error);
        },
      },
    );
  };

  const submit = (values: FormState) => send(values, values.target === "existing" ? existingName : values.customer?.name?.trim());

  /** Converts to the customer the duplicate check named, with the rest of the dialog as it is. */
  const convertToExisting = () => {
    if (!duplicate) return;
    const values = form.getFieldsValue(true) as FormState;
    send({ ...values, target: "existing", existing_id: duplicate.id }, duplicate.name);
  };

  if (done) {
    return (
      <Modal open={open} title={t("leads:convert.title", { name: lead.name })} onCancel={onClose} footer={null} destroyOnHidden width="min(560px, 100vw)">
        <Result
          status="success"
          title={t("leads:convert.doneTitle", { name: lead.name })}
          subTitle={t("leads:convert.doneHelp")}
          style={{ padding: "16px 0" }}
          extra={
            <Space direction="vertical" style={{ width: "100%" }} data-testid="lead-convert-done">
              <Space wrap style={{ justifyContent: "center" }}>
                <Link to={`/customers/${done.customer_id}`} data-testid="lead-converted-customer">
                  {done.customerName ? t("leads:convert.link", { label: t("leads:detail.customer"), name: done.customerName }) : t("leads:detail.customer")}
                </Link>
                {done.contact_id && (
                  <Link to={`/customers/${done.customer_id}?tab=contacts`} data-testid="lead-converted-contact">
                    {t("leads:convert.link", { label: t("leads:detail.contact"), name: lead.name })}
                  </Link>
                )}
                {done.opportunity_id && (
                  <Link to={`/opportunities/${done.opportunity_id}`} data-testid="lead-converted-opportunity">
                    {t("leads:detail.opportunity")}
                  </Link>
                )}
              </Space>
              <Space wrap style={{ justifyContent: "center" }}>
                <Button onClick={onClose} data-testid="lead-convert-close">
                  {t("leads:convert.close")}
                </Button>
                <Link to={`/customers/${done.customer_id}`}>
                  <Button type="primary" data-testid="lead-convert-to-customer">
                    {t("leads:convert.toCustomer")}
                  </Button>
                </Link>
              </Space>
            </Space>
          }
        />
      </Modal>
    );
  }

  const openStages = (stages.data ?? []).filter((s) => s.kind === "open");
  return (
    <Modal
      open={open}
      title={t("leads:convert.title", { name: lead.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("leads:convert.ok")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={convert.isPending}
      okButtonProps={{ "data-testid": "lead-convert-ok" }}
      width="min(640px, 100vw)"
      destroyOnHidden
    >
      {duplicate && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="lead-convert-duplicate"
          message={t("leads:convert.duplicateTitle", { name: duplicate.name })}
          description={
            <Space direction="vertical" size={8}>
              <span>{t("leads:convert.duplicateField", { field: t(`leads:convert.duplicateFields.${duplicate.field}`, { defaultValue: duplicate.field }) })}</span>
              <Space wrap>
                <Button type="primary" size="small" loading={convert.isPending} onClick={convertToExisting} data-testid="lead-convert-use-existing">
                  {t("leads:convert.useExisting")}
                </Button>
                <Link to={`/customers/${duplicate.id}`} target="_blank">
                  {duplicate.name}
                </Link>
              </Space>
            </Space>
          }
        />
      )}
      <Form<FormState>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => {
          serverErrors.onValuesChange(changed);
          // The duplicate named was for the customer as it was; a changed one is checked anew.
          if ("customer" in changed || "target" in changed) setDuplicate(null);
        }}
      >
        <Form.Item name="target" label={t("leads:convert.target")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "new", label: <span data-testid="lead-convert-target-new">{t("leads:convert.targetNew")}</span> },
              { value: "existing", label: <span data-testid="lead-convert-target-existing">{t("leads:convert.targetExisting")}</span> },
            ]}
          />
        </Form.Item>
        {target === "existing" ? (
          <Form.Item name="existing_id" label={t("leads:convert.existing")} rules={[{ required: true, message: t("leads:convert.existingRequired") }]}>
            <ExistingCustomer onName={setExistingName} />
          </Form.Item>
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              {t("leads:convert.newHelp")}
            </Typography.Paragraph>
            <Row gutter={16}>
              <Col xs={24} sm={16}>
                <Form.Item name={["customer", "name"]} label={t("leads:convert.customerName")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
                  <Input autoComplete="off" data-testid="lead-convert-customer-name" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={["customer", "kind"]} label={t("leads:convert.kind")}>
                  <Select options={KINDS.map((k) => ({ value: k, label: t(`leads:convert.kinds.${k}`) }))} data-testid="lead-convert-kind" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={["customer", "phone"]} label={t("leads:fields.phone")}>
                  <Input autoComplete="off" data-testid="lead-convert-phone" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={["customer", "email"]} label={t("leads:fields.email")} rules={[{ type: "email" }]}>
                  <Input autoComplete="off" data-testid="lead-convert-email" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={["customer", "source"]} label={t("leads:fields.source")}>
                  <Select allowClear options={dictionaryOptions(sources.data, i18n.language, lead.source)} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name={["customer", "province"]} label={t("leads:fields.province")}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name={["customer", "city"]} label={t("leads:fields.city")}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Form.Item name="contact" valuePropName="checked" style={{ marginBottom: 8 }}>
          <SwitchLabel label={t("leads:convert.contact")} testId="lead-convert-contact" />
        </Form.Item>
        <Form.Item name="with_opportunity" valuePropName="checked" style={{ marginBottom: 8 }}>
          <SwitchLabel label={t("leads:convert.withOpportunity")} testId="lead-convert-with-opportunity" />
        </Form.Item>
        {withOpportunity && (
          <>
            <Divider style={{ margin: "8px 0 16px" }} />
            <Row gutter={16}>
              <Col span={24}>
                <Form.Item name={["opportunity", "name"]} label={t("leads:convert.opportunityName")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
                  <Input autoComplete="off" data-testid="lead-convert-opportunity-name" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={["opportunity", "amount"]} label={t("leads:convert.amount")}>
                  <InputNumber<string> stringMode min="0" precision={2} style={{ width: "100%" }} data-testid="lead-convert-amount" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={["opportunity", "expected_close_date"]} label={t("leads:convert.expectedClose")}>
                  <DatePicker style={{ width: "100%" }} data-testid="lead-convert-close-date" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={["opportunity", "stage_id"]} label={t("leads:convert.stage")}>
                  <Select
                    allowClear
                    placeholder={t("leads:convert.stageDefault")}
                    loading={stages.isPending}
                    options={openStages.map((s) => ({ value: s.id, label: zh ? s.name_zh : s.name_en }))}
                    data-testid="lead-convert-stage"
                  />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** A switch with its label beside it, as a Form control (checked/onChange). */
function SwitchLabel({ label, testId, checked, onChange }: { label: string; testId: string; checked?: boolean; onChange?: (checked: boolean) => void }) {
  return (
    <Space size={8} align="center">
      <Switch checked={checked} onChange={onChange} data-testid={testId} />
      <Typography.Text onClick={() => onChange?.(!checked)} style={{ cursor: "pointer" }}>
        {label}
      </Typography.Text>
    </Space>
  );
}

/** The customer picker as a Form control holding the id; it reports the chosen name too. */
function ExistingCustomer({ value, onChange, onName }: { value?: string; onChange?: (id: string | undefined) => void; onName: (name: string | undefined) => void }) {
  return (
    <CustomerPicker
      value={value}
      style={{ width: "100%" }}
      data-testid="lead-convert-existing"
      onChange={(customer) => {
        onName(customer?.name);
        onChange?.(customer?.id);
      }}
    />
  );
}
