import { useTranslation } from "react-i18next";
import { quotesApi, type Quote } from "../api";
import { CustomerDocsTab } from "./CustomerDocsTab";
import { QuoteFormDrawer } from "./QuoteFormDrawer";

/** The customer 360 page's 报价 tab: the customer's quotes, and a create button for this customer. */
export function CustomerQuotesTab({ customer, editBlocked }: { customer: { id: string; name: string }; editBlocked?: string }) {
  const { t } = useTranslation();
  return (
    <CustomerDocsTab<Quote>
      kind="quotes"
      customer={customer}
      editBlocked={editBlocked}
      useList={quotesApi.useList}
      amountField="total"
      columns={[{ title: t("quotes:fields.valid_until"), dataIndex: "valid_until", key: "valid_until", width: 120 }]}
      createPermission="quotes:create"
      createDrawer={(props) => <QuoteFormDrawer {...props} quote={null} start={{ customer }} />}
    />
  );
}
