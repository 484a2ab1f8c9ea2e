import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import dayjs from "dayjs";
import "dayjs/locale/en";
import type { Locale as AntdLocale } from "antd/es/locale";
import enUS from "antd/es/locale/en_US";
import { i18n, initialLocale } from "../i18n";
import { normalizeLocale, storeLocale, type AppLocale } from "../i18n/locale";

// antd's and dayjs's own texts per language. English is antd's default and already in the first
// chunk; Chinese is fetched the first time it is used (with the app's texts, see i18n/resources.ts),
// so an English user does not download it and neither language needs antd's CommonJS copies.
const antdLocales: Partial<Record<AppLocale, AntdLocale>> = { en: enUS };
let chineseLoad: Promise<void> | undefined;

/** Loads antd's and dayjs's texts for a language; resolves at once for one already loaded. */
export function loadUiLocale(locale: AppLocale): Promise<void> {
  if (antdLocales[locale]) return Promise.resolve();
  chineseLoad ??= Promise.all([import("antd/es/locale/zh_CN"), import("dayjs/locale/zh-cn")]).then(
    ([antd]) => {
      antdLocales["zh-CN"] = antd.default;
    },
    (error: unknown) => {
      chineseLoad = undefined;
      throw error;
    },
  );
  return chineseLoad;
}

/** antd's texts for a language loaded by loadUiLocale (English until then). */
export function antdLocaleOf(locale: AppLocale): AntdLocale {
  return antdLocales[locale] ?? enUS;
}

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

  // The last choice wins even when an earlier one's texts arrive after it.
  const latest = useRef<AppLocale>(initialLocale);
  const setLocale = useCallback((next: AppLocale) => {
    latest.current = next;
    const apply = () => {
      if (latest.current !== next) return;
      setState(next);
      applyLocale(next, true);
    };
    loadUiLocale(next).then(apply, apply);
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useLocale outside LocaleProvider");
  return value;
}

/**
 * After login, the user's saved language (if any) wins over the browser's: once per signed-in
 * user. Later changes of the saved value come from this browser's own switch, which has already
 * applied them; re-applying them would let a /me response that left before the switch was saved
 * turn the language back.
 */
export function useUserLocale(userId: string | undefined, userLocale: string | null | undefined): void {
  const { locale, setLocale } = useLocale();
  const appliedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!userId || appliedFor.current === userId) return;
    appliedFor.current = userId;
    const wanted = normalizeLocale(userLocale);
    if (wanted && wanted !== locale) setLocale(wanted);
    // Only a newly signed-in user's saved locale should apply, not every local switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);
}
