import { useEffect } from "react";
import { App, Button, Col, Drawer, Form, Input, Row, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { Supplier } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useCreateSupplier, useUpdateSupplier } from "../api";

export type SupplierFormValues = {
  name: string;
  contact?: string;
  phone?: string;
  province?: string;
  city?: string;
  address?: string;
  remark?: string;
};

/** Empty inputs mean "no value" to the API, not an empty string. */
function orNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value.trim();
}

type Props = { open: boolean; supplier: Supplier | null; onClose: () => void; onCreated?: (supplier: Supplier) => void };

export function SupplierFormDrawer({ open, supplier, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupplierFormValues>();
  const onProblem = useProblemHandler();
  const create = useCreateSupplier();
  const update = useUpdateSupplier();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (supplier) {
      form.setFieldsValue({
        name: supplier.name,
        contact: supplier.contact ?? undefined,
        phone: supplier.phone ?? undefined,
        province: supplier.province ?? undefined,
        city: supplier.city ?? undefined,
        address: supplier.address ?? undefined,
        remark: supplier.remark ?? undefined,
      });
    }
  }, [open, supplier, form]);

  const onFinish = (values: SupplierFormValues) => {
    const body = {
      name: values.name.trim(),
      contact: orNull(values.contact),
      phone: orNull(values.phone),
      province: orNull(values.province),
      city: orNull(values.city),
      address: orNull(values.address),
      remark: orNull(values.remark),
    };
    if (supplier) {
      update.mutate(
        { supplier, patch: body },
        {
          onSuccess: () => {
            message.success(t("common:messages.saved"));
            onClose();
          },
          onError: (e) => onProblem(e, form),
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (created) => {
          message.success(t("common:messages.created"));
          onClose();
          onCreated?.(created);
        },
        onError: (e) => onProblem(e, form),
      });
    }
  };

  return (
    <Drawer
      title={supplier ? t("suppliers:editTitle", { name: supplier.name }) : t("suppliers:createTitle")}
      open={open}
      onClose={onClose}
      width={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="supplier-save">
            {t("common:actions.save")}
          </Button>
        </Space>
      }
    >
      <Form<SupplierFormValues> form={form} layout="vertical" onFinish={onFinish}>
        {supplier && (
          <Form.Item label={t("suppliers:fields.number")}>
            <Input value={supplier.number} disabled />
          </Form.Item>
        )}
        <Form.Item name="name" label={t("suppliers:fields.name")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input data-testid="supplier-name" autoComplete="off" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contact" label={t("suppliers:fields.contact")} rules={[{ max: 50 }]}>
              <Input data-testid="supplier-contact" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t("suppliers:fields.phone")} rules={[{ max: 50 }]}>
              <Input data-testid="supplier-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="province" label={t("suppliers:fields.province")} rules={[{ max: 50 }]}>
              <Input data-testid="supplier-province" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="city" label={t("suppliers:fields.city")} rules={[{ max: 50 }]}>
              <Input data-testid="supplier-city" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t("suppliers:fields.address")} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="remark" label={t("suppliers:fields.remark")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
