import { useState } from "react";
import { Button, Space, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { DocStatusTag } from "../../quotes/components/DocStatusTag";
import { ordersApi, type Order } from "../api";
import { ORDERS_PATH } from "../paths";
import { OrderFormDrawer } from "./OrderFormDrawer";

/** The customer 360 page's 订单 tab: the customer's orders, and a create button for this customer. */
export function CustomerOrdersTab({ customer, editBlocked }: { customer: { id: string; name: string }; editBlocked?: string }) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = ordersApi.useList({ customer_id: customer.id, page, page_size: 10, sort: "-updated_at" });
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {can("orders:create") && (
        <Button type="primary" icon={<PlusOutlined />} disabled={!!editBlocked} title={editBlocked} onClick={() => setCreating(true)} data-testid="customer-order-create">
          {t("orders:customerTab.create")}
        </Button>
      )}
      <Table<Order>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 640 }}
        data-testid="customer-orders"
        locale={{ emptyText: t("orders:customerTab.empty") }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t("orders:fields.number"), dataIndex: "number", key: "number", render: (v: string, o) => <Link to={`${ORDERS_PATH}/${o.id}`}>{v}</Link> },
          { title: t("orders:fields.status"), dataIndex: "status", key: "status", width: 110, render: (_: string, o) => <DocStatusTag kind="orders" status={o.status} /> },
          { title: t("orders:fields.total"), dataIndex: "total", key: "total", align: "right", width: 150, render: (v: string, o) => formatMoney(v, o.currency, i18n.language) },
          { title: t("orders:fields.order_date"), dataIndex: "order_date", key: "order_date", width: 120 },
          { title: t("orders:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || t("common:values.none") },
        ]}
      />
      <OrderFormDrawer open={creating} order={null} customer={customer} onClose={() => setCreating(false)} onCreated={(o) => navigate(`${ORDERS_PATH}/${o.id}`)} />
    </Space>
  );
}
