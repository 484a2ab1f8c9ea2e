import { useEffect } from "react";
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
