export const QUOTES_PATH = "/quotes";
