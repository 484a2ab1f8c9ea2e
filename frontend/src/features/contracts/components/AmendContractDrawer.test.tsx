// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import createClient from "openapi-fetch";
import type { paths } from "../../../api/schema";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import type { Contract } from "../api";
import { AmendContractDrawer } from "./AmendContractDrawer";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

beforeAll(stubMatchMedia);
afterEach(cleanup);

const contract = {
  id: "c1",
  number: "HT-2026-000123",
  name: "Equipment supply",
  customer_id: "cu1",
  customer_name: "Huawei",
  currency: "CNY",
  amount: "150000.00",
  lines: [],
  sign_date: "2026-12-10",
  start_date: "2027-01-01",
  end_date: "2027-12-31",
  category: null,
  payment_terms: null,
  remark: null,
  status: "active",
  version: 3,
} as unknown as Contract;

let posted: unknown[] = [];
let answer: { status: number; body: unknown } = { status: 201, body: {} };

beforeEach(async () => {
  await i18n.changeLanguage("en");
  posted = [];
  answer = { status: 201, body: { id: "a1", contract_id: "c1", seq: 1, status: "pending", reason: "r", before: {}, after: {}, applicant_id: "u1", created_at: "2027-03-01T08:00:00Z" } };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === "/api/v1/contracts/c1/amendments" && input.method === "POST") {
        posted.push(await input.json());
        const type = answer.status >= 400 ? "application/problem+json" : "application/json";
        return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": type } });
      }
      return new Response(JSON.stringify({ items: [], total: 0, page: 1, page_size: 20, total_exact: true }), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});

function renderDrawer() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <AmendContractDrawer open contract={contract} onClose={() => undefined} />
      </AntApp>
    </QueryClientProvider>,
  );
}

describe("amending a contract", () => {
  it("sends the reason and only the amount it changed", async () => {
    renderDrawer();
    expect((screen.getByTestId("contract-amount") as HTMLInputElement).value).toBe("150000.00");
    fireEvent.change(screen.getByTestId("amend-reason"), { target: { value: " Two more machines " } });
    fireEvent.change(screen.getByTestId("contract-amount"), { target: { value: "180000" } });
    fireEvent.click(screen.getByTestId("amend-save"));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ reason: "Two more machines", changes: { amount: "180000" } });
  });

  it("puts the server's verdict on `changes.<field>` under that field", async () => {
    answer = {
      status: 422,
      body: { title: "Unprocessable", status: 422, code: "validation.failed", errors: [{ field: "changes.amount", code: "below_commitments", message: "at least 50000.00" }] },
    };
    renderDrawer();
    fireEvent.change(screen.getByTestId("amend-reason"), { target: { value: "Fewer machines" } });
    fireEvent.change(screen.getByTestId("contract-amount"), { target: { value: "1000" } });
    fireEvent.click(screen.getByTestId("amend-save"));
    await waitFor(() => expect(document.querySelector(".ant-form-item-explain-error")?.textContent).toBe(i18n.t("moduleErrors:field.below_commitments")));
    // On the amount's own field, not in a message.
    expect(document.querySelector(".ant-form-item-has-error [data-testid=contract-amount]")).toBeTruthy();
  });

  it("says the least amount the contract may have when the amount goes below what it holds", async () => {
    answer = {
      status: 422,
      body: {
        title: "Unprocessable",
        status: 422,
        code: "contract.amount_below_commitments",
        minimum: "50000.00",
        errors: [{ field: "changes.amount", code: "below_commitments", message: "at least 50000.00" }],
      },
    };
    renderDrawer();
    fireEvent.change(screen.getByTestId("amend-reason"), { target: { value: "Fewer machines" } });
    fireEvent.change(screen.getByTestId("contract-amount"), { target: { value: "1000" } });
    fireEvent.click(screen.getByTestId("amend-save"));
    await waitFor(() => expect(screen.getByText(/cannot go below \S*50,000\.00/)).toBeTruthy());
  });
});
