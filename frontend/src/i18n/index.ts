import i18n, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import { loadLanguage, NAMESPACES } from "./resources";
import { detectLocale, readStoredLocale } from "./locale";

export const initialLocale = detectLocale(readStoredLocale(), globalThis.navigator?.language);

// Texts come from the language's chunk; i18next waits for it on init and on a language switch.
const languageChunks: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (language, namespace, callback) => {
    loadLanguage(language).then(
      (resources) => callback(null, resources[namespace] ?? {}),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Resolves once the first language's texts are in, before the app renders. */
export const i18nReady = i18n
  .use(languageChunks)
  .use(initReactI18next)
  .init({
    lng: initialLocale,
    // Both languages have the same keys (i18n.test.ts), so no fallback is loaded beside the current one.
    fallbackLng: false,
    load: "currentOnly",
    ns: [...NAMESPACES],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    returnNull: false,
  });

export { i18n };
