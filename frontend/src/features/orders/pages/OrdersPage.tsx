import { useState } from "react";
import { DatePicker, Grid, Tabs, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { UserPicker } from "../../../shared/components/UserPicker";
import { formatDateTime } from "../../../shared/format";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { DocStatusTag } from "../../quotes/components/DocStatusTag";
import { CustomerField } from "../../quotes/components/QuoteFormDrawer";
import { QUOTES_PATH } from "../../quotes/paths";
import { ORDER_STATUSES } from "../../quotes/status";
import { ordersApi, type Order } from "../api";
import { seesOthers } from "../../quotes/api";
import { OrderFormDrawer } from "../components/OrderFormDrawer";
import { ORDER_FILTERS, orderFormValues, orderQuery, orderUrlFilters, type OrderFilterName, type OrderSearchValues } from "../filters";
import { ORDERS_PATH } from "../paths";

/** 销售订单: the orders the user can see, by status, with filters, create, edit (drafts) and delete. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { filters, setFilters, paged } = useListUrlState<Order, OrderFilterName>(ORDER_FILTERS, "-updated_at");
  const query = orderQuery(filters, ORDER_STATUSES);
  const list = ordersApi.useList({ ...paged.params, ...query });
  const exporter = ordersApi.useExport("orders");
  const remove = ordersApi.useDelete();
  const [editing, setEditing] = useState<Order | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const wide = Grid.useBreakpoint().md !== false;
  const none = t("common:values.none");
  const openDrawer = (o: Order | null) => {
    setEditing(o);
    setDrawerOpen(true);
  };

  const actions = useActionsColumn<Order>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "orders:update", onClick: openDrawer, testId: "order-edit", hidden: (o: Order) => o.status !== "draft" }],
    remove: { permission: "orders:delete", name: (o) => o.number, onDelete: (o) => remove.mutateAsync(o), testId: "order-delete" },
  });

  const columns: TableColumnsType<Order> = [
    {
      title: t("orders:fields.number"),
      dataIndex: "number",
      key: "number",
      sorter: true,
      width: 170,
      ...(wide ? { fixed: "left" as const } : {}),
      render: (v: string, o) => (
        <Link to={`${ORDERS_PATH}/${o.id}`} data-testid="order-link">
          {v}
        </Link>
      ),
    },
    { title: t("orders:fields.status"), dataIndex: "status", key: "status", width: 100, render: (_: string, o) => <DocStatusTag kind="orders" status={o.status} /> },
    { title: t("orders:fields.customer"), dataIndex: "customer_name", key: "customer", width: 200, render: (v: string | null, o) => <Link to={`/customers/${o.customer_id}`}>{v || none}</Link> },
    { title: t("orders:fields.total"), dataIndex: "total", key: "total", sorter: true, align: "right", width: 150, render: (v: string, o) => formatMoney(v, o.currency, i18n.language) },
    { title: t("orders:fields.order_date"), dataIndex: "order_date", key: "order_date", sorter: true, width: 120 },
    { title: t("orders:fields.delivery_date"), dataIndex: "delivery_date", key: "delivery_date", width: 120, render: (v: string | null) => v || none },
    { title: t("orders:fields.quote"), dataIndex: "quote_number", key: "quote", width: 170, render: (v: string | null, o) => (o.quote_id ? <Link to={`${QUOTES_PATH}/${o.quote_id}`}>{v || o.quote_id}</Link> : none) },
    { title: t("orders:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || none },
    { title: t("orders:fields.updated_at"), dataIndex: "updated_at", key: "updated_at", sorter: true, width: 170, render: (v: string) => formatDateTime(v, none) },
    ...actions,
  ];

  const fields = [
    { name: "q", label: t("orders:search.q"), placeholder: t("orders:search.qPlaceholder"), width: 180, testId: "order-search-q" },
    { name: "customer_id", label: t("orders:fields.customer"), input: <CustomerField onPicked={() => undefined} testId="order-search-customer" /> },
    ...(seesOthers(me) ? [{ name: "owner_id", label: t("orders:fields.owner"), input: <UserPicker style={{ width: 160, maxWidth: "100%" }} data-testid="order-search-owner" /> }] : []),
    { name: "ordered", label: t("orders:fields.order_date"), input: <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: "100%" }} /> },
  ];

  return (
    <ResourceListPage<Order>
      title={t("orders:title")}
      toolbar={<ExportButton exporter={exporter} query={{ ...query, sort: paged.params.sort }} permission="orders:export" testId="order-export" />}
      create={{ permission: "orders:create", testId: "order-create", onClick: () => openDrawer(null) }}
      table={{
        columns,
        list,
        paged,
        testId: "orders-table",
        onRow: (o) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest("a, button, .ant-popover, .ant-dropdown")) return;
            navigate(`${ORDERS_PATH}/${o.id}`);
          },
          style: { cursor: "pointer" },
        }),
      }}
      overlays={<OrderFormDrawer open={drawerOpen} order={editing} onClose={() => setDrawerOpen(false)} onCreated={(o) => navigate(`${ORDERS_PATH}/${o.id}`)} />}
    >
      <Tabs
        activeKey={filters.status && (ORDER_STATUSES as readonly string[]).includes(filters.status) ? filters.status : "all"}
        onChange={(key) => setFilters({ status: key === "all" ? undefined : key })}
        items={[{ key: "all", label: t("orders:status.all") }, ...ORDER_STATUSES.map((s) => ({ key: s, label: t(`orders:status.${s}`) }))]}
        data-testid="order-status-tabs"
        style={{ marginTop: -8 }}
      />
      <SearchForm<OrderSearchValues> testId="order-search" values={orderFormValues(filters)} onSearch={(v) => setFilters(orderUrlFilters(v))} fields={fields} />
    </ResourceListPage>
  );
}
