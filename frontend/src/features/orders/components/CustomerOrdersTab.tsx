import { useTranslation } from "react-i18next";
import { CustomerDocsTab } from "../../quotes/components/CustomerDocsTab";
import { ordersApi, type Order } from "../api";
import { OrderFormDrawer } from "./OrderFormDrawer";

/** The customer 360 page's 订单 tab: the customer's orders, and a create button for this customer. */
export function CustomerOrdersTab({ customer, editBlocked }: { customer: { id: string; name: string }; editBlocked?: string }) {
  const { t } = useTranslation();
  return (
    <CustomerDocsTab<Order>
      kind="orders"
      customer={customer}
      editBlocked={editBlocked}
      useList={ordersApi.useList}
      amountField="total"
      columns={[{ title: t("orders:fields.order_date"), dataIndex: "order_date", key: "order_date", width: 120 }]}
      createPermission="orders:create"
      createDrawer={(props) => <OrderFormDrawer {...props} order={null} customer={customer} />}
    />
  );
}
