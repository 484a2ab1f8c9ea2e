// The leads' address, apart from the model so the menu and routes (loaded with the first page)
// do not pull the list's logic in with them.
export const LEADS_PATH = "/leads";
