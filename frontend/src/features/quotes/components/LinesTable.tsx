import { Table } from "antd";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../products/money";
import type { DocumentLine } from "../api";

/** A saved document's lines with the server's figures. */
export function LinesTable({ lines, currency, testId }: { lines: DocumentLine[]; currency: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const money = (v: string) => formatMoney(v, currency, i18n.language);
  return (
    <Table<DocumentLine>
      rowKey={(_l, index) => String(index)}
      size="small"
      pagination={false}
      dataSource={lines}
      scroll={{ x: 860 }}
      data-testid={testId}
      locale={{ emptyText: t("quotes:lines.empty") }}
      columns={[
        { title: "#", key: "index", width: 44, render: (_v, _l, index) => index + 1 },
        { title: t("quotes:lines.name"), dataIndex: "name", key: "name", width: 200 },
        { title: t("quotes:lines.unit"), dataIndex: "unit", key: "unit", width: 70, render: (v: string | null) => v || "" },
        { title: t("quotes:lines.quantity"), dataIndex: "quantity", key: "quantity", align: "right", width: 90 },
        { title: t("quotes:lines.unitPrice"), dataIndex: "unit_price", key: "unit_price", align: "right", width: 120, render: money },
        { title: t("quotes:lines.discount"), dataIndex: "discount_percent", key: "discount", align: "right", width: 80, render: (v: string) => `${v}%` },
        { title: t("quotes:lines.subtotal"), dataIndex: "subtotal", key: "subtotal", align: "right", width: 130, render: money },
        { title: t("quotes:lines.taxRate"), dataIndex: "tax_rate_percent", key: "tax_rate", align: "right", width: 80, render: (v: string) => `${v}%` },
        { title: t("quotes:lines.tax"), dataIndex: "tax", key: "tax", align: "right", width: 110, render: money },
        { title: t("quotes:lines.total"), dataIndex: "total", key: "total", align: "right", width: 130, render: money },
      ]}
    />
  );
}
