export const SALES_PLANS_PATH = "/sales-plans";
