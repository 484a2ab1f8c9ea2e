import { useEffect } from "react";
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
  useEffect(
    () =>
      onSessionCleared(() => {
        queryClient.clear();
        if (window.location.pathname !== "/login") void router.navigate("/login", { replace: true });
      }),
    [],
  );
  return (
    <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS}>
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
