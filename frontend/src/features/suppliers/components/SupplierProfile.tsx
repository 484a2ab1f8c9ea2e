import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import type { Supplier } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";

export function SupplierProfile({ supplier }: { supplier: Supplier }) {
  const { t } = useTranslation();
  const none = t("common:values.none");
  const text = (value: string | null | undefined) => value || none;

  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="supplier-profile">
      <Descriptions.Item label={t("suppliers:fields.number")}>{supplier.number}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.name")}>{supplier.name}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.contact")}>{text(supplier.contact)}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.phone")}>{text(supplier.phone)}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.province")}>{text(supplier.province)}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.city")}>{text(supplier.city)}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.address")} span={3}>
        {text(supplier.address)}
      </Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.created_by")}>{text(supplier.created_by_name)}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.created_at")}>{formatDateTime(supplier.created_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.updated_at")}>{formatDateTime(supplier.updated_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("suppliers:fields.remark")} span={3}>
        <span style={{ whiteSpace: "pre-wrap" }}>{text(supplier.remark)}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}
