// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import createClient from "openapi-fetch";
import type { paths } from "../../../api/schema";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import { FlowFormDrawer } from "./FlowFormDrawer";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

beforeAll(stubMatchMedia);
afterEach(cleanup);

let posted: unknown[] = [];
let answer: { status: number; body: unknown } = { status: 201, body: {} };

beforeEach(async () => {
  await i18n.changeLanguage("en");
  posted = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === "/api/v1/approval-flows" && input.method === "POST") {
        posted.push(await input.json());
        const type = answer.status >= 400 ? "application/problem+json" : "application/json";
        return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": type } });
      }
      const empty = url.pathname.endsWith("/tree") ? [] : { items: [], total: 0, page: 1, page_size: 20, total_exact: true };
      return new Response(JSON.stringify(empty), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});

function renderDesigner() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <FlowFormDrawer open flow={null} onClose={() => undefined} />
      </AntApp>
    </QueryClientProvider>,
  );
}

const steps = () => screen.getAllByTestId("flow-step");
const nameOf = (step: HTMLElement) => (within(step).getByTestId("flow-step-name") as HTMLInputElement).value;

describe("flow designer", () => {
  it("adds, moves and removes steps, and saves them in the order shown with their conditions", async () => {
    renderDesigner();
    fireEvent.change(screen.getByTestId("flow-name"), { target: { value: "Quotes" } });
    expect(steps()).toHaveLength(1);
    fireEvent.change(within(steps()[0]!).getByTestId("flow-step-name"), { target: { value: "Manager" } });
    fireEvent.click(screen.getByTestId("flow-step-add"));
    fireEvent.click(screen.getByTestId("flow-step-add"));
    expect(steps()).toHaveLength(3);
    fireEvent.change(within(steps()[1]!).getByTestId("flow-step-name"), { target: { value: "Director" } });
    fireEvent.change(within(steps()[2]!).getByTestId("flow-step-name"), { target: { value: "Spare" } });

    // The last step has nowhere further down to go, the first nowhere up.
    expect((within(steps()[0]!).getByTestId("flow-step-up") as HTMLButtonElement).disabled).toBe(true);
    expect((within(steps()[2]!).getByTestId("flow-step-down") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(steps()[1]!).getByTestId("flow-step-up"));
    expect(steps().map(nameOf)).toEqual(["Director", "Manager", "Spare"]);
    fireEvent.click(within(steps()[2]!).getByTestId("flow-step-remove"));
    expect(steps().map(nameOf)).toEqual(["Director", "Manager"]);

    // The director approves big quotes only.
    fireEvent.click(within(steps()[0]!).getByTestId("flow-condition-add"));
    fireEvent.change(within(steps()[0]!).getByTestId("flow-condition-value"), { target: { value: "100000" } });

    fireEvent.click(screen.getByTestId("flow-save"));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      doc_type: "quote",
      name: "Quotes",
      steps: [
        { name: "Director", approver: { kind: "supervisor", levels: 1 }, mode: "any", condition: [{ field: "total", op: "gt", value: "100000" }] },
        { name: "Manager", approver: { kind: "supervisor", levels: 1 }, mode: "any", condition: [] },
      ],
    });
  });

  it("shows the server's verdict on the step's condition it names", async () => {
    answer = {
      status: 422,
      body: {
        title: "Unprocessable",
        status: 422,
        code: "validation.failed",
        errors: [{ field: "steps[0].condition[0].op", code: "not_ordered", message: "a text or reference field is compared with eq, ne or in" }],
      },
    };
    renderDesigner();
    fireEvent.change(screen.getByTestId("flow-name"), { target: { value: "Quotes" } });
    fireEvent.change(screen.getByTestId("flow-step-name"), { target: { value: "Manager" } });
    fireEvent.click(screen.getByTestId("flow-condition-add"));
    fireEvent.change(screen.getByTestId("flow-condition-value"), { target: { value: "5" } });
    fireEvent.click(screen.getByTestId("flow-save"));
    const row = await waitFor(() => {
      const found = screen.getByTestId("flow-condition");
      expect(within(found).getByText("text and references compare with equals, is not or is one of")).toBeTruthy();
      return found;
    });
    expect(row).toBeTruthy();
  });
});
