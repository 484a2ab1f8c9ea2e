import { useTranslation } from "react-i18next";
import { CustomerDocsTab } from "../../quotes/components/CustomerDocsTab";
import { contractsApi, type Contract } from "../api";
import { ContractFormDrawer } from "./ContractFormDrawer";

/** The customer 360 page's 合同 tab: the customer's contracts, and a create button for this customer. */
export function CustomerContractsTab({ customer, editBlocked }: { customer: { id: string; name: string }; editBlocked?: string }) {
  const { t } = useTranslation();
  const none = t("common:values.none");
  return (
    <CustomerDocsTab<Contract>
      kind="contracts"
      customer={customer}
      editBlocked={editBlocked}
      useList={contractsApi.useList}
      amountField="amount"
      columns={[
        { title: t("contracts:fields.name"), dataIndex: "name", key: "name", width: 200, ellipsis: true },
        { title: t("contracts:fields.sign_date"), dataIndex: "sign_date", key: "sign_date", width: 120, render: (v: string | null) => v || none },
        { title: t("contracts:fields.end_date"), dataIndex: "end_date", key: "end_date", width: 120, render: (v: string | null) => v || none },
      ]}
      createPermission="contracts:create"
      createDrawer={(props) => <ContractFormDrawer {...props} contract={null} customer={customer} />}
    />
  );
}
