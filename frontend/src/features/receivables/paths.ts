export const PAYMENTS_PATH = "/payments";
export const INVOICES_PATH = "/invoices";
export const RECEIVABLES_PATH = "/receivables";
export const CONTRACT_REMINDERS_PATH = "/system/settings/contract-reminders";
