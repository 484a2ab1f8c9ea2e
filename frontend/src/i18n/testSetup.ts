// Tests render at once; the app's first render waits for the language chunk (main.tsx), so do they.
import { i18nReady, loadAllTexts } from "./index";

await i18nReady;
// Every namespace: a test renders any component, which the app would have loaded them for.
await loadAllTexts();

// antd's and dayjs's Chinese texts, which the app fetches on first use.
const { loadUiLocale } = await import("../app/locale");
await loadUiLocale("zh-CN");
