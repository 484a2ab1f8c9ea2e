import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, useNavigate } from "react-router-dom";
import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import { onSessionCleared } from "../api/session";
import { antdLocaleOf, LocaleProvider, useLocale } from "./locale";
import { queryClient } from "./queryClient";
import { AppRoutes } from "./router";


/** A session ended (signed out here or in another tab, or refused by the server): to the login page. */
function SessionWatcher() {
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  useEffect(
    () =>
      onSessionCleared(() => {
        queryClient.clear();
        if (window.location.pathname !== "/login") void navigateRef.current("/login", { replace: true });
      }),
    [],
  );
  return null;
}

function Shell() {
  const { locale } = useLocale();
  const { t } = useTranslation();
  // antd's own zh_CN text reads "邮箱不是一个有效的email"; these say it in one language.
  const validateMessages = useMemo(
    () => ({
      types: {
        email: t("errors:client.email"),
        url: t("errors:client.url"),
        number: t("errors:client.number"),
        integer: t("errors:client.integer"),
      },
    }),
    [t, locale],
  );
  return (
    <ConfigProvider locale={antdLocaleOf(locale)} form={{ validateMessages }}>
      <AntApp>
        <BrowserRouter>
          <SessionWatcher />
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <Shell />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
