import { createContext, useContext, useEffect } from "react";
import { useTranslation } from "react-i18next";

/** "客户管理 · 客户关系管理系统" / "Customers · CRM"; the product name alone without a page. */
export function documentTitle(t: (key: string, options?: Record<string, unknown>) => string, page: string | undefined): string {
  return page ? t("common:app.documentTitle", { page }) : t("common:app.fullTitle");
}

/** Keeps the browser tab's title on the page's name, in the current language. */
export function useDocumentTitle(page: string | undefined): void {
  const { t, i18n } = useTranslation();
  const title = documentTitle(t, page);
  useEffect(() => {
    document.title = title;
  }, [title, i18n.language]);
}

/** Where a page names the record it shows (the layout titles the tab with it instead of the module). */
const RecordTitle = createContext<(name: string | undefined) => void>(() => undefined);
export const RecordTitleProvider = RecordTitle.Provider;

/** Titles the tab with a record's name (a customer's 360 page) while the page shows it. */
export function useRecordTitle(name: string | undefined): void {
  const set = useContext(RecordTitle);
  useEffect(() => {
    set(name);
    return () => set(undefined);
  }, [name, set]);
}
