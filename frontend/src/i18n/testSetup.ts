// Tests render at once; the app's first render waits for the language chunk (main.tsx), so do they.
import { i18nReady } from "./index";

await i18nReady;
