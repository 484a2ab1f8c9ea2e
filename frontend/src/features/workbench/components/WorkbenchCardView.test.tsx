// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import { MemoryRouter } from "react-router-dom";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import { meKeys } from "../../auth/api";
import type { WorkbenchCard } from "../api";
import type { CardContext } from "../cards";
import { WorkbenchCardView } from "./WorkbenchCardView";

beforeAll(stubMatchMedia);
beforeEach(() => i18n.changeLanguage("en"));
afterEach(cleanup);

const NOW = new Date("2026-12-06T06:00:00Z");

function show(card: WorkbenchCard, context: Partial<CardContext> = {}, permissions = ["*"]) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(meKeys.me, { id: "u1", username: "rep", permissions });
  const onFollowUp = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <AntApp>
          <WorkbenchCardView card={card} context={{ reach: "mine", now: NOW, zone: "Asia/Shanghai", ...context }} onFollowUp={onFollowUp} />
        </AntApp>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { onFollowUp, card: screen.getByTestId(`workbench-card-${card.key}`) };
}

describe("a workbench card", () => {
  it("shows a card this SPA does not know plainly: its key as title, the items, no action", () => {
    const { card } = show({
      key: "pipeline.deals_closing",
      total: 1,
      items: [{ entity: "tickets", id: "o1", name: "年度框架采购", at: "2026-12-05T06:00:00Z" }],
      by_owner: [],
    });
    expect(card.textContent).toContain("pipeline · deals closing");
    const item = within(card).getByTestId("workbench-item");
    expect(item.textContent).toContain("年度框架采购");
    expect(item.textContent).toContain("1 day ago");
    expect(within(item).queryByRole("link")).toBeNull();
    expect(within(card).queryByTestId("workbench-follow-up")).toBeNull();
    expect(within(card).queryByTestId("workbench-view-all")).toBeNull();
  });

  it("offers 写跟进 on an overdue customer, links it, and splits the team's count by rep", () => {
    const { card, onFollowUp } = show(
      {
        key: "customers.follow_ups_overdue",
        total: 3,
        items: [{ entity: "customers", id: "c1", name: "云帆科技", at: "2026-12-03T02:00:00Z", owner_id: "r1", owner_name: "李一" }],
        by_owner: [
          { owner_id: "r1", owner_name: "李一", count: 2 },
          { owner_id: "r2", owner_name: "赵二", count: 1 },
        ],
      },
      { reach: "team" },
    );
    const item = within(card).getByTestId("workbench-item");
    expect(item.textContent).toContain("3 days overdue");
    expect(item.textContent).toContain("李一");
    expect(within(item).getByRole("link", { name: "云帆科技" }).getAttribute("href")).toBe("/customers/c1");
    expect(within(card).getByTestId("workbench-view-all").getAttribute("href")).toBe("/customers?quick=overdue&pool=all&sort=next_follow_up_at");
    expect(within(card).getByText("2 more")).toBeTruthy();
    const owners = within(card).getAllByTestId("owner-count");
    expect(owners.map((o) => o.textContent)).toEqual(["李一2", "赵二1"]);
    expect(within(owners[1] as HTMLElement).getByRole("link").getAttribute("href")).toBe("/customers?quick=overdue&owner_id=r2&sort=next_follow_up_at");
    fireEvent.click(within(item).getByTestId("workbench-follow-up"));
    expect(onFollowUp).toHaveBeenCalledWith({ id: "c1", name: "云帆科技" });
  });

  it("says what an empty card means, and offers no follow-up without the permission", () => {
    const { card } = show({ key: "customers.follow_ups_due_today", total: 0, items: [], by_owner: [] });
    expect(card.textContent).toContain("No customers to follow up today");
    cleanup();
    const other = show(
      { key: "customers.follow_ups_due_today", total: 1, items: [{ entity: "customers", id: "c2", name: "海曙机械", at: "2026-12-06T08:10:00Z" }], by_owner: [] },
      {},
      ["customers:read"],
    );
    expect(other.card.textContent).toContain("in 2 h");
    expect(within(other.card).queryByTestId("workbench-follow-up")).toBeNull();
  });
  it("reads what was won this month against the month's plan, and shows no bar without a plan", () => {
    const { card } = show({ key: "opportunities.won_this_month", total: 1, amount: "125000.00", target_amount: "500000.00", items: [], by_owner: [] });
    const target = within(card).getByTestId("workbench-card-target");
    expect(target.textContent).toMatch(/125,000\.00 \/ target \S*¥500,000\.00/);
    expect(within(target).getByRole("progressbar").getAttribute("aria-valuenow")).toBe("25");
    expect(target.textContent).toContain("25% of the month's plan");
    cleanup();
    const { card: plain } = show({ key: "opportunities.won_this_month", total: 0, amount: "0.00", target_amount: null, items: [], by_owner: [] });
    expect(within(plain).queryByTestId("workbench-card-target")).toBeNull();
  });
});
