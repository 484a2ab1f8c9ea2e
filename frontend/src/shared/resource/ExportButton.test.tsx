// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import { MemoryRouter } from "react-router-dom";
import { i18n } from "../../i18n";
import type { Me } from "../../api/types";
import { stubMatchMedia } from "../testing/jsdom";
import { ExportButton } from "./ExportButton";

const started = vi.hoisted(() => ({ startExport: vi.fn(() => Promise.resolve({})) }));
vi.mock("../../features/exports/start", () => started);

beforeAll(stubMatchMedia);
afterEach(cleanup);

type Query = { format: "csv" | "xlsx"; q?: string; status?: string; sort?: string };

function renderButton(permissions: string[], path?: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  queryClient.setQueryData(["me"], { permissions } as unknown as Me);
  const download = vi.fn((_query: Query) => Promise.resolve());
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <AntApp>
          <ExportButton<Query> exporter={{ download, downloading: false, path }} query={{ q: "华为", status: "active", sort: "-updated_at" }} permission="contracts:export" testId="contract-export" />
        </AntApp>
      </MemoryRouter>
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

  it("starts a background export of the same query for those who may", async () => {
    await i18n.changeLanguage("en");
    const download = renderButton(["contracts:read", "contracts:export", "exports:create", "files:create"], "/api/v1/contracts/export");
    fireEvent.click(screen.getByTestId("contract-export"));
    fireEvent.click(await screen.findByTestId("contract-export-background-xlsx"));
    await waitFor(() =>
      expect(started.startExport).toHaveBeenCalledWith({ list: "contracts", format: "xlsx", query: "q=%E5%8D%8E%E4%B8%BA&status=active&sort=-updated_at", raw: false, tz: expect.any(String) }, "en"),
    );
    expect(await screen.findByTestId("background-export-mine")).toBeTruthy();
    expect(download).not.toHaveBeenCalled();
  });

  it("offers no background export without exports:create or files:create, or for a report", async () => {
    renderButton(["contracts:read", "contracts:export", "files:create"], "/api/v1/contracts/export");
    fireEvent.click(screen.getByTestId("contract-export"));
    await screen.findByTestId("contract-export-csv");
    expect(screen.queryByTestId("contract-export-background-csv")).toBeNull();
    cleanup();
    renderButton(["contracts:read", "contracts:export", "exports:create"], "/api/v1/contracts/export");
    fireEvent.click(screen.getByTestId("contract-export"));
    await screen.findByTestId("contract-export-csv");
    expect(screen.queryByTestId("contract-export-background-csv")).toBeNull();
    cleanup();
    renderButton(["contracts:read", "contracts:export", "exports:create"], "/api/v1/reports/funnel/export");
    fireEvent.click(screen.getByTestId("contract-export"));
    await screen.findByTestId("contract-export-csv");
    expect(screen.queryByTestId("contract-export-background-csv")).toBeNull();
  });

  it("is absent for users who may not export", () => {
    renderButton(["contracts:read"]);
    expect(screen.queryByTestId("contract-export")).toBeNull();
  });
});
