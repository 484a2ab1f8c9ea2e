import { Col, DatePicker, Form, Input, Row, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Contact } from "../../../api/types";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { contactsApi } from "../api";

type Values = {
  name: string;
  title?: string;
  phone?: string;
  mobile?: string;
  email?: string;
  wechat?: string;
  is_primary: boolean;
  birthday?: Dayjs | null;
  remark?: string;
};

/** `contact` null: add one; a contact: edit it. The modal is open while `target` is set. */
export type ContactFormTarget = { contact: Contact | null } | null;

function orNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value.trim();
}

type Props = { customerId: string; target: ContactFormTarget; onClose: () => void };

function formValues(contact: Contact | null): Partial<Values> {
  if (!contact) return { is_primary: false };
  return {
    name: contact.name,
    title: contact.title ?? undefined,
    phone: contact.phone ?? undefined,
    mobile: contact.mobile ?? undefined,
    email: contact.email ?? undefined,
    wechat: contact.wechat ?? undefined,
    is_primary: contact.is_primary,
    birthday: contact.birthday ? dayjs(contact.birthday) : null,
    remark: contact.remark ?? undefined,
  };
}

export function ContactFormModal({ customerId, target, onClose }: Props) {
  const { t } = useTranslation();
  const create = contactsApi.useCreate();
  const update = contactsApi.useUpdate();
  const contact = target?.contact ?? null;

  const submit = (values: Values) => {
    const body = {
      name: values.name.trim(),
      title: orNull(values.title),
      phone: orNull(values.phone),
      mobile: orNull(values.mobile),
      email: orNull(values.email),
      wechat: orNull(values.wechat),
      is_primary: values.is_primary,
      birthday: values.birthday ? values.birthday.format("YYYY-MM-DD") : null,
      remark: orNull(values.remark),
    };
    return contact ? update.mutateAsync({ record: contact, patch: body }) : create.mutateAsync({ ...body, customer_id: customerId });
  };

  return (
    <ResourceFormDrawer<Values>
      container="modal"
      width={640}
      open={!!target}
      title={contact ? t("customers:contacts.editTitle", { name: contact.name }) : t("customers:contacts.createTitle")}
      onClose={onClose}
      initialValues={formValues(contact)}
      recordKey={target}
      onSubmit={submit}
      successMessage={t(contact ? "common:messages.saved" : "common:messages.created")}
      saveTestId="contact-save"
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t("customers:contacts.fields.name")} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="title" label={t("customers:contacts.fields.title")}>
            <Input data-testid="contact-title" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="mobile" label={t("customers:contacts.fields.mobile")}>
            <Input data-testid="contact-mobile" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t("customers:contacts.fields.phone")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="email" label={t("customers:contacts.fields.email")} rules={[{ type: "email" }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="wechat" label={t("customers:contacts.fields.wechat")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="birthday" label={t("customers:contacts.fields.birthday")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="is_primary" label={t("customers:contacts.fields.is_primary")} valuePropName="checked">
            <Switch data-testid="contact-primary" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label={t("customers:contacts.fields.remark")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}
