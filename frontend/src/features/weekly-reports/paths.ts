export const WEEKLY_REPORTS_PATH = "/weekly-reports";
