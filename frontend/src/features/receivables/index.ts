import { createElement } from "react";
// Icons other menus already load: the menu is part of the first page, which is at its size budget.
import { ClockCircleOutlined, FieldTimeOutlined, FundOutlined, TagsOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { CONTRACT_REMINDERS_PATH, INVOICES_PATH, PAYMENTS_PATH, RECEIVABLES_PATH, routes } from "./routes";

/**
 * 回款、发票、应收 (CON-2, CON-5): payments received and invoices issued against contracts, the
 * instalments falling due, the receivables' ageing and the contracts report; the reminders'
 * settings. A contract's and a customer's pages mount the money tabs (components/LazyReceivables).
 */
export const receivablesFeature: Feature = {
  name: "receivables",
  routes,
  menu: [
    { key: "payments", path: PAYMENTS_PATH, group: "sales", labelKey: "common:menu.entries.payments", icon: createElement(FundOutlined), permission: "payments:read" },
    { key: "invoices", path: INVOICES_PATH, group: "sales", labelKey: "common:menu.entries.invoices", icon: createElement(TagsOutlined), permission: "invoices:read" },
    { key: "receivables", path: RECEIVABLES_PATH, group: "sales", labelKey: "common:menu.entries.receivables", icon: createElement(FieldTimeOutlined), permission: "reports:read" },
    { key: "contract-reminders", path: CONTRACT_REMINDERS_PATH, group: "system", labelKey: "common:menu.entries.contractReminders", icon: createElement(ClockCircleOutlined), permission: "settings:read" },
  ],
};
