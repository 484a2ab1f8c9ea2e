import { Col, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import type { Supplier } from "../../../api/types";
import { regionBody, regionFormValues } from "../../../shared/regions/regionForm";
import { RegionFields } from "../../../shared/regions/RegionFields";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { suppliersApi } from "../api";

export type SupplierFormValues = {
  name: string;
  contact?: string;
  phone?: string;
  /** The province or city chosen from the data set; its names are in province and city. */
  region_code?: string;
  province?: string;
  city?: string;
  address?: string;
  remark?: string;
};

/** Empty inputs mean "no value" to the API, not an empty string. */
function orNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value.trim();
}

function formValues(supplier: Supplier | null): Partial<SupplierFormValues> {
  if (!supplier) return {};
  const { name, contact, phone, address, remark } = supplier;
  const region = regionFormValues(supplier) as Pick<SupplierFormValues, "region_code" | "province" | "city">;
  return { name, contact: contact ?? undefined, phone: phone ?? undefined, ...region, address: address ?? undefined, remark: remark ?? undefined };
}

/** The form as a create or patch body; the region as its code, or its names when it has none. */
export function supplierBody(values: SupplierFormValues) {
  return {
    name: values.name.trim(),
    contact: orNull(values.contact),
    phone: orNull(values.phone),
    ...regionBody(values, 2),
    address: orNull(values.address),
    remark: orNull(values.remark),
  };
}

type Props = { open: boolean; supplier: Supplier | null; onClose: () => void; onCreated?: (supplier: Supplier) => void };

export function SupplierFormDrawer({ open, supplier, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const create = suppliersApi.useCreate();
  const update = suppliersApi.useUpdate();

  const submit = (values: SupplierFormValues) => {
    const body = supplierBody(values);
    return supplier ? update.mutateAsync({ record: supplier, patch: body }) : create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<SupplierFormValues, Supplier>
      open={open}
      title={supplier ? t("suppliers:editTitle", { name: supplier.name }) : t("suppliers:createTitle")}
      onClose={onClose}
      initialValues={formValues(supplier)}
      recordKey={supplier}
      onSubmit={submit}
      onSaved={(saved) => !supplier && onCreated?.(saved)}
      successMessage={t(supplier ? "common:messages.saved" : "common:messages.created")}
      saveTestId="supplier-save"
    >
      {supplier && (
        <Form.Item label={t("suppliers:fields.number")}>
          <Input value={supplier.number} disabled />
        </Form.Item>
      )}
      <Form.Item name="name" label={t("suppliers:fields.name")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
        <Input data-testid="supplier-name" autoComplete="off" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="contact" label={t("suppliers:fields.contact")} rules={[{ max: 50 }]}>
            <Input data-testid="supplier-contact" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t("suppliers:fields.phone")} rules={[{ max: 50 }]}>
            <Input data-testid="supplier-phone" />
          </Form.Item>
        </Col>
      </Row>
      <RegionFields
        depth={2}
        testId="supplier-region"
        labels={{ region: t("suppliers:fields.region"), province: t("suppliers:fields.province"), city: t("suppliers:fields.city") }}
        textRules={[{ max: 50 }]}
      />
      <Form.Item name="address" label={t("suppliers:fields.address")} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="remark" label={t("suppliers:fields.remark")}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
