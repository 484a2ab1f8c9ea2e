import { Col, Form, Input, Row, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { useDictionary } from "../../../shared/dictionaries";
import { dictionaryOptions } from "../../customers/dictionary";
import { leadsApi, type Lead, type LeadPatch, type LeadStatus, type NewLead } from "../api";
import { EDITABLE_STATUSES } from "../model";

export type LeadFormValues = {
  name: string;
  company?: string;
  title?: string;
  mobile?: string;
  phone?: string;
  email?: string;
  source?: string;
  status?: LeadStatus;
  province?: string;
  city?: string;
  address?: string;
  remark?: string;
  /** A new lead only: no owner, straight into the lead pool. */
  to_pool?: boolean;
};

/** Empty inputs mean "no value" to the API, not an empty string. */
function orNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value.trim();
}

/** The form as a patch (blank fields cleared). */
export function leadBody(values: LeadFormValues): LeadPatch & { name: string; status: LeadStatus } {
  return {
    name: values.name.trim(),
    company: orNull(values.company),
    title: orNull(values.title),
    mobile: orNull(values.mobile),
    phone: orNull(values.phone),
    email: orNull(values.email),
    source: values.source ?? null,
    status: values.status ?? "new",
    province: orNull(values.province),
    city: orNull(values.city),
    address: orNull(values.address),
    remark: orNull(values.remark),
  };
}

function formValues(lead: Lead | null, draftName?: string): Partial<LeadFormValues> {
  if (!lead) return { status: "new", to_pool: false, ...(draftName ? { name: draftName } : {}) };
  return {
    name: lead.name,
    company: lead.company ?? undefined,
    title: lead.title ?? undefined,
    mobile: lead.mobile ?? undefined,
    phone: lead.phone ?? undefined,
    email: lead.email ?? undefined,
    source: lead.source ?? undefined,
    status: lead.status === "converted" ? undefined : lead.status,
    province: lead.province ?? undefined,
    city: lead.city ?? undefined,
    address: lead.address ?? undefined,
    remark: lead.remark ?? undefined,
  };
}

type Props = { open: boolean; lead: Lead | null; draftName?: string; onClose: () => void; onCreated?: (lead: Lead) => void };

/** Creates or edits a lead; a new one is the user's own unless put in the pool. */
export function LeadFormDrawer({ open, lead, draftName, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const create = leadsApi.useCreate();
  const update = leadsApi.useUpdate();
  const sources = useDictionary("customer_source");

  const submit = (values: LeadFormValues) => {
    const body = leadBody(values);
    if (lead) return update.mutateAsync({ record: lead, patch: body });
    // Absent owner_id: the creator's own; null: the lead pool.
    const created: NewLead = { ...body, ...(values.to_pool ? { owner_id: null } : {}) };
    return create.mutateAsync(created);
  };

  return (
    <ResourceFormDrawer<LeadFormValues, Lead>
      open={open}
      title={lead ? t("leads:editTitle", { name: lead.name }) : t("leads:createTitle")}
      onClose={onClose}
      initialValues={formValues(lead, draftName)}
      recordKey={lead}
      onSubmit={submit}
      onSaved={(saved) => !lead && onCreated?.(saved)}
      successMessage={t(lead ? "common:messages.saved" : "common:messages.created")}
      saveTestId="lead-save"
      width={640}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t("leads:fields.name")} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
            <Input autoComplete="off" data-testid="lead-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="title" label={t("leads:fields.title")} rules={[{ max: 100 }]}>
            <Input autoComplete="off" data-testid="lead-title" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="company" label={t("leads:fields.company")} rules={[{ max: 200 }]}>
            <Input autoComplete="off" data-testid="lead-company" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="mobile" label={t("leads:fields.mobile")}>
            <Input autoComplete="off" data-testid="lead-mobile" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t("leads:fields.phone")}>
            <Input autoComplete="off" data-testid="lead-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="email" label={t("leads:fields.email")} rules={[{ type: "email" }]}>
            <Input autoComplete="off" data-testid="lead-email" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="source" label={t("leads:fields.source")}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={sources.isPending}
              options={dictionaryOptions(sources.data, i18n.language, lead?.source)}
              data-testid="lead-source"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="status" label={t("leads:fields.status")}>
            <Select options={EDITABLE_STATUSES.map((s) => ({ value: s, label: t(`leads:statuses.${s}`) }))} data-testid="lead-status" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="province" label={t("leads:fields.province")}>
            <Input autoComplete="off" data-testid="lead-province" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="city" label={t("leads:fields.city")}>
            <Input autoComplete="off" data-testid="lead-city" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t("leads:fields.address")}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label={t("leads:fields.remark")}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Col>
        {!lead && (
          <Col span={24}>
            <Form.Item name="to_pool" label={t("leads:form.toPool")} valuePropName="checked" extra={t("leads:form.toPoolHelp")}>
              <Switch data-testid="lead-to-pool" />
            </Form.Item>
          </Col>
        )}
      </Row>
    </ResourceFormDrawer>
  );
}
