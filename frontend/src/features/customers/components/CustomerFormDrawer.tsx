import { Col, Form, Input, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { CreateCustomer, Customer, CustomerKind } from "../../../api/types";
import { ApiError, fieldPath } from "../../../api/problem";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { customersApi, useDictionary } from "../api";
import { dictionaryOptions } from "../dictionary";
import { regionBody, regionFormValues } from "../../../shared/regions/regionForm";
import { RegionFields } from "../../../shared/regions/RegionFields";
import { DuplicateWarning } from "./DuplicateWarning";

export type CustomerFormValues = {
  name: string;
  kind: CustomerKind;
  industry?: string;
  source?: string;
  level?: string;
  /** The deepest region chosen from the data set; its names are in province, city and district. */
  region_code?: string;
  province?: string;
  city?: string;
  district?: string;
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  tags: string[];
  remark?: string;
};

const KINDS: readonly CustomerKind[] = ["company", "person"];

/** Empty inputs mean "no value" to the API, not an empty string. */
function orNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value.trim();
}

/** The form as a create or patch body; the region as its code, or its names when it has none. */
export function customerBody(values: CustomerFormValues) {
  return {
    name: values.name.trim(),
    kind: values.kind,
    industry: values.industry ?? null,
    source: values.source ?? null,
    level: values.level ?? null,
    ...regionBody(values, 3),
    address: orNull(values.address),
    phone: orNull(values.phone),
    email: orNull(values.email),
    website: orNull(values.website),
    tags: (values.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ""),
    remark: orNull(values.remark),
  };
}

type Props = {
  open: boolean;
  customer: Customer | null;
  /** A new customer's name to start from (the words a search did not find). */
  draftName?: string;
  onClose: () => void;
  onCreated?: (customer: Customer) => void;
};

function formValues(customer: Customer | null, draftName?: string): Partial<CustomerFormValues> {
  if (!customer) return { kind: "company", tags: [], ...(draftName ? { name: draftName } : {}) };
  return {
    name: customer.name,
    kind: customer.kind as CustomerKind,
    industry: customer.industry ?? undefined,
    source: customer.source ?? undefined,
    level: customer.level ?? undefined,
    ...(regionFormValues(customer) as Pick<CustomerFormValues, "region_code" | "province" | "city" | "district">),
    address: customer.address ?? undefined,
    phone: customer.phone ?? undefined,
    email: customer.email ?? undefined,
    website: customer.website ?? undefined,
    tags: customer.tags,
    remark: customer.remark ?? undefined,
  };
}

export function CustomerFormDrawer({ open, customer, draftName, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CustomerFormValues>();
  const create = customersApi.useCreate();
  const update = customersApi.useUpdate();
  const industries = useDictionary("industry");
  const sources = useDictionary("customer_source");
  const levels = useDictionary("customer_level");
  const name = Form.useWatch("name", form);
  const phone = Form.useWatch("phone", form);
  const email = Form.useWatch("email", form);
  const language = i18n.language;

  const explainDuplicate = (error: unknown) => {
    if (!(error instanceof ApiError) || error.problem.code !== "customer.duplicate") return false;
    // The server's text is English; the form shows its own, on the field that collided.
    const field = error.problem.errors[0]?.field || "name";
    form.setFields([{ name: fieldPath(field) as never, errors: [t("customers:duplicate.exists", { field: t(`customers:fields.${field}`, { defaultValue: field }) })] }]);
    return true;
  };

  const submit = (values: CustomerFormValues) => {
    const body = customerBody(values);
    return customer ? update.mutateAsync({ record: customer, patch: body }) : create.mutateAsync(body satisfies CreateCustomer);
  };

  const dictSelect = (items: typeof industries, current: string | null | undefined, testId: string) => (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      loading={items.isPending}
      options={dictionaryOptions(items.data, language, current)}
      data-testid={testId}
    />
  );

  return (
    <ResourceFormDrawer<CustomerFormValues, Customer>
      form={form}
      open={open}
      title={customer ? t("customers:editTitle", { name: customer.name }) : t("customers:createTitle")}
      onClose={onClose}
      initialValues={formValues(customer, draftName)}
      recordKey={customer}
      onSubmit={submit}
      onSaved={(saved) => !customer && onCreated?.(saved)}
      successMessage={t(customer ? "common:messages.saved" : "common:messages.created")}
      saveTestId="customer-save"
      width={720}
      explainProblem={explainDuplicate}
      above={<DuplicateWarning name={name} phone={phone} email={email} excludeId={customer?.id} />}
    >
      <Row gutter={16}>
        <Col xs={24} sm={16}>
          <Form.Item name="name" label={t("customers:fields.name")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input autoComplete="off" data-testid="customer-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="kind" label={t("customers:fields.kind")} rules={[{ required: true }]}>
            <Select options={KINDS.map((kind) => ({ value: kind, label: t(`customers:kinds.${kind}`) }))} data-testid="customer-kind" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="industry" label={t("customers:fields.industry")}>
            {dictSelect(industries, customer?.industry, "customer-industry")}
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="level" label={t("customers:fields.level")}>
            {dictSelect(levels, customer?.level, "customer-level")}
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="source" label={t("customers:fields.source")}>
            {dictSelect(sources, customer?.source, "customer-source")}
          </Form.Item>
        </Col>
        <Col span={24}>
          <RegionFields
            depth={3}
            testId="customer-region"
            labels={{
              region: t("customers:fields.region"),
              province: t("customers:fields.province"),
              city: t("customers:fields.city"),
              district: t("customers:fields.district"),
            }}
          />
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t("customers:fields.address")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="phone" label={t("customers:fields.phone")}>
            <Input data-testid="customer-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="email" label={t("customers:fields.email")} rules={[{ type: "email" }]}>
            <Input data-testid="customer-email" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="website" label={t("customers:fields.website")}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="tags" label={t("customers:fields.tags")}>
            <Select mode="tags" tokenSeparators={[",", "，"]} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label={t("customers:fields.remark")}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}
