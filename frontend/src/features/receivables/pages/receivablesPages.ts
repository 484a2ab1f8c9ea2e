// Every page of the module and the money tabs other pages mount share one chunk (one loader in the
// first page, which is at its size budget): they use the same forms, tables and tags. The reports
// of the receivables page (with echarts) load from it when their tab is shown.
export { PaymentsPage } from "./PaymentsPage";
export { InvoicesPage } from "./InvoicesPage";
export { ReceivablesPage } from "./ReceivablesPage";
export { ContractRemindersPage } from "./ContractRemindersPage";
export { ContractInvoicesTab, ContractMoneySummary, ContractPaymentsTab, ContractPlansTab, CustomerInvoicesTab, CustomerPaymentsTab } from "../components/ContractMoneyTabs";
