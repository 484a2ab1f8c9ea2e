// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import { i18n } from "../../i18n";
import type { Me } from "../../api/types";
import { stubMatchMedia } from "../testing/jsdom";
import { ExportButton } from "./ExportButton";

beforeAll(stubMatchMedia);
afterEach(cleanup);

type Query = { format: "csv" | "xlsx"; q?: string; status?: string; sort?: string };

function renderButton(permissions: string[]) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  queryClient.setQueryData(["me"], { permissions } as unknown as Me);
  const download = vi.fn((_query: Query) => Promise.resolve());
  render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <ExportButton<Query> exporter={{ download, downloading: false }} query={{ q: "华为", status: "active", sort: "-updated_at" }} permission="contracts:export" testId="contract-export" />
      </AntApp>
    </QueryClientProvider>,
  );
  return download;
}

describe("a list's export button", () => {
  it("offers Excel and CSV of the list's query", async () => {
    await i18n.changeLanguage("zh-CN");
    const download = renderButton(["contracts:read", "contracts:export"]);
    fireEvent.click(screen.getByTestId("contract-export"));
    fireEvent.click(await screen.findByTestId("contract-export-csv"));
    await waitFor(() => expect(download).toHaveBeenCalledWith({ q: "华为", status: "active", sort: "-updated_at", format: "csv" }));
    fireEvent.click(screen.getByTestId("contract-export"));
    fireEvent.click(await screen.findByTestId("contract-export-xlsx"));
    await waitFor(() => expect(download).toHaveBeenLastCalledWith({ q: "华为", status: "active", sort: "-updated_at", format: "xlsx" }));
    expect(screen.getByTestId("contract-export").textContent).toContain("导出");
  });

  it("is absent for users who may not export", () => {
    renderButton(["contracts:read"]);
    expect(screen.queryByTestId("contract-export")).toBeNull();
  });
});
