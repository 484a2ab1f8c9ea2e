import { Alert, Table, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { SupplierPrice } from "../../../api/types";
import { problemText } from "../../../api/problem";
import { usePermission } from "../../auth/api";
import { useSupplierPrices } from "../api";
import { formatMoney } from "../money";

/** The suppliers' currently valid prices for one product, cheapest first (an expanded row). */
export function SupplierPricesPanel({ productId }: { productId: string }) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const prices = useSupplierPrices(productId);
  const none = t("common:values.none");

  if (prices.isError) return <Alert type="warning" showIcon message={problemText(prices.error)} />;

  const columns: TableColumnsType<SupplierPrice> = [
    {
      title: t("products:supplierPrices.supplier"),
      dataIndex: "supplier_name",
      key: "supplier",
      render: (name: string | null, row) => (can("suppliers:read") ? <Link to={`/suppliers/${row.supplier_id}`}>{name || none}</Link> : name || none),
    },
    {
      title: t("products:supplierPrices.price"),
      key: "price",
      align: "right",
      render: (_, row) => formatMoney(row.price, row.currency, i18n.language),
    },
    { title: t("products:supplierPrices.valid_from"), dataIndex: "valid_from", key: "valid_from" },
    { title: t("products:supplierPrices.valid_to"), dataIndex: "valid_to", key: "valid_to", render: (v: string | null) => v || t("products:supplierPrices.openEnded") },
    { title: t("products:supplierPrices.remark"), dataIndex: "remark", key: "remark", render: (v: string | null) => v || none },
  ];

  return (
    <div data-testid="product-supplier-prices" style={{ padding: "4px 0" }}>
      <Typography.Text strong style={{ display: "block", marginBottom: 8 }}>
        {t("products:supplierPrices.title")}
      </Typography.Text>
      <Table<SupplierPrice>
        rowKey={(row) => `${row.supplier_id}-${row.valid_from}`}
        size="small"
        columns={columns}
        dataSource={prices.data}
        loading={prices.isFetching}
        pagination={false}
        locale={{ emptyText: t("products:supplierPrices.empty") }}
      />
    </div>
  );
}
