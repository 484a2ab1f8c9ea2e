// The quote, order and contract pages share one chunk: they use the same line editor, tags and
// figures, and one entry keeps the shared code in one place rather than in small chunks rollup may
// merge into the first page's.
export { QuotesPage } from "./QuotesPage";
export { QuoteDetailPage } from "./QuoteDetailPage";
export { OrdersPage } from "../../orders/pages/OrdersPage";
export { OrderDetailPage } from "../../orders/pages/OrderDetailPage";
export { ContractsPage } from "../../contracts/pages/ContractsPage";
export { ContractDetailPage } from "../../contracts/pages/ContractDetailPage";
export { CustomerQuotesTab } from "../components/CustomerQuotesTab";
export { CustomerOrdersTab } from "../../orders/components/CustomerOrdersTab";
export { CustomerContractsTab } from "../../contracts/components/CustomerContractsTab";
export { QuoteFormDrawer } from "../components/QuoteFormDrawer";
export { CompanyProfilePage } from "../../settings/pages/CompanyProfilePage";
