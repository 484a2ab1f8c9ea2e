export const ORDERS_PATH = "/orders";
