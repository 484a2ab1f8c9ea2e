import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/en";
import { i18n, initialLocale } from "../i18n";
import { normalizeLocale, storeLocale, type AppLocale } from "../i18n/locale";

type LocaleContextValue = {
  locale: AppLocale;
  /** Switches the UI language in this browser (saving it on the user is the caller's job). */
  setLocale: (locale: AppLocale) => void;
};

const LocaleContext = createContext<LocaleContextValue | null>(null);

function applyLocale(locale: AppLocale, remember: boolean): void {
  void i18n.changeLanguage(locale);
  dayjs.locale(locale === "zh-CN" ? "zh-cn" : "en");
  document.documentElement.lang = locale;
  // Only a real choice is remembered, so a browser default keeps following the browser.
  if (remember) storeLocale(locale);
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<AppLocale>(initialLocale);

  useEffect(() => applyLocale(initialLocale, false), []);

  const setLocale = useCallback((next: AppLocale) => {
    setState(next);
    applyLocale(next, true);
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useLocale outside LocaleProvider");
  return value;
}

/** After login, the user's saved language (if any) wins over the browser's. */
export function useUserLocale(userLocale: string | null | undefined): void {
  const { locale, setLocale } = useLocale();
  useEffect(() => {
    const wanted = normalizeLocale(userLocale);
    if (wanted && wanted !== locale) setLocale(wanted);
    // Only a change of the user's saved locale should re-apply it, not every local switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userLocale]);
}
