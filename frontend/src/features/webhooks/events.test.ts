import { afterAll, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { eventEntity, eventLabel, eventOptions, eventParts, eventsHistoryText, nextEventSelection } from "./events";

const CATALOGUE = ["*", "customer.created", "customer.updated", "customer.deleted", "customer.restored", "customer.pool_changed", "contract.created", "contract.activated", "payment.received"];

describe("webhook event labels", () => {
  const before = i18n.language;
  afterAll(() => void i18n.changeLanguage(before));

  it("names the catalogue's events in Chinese from the record type and the verb", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.t.bind(i18n);
    expect(eventLabel(t, "customer.created")).toBe("新建客户");
    expect(eventLabel(t, "customer.updated")).toBe("修改客户");
    expect(eventLabel(t, "follow_up.deleted")).toBe("删除跟进记录");
    expect(eventLabel(t, "opportunity.restored")).toBe("恢复商机");
    expect(eventLabel(t, "contract.activated")).toBe("合同生效");
    expect(eventLabel(t, "payment.received")).toBe("回款到账");
    expect(eventLabel(t, "*")).toBe("全部事件");
    expect(eventLabel(t, "ping")).toBe("测试（ping）");
  });

  it("names them in English", async () => {
    await i18n.changeLanguage("en");
    const t = i18n.t.bind(i18n);
    expect(eventLabel(t, "customer.created")).toBe("Customer created");
    expect(eventLabel(t, "follow_up.updated")).toBe("Follow-up updated");
    expect(eventLabel(t, "customer.pool_changed")).toBe("Customer pool changed");
    expect(eventLabel(t, "lead.converted")).toBe("Lead converted");
    expect(eventLabel(t, "*")).toBe("All events");
  });

  it("gives an event this SPA does not know a sensible name in each language, never a key", async () => {
    await i18n.changeLanguage("zh-CN");
    const zh = i18n.t.bind(i18n);
    expect(eventLabel(zh, "ticket.created")).toBe("新建 ticket");
    expect(eventLabel(zh, "purchase_order.deleted")).toBe("删除 purchase order");
    expect(eventLabel(zh, "customer.merged")).toBe("客户：merged");
    expect(eventLabel(zh, "ticket.escalated")).toBe("Ticket：escalated");
    // A name of another form shows as it is.
    expect(eventLabel(zh, "heartbeat")).toBe("heartbeat");
    expect(eventLabel(zh, "customer.")).toBe("customer.");
    await i18n.changeLanguage("en");
    const en = i18n.t.bind(i18n);
    expect(eventLabel(en, "ticket.created")).toBe("Ticket created");
    expect(eventLabel(en, "purchase_order.restored")).toBe("Purchase order restored");
    expect(eventLabel(en, "customer.merged")).toBe("Customer: merged");
    expect(eventLabel(en, "ticket.sla_breached")).toBe("Ticket: sla breached");
  });

  it("splits a name at its first dot", () => {
    expect(eventParts("customer.pool_changed")).toEqual({ resource: "customer", verb: "pool_changed" });
    expect(eventParts("a.b.c")).toEqual({ resource: "a", verb: "b.c" });
    expect(eventParts("*")).toBeUndefined();
    expect(eventParts(".x")).toBeUndefined();
  });

  it("groups the select's options by record type, all events first, keeping chosen names the catalogue lacks", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.t.bind(i18n);
    const options = eventOptions(t, [...CATALOGUE.slice(1), "*"], ["ticket.created"]);
    expect(options[0]).toEqual({ value: "*", label: "全部事件" });
    const groups = options.slice(1) as { label: string; title: string; options: { value: string; label: string }[] }[];
    expect(groups.map((g) => g.label)).toEqual(["客户", "合同", "回款", "ticket"]);
    expect(groups[0]?.options.map((o) => o.value)).toEqual(["customer.created", "customer.updated", "customer.deleted", "customer.restored", "customer.pool_changed"]);
    expect(groups[1]?.options.map((o) => o.label)).toEqual(["新建合同", "合同生效"]);
  });

  it("lets all events replace the others, and an event chosen after it narrow the choice", () => {
    expect(nextEventSelection(["customer.created"], ["customer.created", "*"])).toEqual(["*"]);
    expect(nextEventSelection(["*"], ["*", "customer.updated"])).toEqual(["customer.updated"]);
    expect(nextEventSelection(["customer.created"], ["customer.created", "customer.updated"])).toEqual(["customer.created", "customer.updated"]);
    expect(nextEventSelection(["*"], [])).toEqual([]);
    expect(nextEventSelection([], ["*"])).toEqual(["*"]);
  });

  it("knows the operation log's name of an event's record type", () => {
    expect(eventEntity("customer.created")).toBe("customers");
    expect(eventEntity("opportunity.stage_changed")).toBe("opportunities");
    expect(eventEntity("follow_up.updated")).toBe("follow_ups");
    expect(eventEntity("ping")).toBeUndefined();
  });

  it("reads a history's events by name", async () => {
    await i18n.changeLanguage("zh-CN");
    const text = eventsHistoryText(i18n.t.bind(i18n));
    expect(text("events", ["customer.created", "*"], "—")).toBe("新建客户、全部事件");
    expect(text("events", [], "—")).toBe("—");
    expect(text("name", "x", "—")).toBeUndefined();
  });
});
