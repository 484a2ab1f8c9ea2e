import { useState } from "react";
import { Button, Space, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { quotesApi, type Quote } from "../api";
import { QUOTES_PATH } from "../paths";
import { DocStatusTag } from "./DocStatusTag";
import { QuoteFormDrawer } from "./QuoteFormDrawer";

/** The customer 360 page's 报价 tab: the customer's quotes, and a create button for this customer. */
export function CustomerQuotesTab({ customer, editBlocked }: { customer: { id: string; name: string }; editBlocked?: string }) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = quotesApi.useList({ customer_id: customer.id, page, page_size: 10, sort: "-updated_at" });
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {can("quotes:create") && (
        <Button type="primary" icon={<PlusOutlined />} disabled={!!editBlocked} title={editBlocked} onClick={() => setCreating(true)} data-testid="customer-quote-create">
          {t("quotes:customerTab.create")}
        </Button>
      )}
      <Table<Quote>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 640 }}
        data-testid="customer-quotes"
        locale={{ emptyText: t("quotes:customerTab.empty") }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t("quotes:fields.number"), dataIndex: "number", key: "number", render: (v: string, q) => <Link to={`${QUOTES_PATH}/${q.id}`}>{v}</Link> },
          { title: t("quotes:fields.status"), dataIndex: "status", key: "status", width: 110, render: (_: string, q) => <DocStatusTag kind="quotes" status={q.status} /> },
          { title: t("quotes:fields.total"), dataIndex: "total", key: "total", align: "right", width: 150, render: (v: string, q) => formatMoney(v, q.currency, i18n.language) },
          { title: t("quotes:fields.valid_until"), dataIndex: "valid_until", key: "valid_until", width: 120 },
          { title: t("quotes:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || t("common:values.none") },
        ]}
      />
      <QuoteFormDrawer open={creating} quote={null} start={{ customer }} onClose={() => setCreating(false)} onCreated={(q) => navigate(`${QUOTES_PATH}/${q.id}`)} />
    </Space>
  );
}
