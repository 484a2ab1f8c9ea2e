// Tests render at once; the app's first render waits for the language chunk (main.tsx), so do they.
import { i18nReady } from "./index";

await i18nReady;

// antd's and dayjs's Chinese texts, which the app fetches on first use.
const { loadUiLocale } = await import("../app/locale");
await loadUiLocale("zh-CN");
