import "@ant-design/v5-patch-for-react-19";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { i18nReady } from "./i18n";
import { App } from "./app/App";

const root = document.getElementById("root");
// The first render waits for the language's texts, so no page shows its keys for a moment.
void i18nReady.finally(() => {
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
});
