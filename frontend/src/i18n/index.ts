import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { buildResources, NAMESPACES } from "./resources";
import { detectLocale, readStoredLocale } from "./locale";

export const initialLocale = detectLocale(readStoredLocale(), globalThis.navigator?.language);

void i18n.use(initReactI18next).init({
  resources: buildResources(),
  lng: initialLocale,
  fallbackLng: "en",
  ns: [...NAMESPACES],
  defaultNS: "common",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
