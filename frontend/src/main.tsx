import "@ant-design/v5-patch-for-react-19";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { i18nReady, initialLocale } from "./i18n";
import { App } from "./app/App";
import { loadUiLocale } from "./app/locale";

const root = document.getElementById("root");
// The first render waits for the language's texts (the app's, antd's and dayjs's), so no page
// shows its keys or another language's dates for a moment.
void Promise.allSettled([i18nReady, loadUiLocale(initialLocale)]).finally(() => {
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
});
