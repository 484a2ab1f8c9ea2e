export const LOCALES = ["zh-CN", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];

export const LOCALE_STORAGE_KEY = "crm.locale";

/** Maps any language tag to one the UI has: Chinese variants to zh-CN, the rest to English. */
export function normalizeLocale(tag: string | null | undefined): AppLocale | null {
  if (!tag) return null;
  return tag.toLowerCase().startsWith("zh") ? "zh-CN" : tag.toLowerCase().startsWith("en") ? "en" : null;
}

/** The stored choice first, then the browser's language (zh* → zh-CN, anything else → en). */
export function detectLocale(stored: string | null | undefined, browser: string | null | undefined): AppLocale {
  return normalizeLocale(stored) ?? (browser?.toLowerCase().startsWith("zh") ? "zh-CN" : "en");
}

export function readStoredLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Without storage the choice lasts for this page only; the server copy still applies at login.
  }
}
