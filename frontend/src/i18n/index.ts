import i18n, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import { FIRST_NAMESPACES, LATER_NAMESPACES, loadNamespace } from "./resources";
import { detectLocale, readStoredLocale } from "./locale";

export const initialLocale = detectLocale(readStoredLocale(), globalThis.navigator?.language);

// Texts come from the language's chunks; i18next waits for them on init, on a language switch (for
// every namespace loaded so far) and in loadAllTexts.
const languageChunks: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (language, namespace, callback) => {
    loadNamespace(language, namespace).then(
      (resources) => callback(null, resources ?? {}),
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
    // The first pages' namespaces; the others load with the first page that needs them.
    ns: [...FIRST_NAMESPACES],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    returnNull: false,
  });

let allTexts: Promise<unknown> | undefined;

/**
 * Loads every namespace of the current language (and, from then on, of any language switched to).
 * Every feature page, and every part of the shell that shows a feature's texts, waits for it before
 * it renders; the login page and the workbench do not need it.
 */
export function loadAllTexts(): Promise<void> {
  allTexts ??= i18nReady.then(() => i18n.loadNamespaces([...LATER_NAMESPACES]));
  return allTexts.then(
    () => undefined,
    () => {
      allTexts = undefined;
    },
  );
}

/** A lazily loaded module that renders texts of any namespace: the module and the texts, together. */
export function withAllTexts<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadAllTexts()]).then(([module]) => module);
}

export { i18n };
