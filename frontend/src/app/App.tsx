import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router-dom";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import { onSessionCleared } from "../api/session";
import { ApiError } from "../api/problem";
import { LocaleProvider, useLocale } from "./locale";
import { router } from "./router";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403, 404, ...) will not change on a retry.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

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
  useEffect(
    () =>
      onSessionCleared(() => {
        queryClient.clear();
        if (window.location.pathname !== "/login") void router.navigate("/login", { replace: true });
      }),
    [],
  );
  return (
    <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS} form={{ validateMessages }}>
      <AntApp>
        <RouterProvider router={router} />
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
