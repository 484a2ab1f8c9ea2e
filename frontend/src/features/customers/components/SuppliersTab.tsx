import { Alert, Space, Table, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { problemText } from "../../../api/problem";
import type { SupplierSummary } from "../../../api/types";
import { useCustomerSuppliers } from "../api";

/** 供应商: who serves the customer. Read only here; the supplier's page sets whom it serves. */
export function SuppliersTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const suppliers = useCustomerSuppliers(customerId);

  if (suppliers.isError) return <Alert type="error" showIcon message={problemText(suppliers.error)} />;

  const columns: TableColumnsType<SupplierSummary> = [
    { title: t("customers:suppliers.fields.number"), dataIndex: "number", key: "number", width: 160 },
    {
      title: t("customers:suppliers.fields.name"),
      dataIndex: "name",
      key: "name",
      // The tab shows only with suppliers:read, which the supplier page needs too.
      render: (name: string, s) => <Link to={`/suppliers/${s.id}`}>{name}</Link>,
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }} data-testid="customer-suppliers">
      <Typography.Text type="secondary">{t("customers:suppliers.intro")}</Typography.Text>
      <Table<SupplierSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={suppliers.data}
        loading={suppliers.isFetching}
        pagination={false}
        locale={{ emptyText: t("customers:suppliers.empty") }}
      />
    </Space>
  );
}
