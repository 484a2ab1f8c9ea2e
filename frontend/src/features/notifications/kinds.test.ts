import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import type { Notification } from "./api";
import { clockText, fallbackKind, kindDefinition, KNOWN_KINDS, notificationText } from "./kinds";

function translator(language: "zh-CN" | "en") {
  const read = (ns: string) => JSON.parse(readFileSync(join(__dirname, "../../i18n", language, `${ns}.json`), "utf8")) as Record<string, unknown>;
  const i18n = createInstance();
  void i18n.init({ lng: language, resources: { [language]: { notifications: read("notifications"), exports: read("exports") } }, interpolation: { escapeValue: false }, initAsync: false });
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

const zh = translator("zh-CN");
const en = translator("en");
const CONTEXT = { zone: "Asia/Shanghai", now: new Date("2026-12-06T06:00:00Z") }; // 14:00 in Shanghai

function notice(kind: string, extra: Partial<Notification> = {}): Notification {
  return {
    id: "n1",
    kind,
    entity: "customers",
    record_id: "c1",
    record_label: "华为",
    actor_name: "王经理",
    data: {},
    read: false,
    read_at: null,
    created_at: "2026-12-06T05:00:00Z",
    ...extra,
  };
}

function both(n: Notification): [string, string] {
  return [notificationText(n, zh, CONTEXT), notificationText(n, en, CONTEXT)];
}

describe("notification kind registry", () => {
  it("says who assigned or transferred a customer, or just that it happened when the server did", () => {
    expect(both(notice("customer.assigned"))).toEqual(["王经理 把客户「华为」分配给了你", "王经理 assigned 华为 to you"]);
    expect(both(notice("customer.assigned", { actor_name: null }))).toEqual(["客户「华为」已分配给你", "华为 was assigned to you"]);
    expect(both(notice("customer.transferred"))).toEqual(["王经理 把客户「华为」转给了你", "王经理 transferred 华为 to you"]);
  });

  it("gives the reason a customer went back to the pool, the rules' own reason translated", () => {
    const returned = notice("customer.returned", { actor_name: null, data: { reason: "pool rules: neglected" } });
    expect(both(returned)).toEqual(["你的客户「华为」已被收回公海（长期未跟进）", "Your customer 华为 went back to the public pool (no follow-up for too long)"]);
    const typed = notice("customer.returned", { actor_name: null, data: { reason: "客户已倒闭" } });
    expect(notificationText(typed, en, CONTEXT)).toBe("Your customer 华为 went back to the public pool (客户已倒闭)");
    expect(notificationText(notice("customer.returned", { data: { reason: null } }), zh, CONTEXT)).toBe("你的客户「华为」已按公海规则被收回公海");
  });

  it("says how a customer was shared", () => {
    expect(both(notice("customer.shared", { data: { access: "edit" } }))).toEqual(["王经理 与你共享了客户「华为」（可编辑）", "王经理 shared 华为 with you (can edit)"]);
    expect(notificationText(notice("customer.shared", { data: { access: "read" } }), zh, CONTEXT)).toBe("王经理 与你共享了客户「华为」（可查看）");
    expect(both(notice("drive.shared", { data: { access: "read", item: "folder" } }))).toEqual(["王经理 与你共享了文件夹「华为」（可查看）", "王经理 shared the folder 华为 with you (view only)"]);
  });

  it("says a background export is in the drive, or that it failed, and opens its folder or My exports", () => {
    const ready = notice("export.ready", { actor_name: null, entity: "files", record_label: "customers-20261207-100003.xlsx", data: { list: "customers", folder_id: "f-1" } });
    expect(both(ready)).toEqual([
      "后台导出完成：「customers-20261207-100003.xlsx」已保存到个人云盘的“导出”文件夹",
      "Your background export customers-20261207-100003.xlsx is ready in the Exports folder of your drive",
    ]);
    expect(kindDefinition("export.ready").path?.(ready)).toBe("/drive?folder=f-1");
    const failed = notice("export.failed", { actor_name: null, entity: null, record_label: "customers", data: { list: "customers", code: "drive.quota_exceeded" } });
    expect(both(failed)).toEqual(["「客户」的后台导出未能完成，请在“我的导出”中查看原因", "The background export of Customers did not finish; My exports says why"]);
    expect(kindDefinition("export.failed").path?.(failed)).toBe("/exports");
  });

  it("gives a due follow-up's time in the user's zone, with the day when it is not today", () => {
    const due = notice("follow_up.due", { actor_name: null, data: { due_at: "2026-12-06T02:00:00Z" } });
    expect(both(due)).toEqual(["客户「华为」的下次跟进时间到了（10:00）", "Follow-up with 华为 is due (10:00)"]);
    expect(clockText("2026-12-05T15:30:00Z", CONTEXT)).toBe("12-05 23:30");
    expect(clockText("2026-12-05T16:30:00Z", CONTEXT)).toBe("00:30");
    expect(notificationText(notice("follow_up.due", { data: {} }), en, CONTEXT)).toBe("Follow-up with 华为 is due");
  });

  it("names the document an approval is about, and who asked or decided", () => {
    const approval = (kind: string, extra: Partial<Notification> = {}) =>
      notice(kind, { entity: "approvals", record_id: "a1", record_label: "QT-2026-000001", data: { doc_type: "quote", doc_id: "q1" }, ...extra });
    expect(both(approval("approval.requested"))).toEqual(["王经理 请你审批报价单「QT-2026-000001」", "王经理 asks you to approve quote QT-2026-000001"]);
    expect(both(approval("approval.approved"))).toEqual(["王经理 审批通过了你的报价单「QT-2026-000001」", "王经理 approved your quote QT-2026-000001"]);
    expect(both(approval("approval.rejected", { actor_name: null }))).toEqual(["你的报价单「QT-2026-000001」未通过审批", "Your quote QT-2026-000001 was not approved"]);
    // A document type newer than this SPA reads as a document.
    expect(notificationText(approval("approval.requested", { actor_name: null, data: {} }), zh, CONTEXT)).toBe("单据「QT-2026-000001」等待你审批");
  });

  it("says when a contract ends and what an instalment falling due or overdue still owes", () => {
    const contract = (data: Record<string, unknown>) => notice("contract.ending", { entity: "contracts", record_label: "HT-2026-000123 年度采购", actor_name: null, data });
    expect(both(contract({ end_date: "2026-12-31", days_left: 25 }))).toEqual([
      "合同「HT-2026-000123 年度采购」将于 2026-12-31 到期（还剩 25 天）",
      "Contract HT-2026-000123 年度采购 ends on 2026-12-31, in 25 days",
    ]);
    expect(notificationText(contract({ end_date: "2026-12-07", days_left: 1 }), en, CONTEXT)).toBe("Contract HT-2026-000123 年度采购 ends tomorrow (2026-12-07)");
    expect(notificationText(contract({ end_date: "2026-12-06", days_left: 0 }), zh, CONTEXT)).toBe("合同「HT-2026-000123 年度采购」今天到期");
    expect(notificationText(contract({}), zh, CONTEXT)).toBe("合同「HT-2026-000123 年度采购」即将到期");
    const plan = (kind: string) =>
      notice(kind, { entity: "contracts", record_label: "HT-2026-000123 #1", actor_name: null, data: { instalment: 1, due_date: "2026-12-10", outstanding_amount: "25000.00" } });
    expect(both(plan("payment_plan.due"))).toEqual(["回款「HT-2026-000123 #1」将于 2026-12-10 到期，待收 25,000.00", "Instalment HT-2026-000123 #1 falls due on 2026-12-10: 25,000.00 outstanding"]);
    expect(notificationText(plan("payment_plan.overdue"), zh, CONTEXT)).toBe("回款「HT-2026-000123 #1」已逾期（应收日期 2026-12-10），仍欠 25,000.00");
    expect(notificationText({ ...plan("payment_plan.overdue"), data: {} }, en, CONTEXT)).toBe("Instalment HT-2026-000123 #1 is overdue");
  });

  it("names payments and invoices waiting for approval", () => {
    const payment = notice("approval.requested", { entity: "approvals", record_label: "HK-2027-000031", data: { doc_type: "payment" } });
    expect(both(payment)).toEqual(["王经理 请你审批回款「HK-2027-000031」", "王经理 asks you to approve payment HK-2027-000031"]);
    expect(notificationText(notice("approval.approved", { entity: "approvals", record_label: "FP-2027-000012", data: { doc_type: "invoice" } }), zh, CONTEXT)).toBe("王经理 审批通过了你的发票「FP-2027-000012」");
  });

  it("names a record without a name as unnamed", () => {
    expect(notificationText(notice("customer.assigned", { record_label: null }), zh, CONTEXT)).toBe("王经理 把客户「（未命名）」分配给了你");
  });

  it("shows a kind it does not know as its kind and record, in either language", () => {
    const definition = kindDefinition("approval.waiting_for_me");
    expect(definition.generic).toBe(true);
    expect(fallbackKind("approval.waiting_for_me")).toBe("approval · waiting for me");
    const unknown = notice("approval.waiting_for_me", { entity: "approvals", record_label: "年度框架采购", actor_name: null });
    expect(both(unknown)).toEqual(["approval · waiting for me：「年度框架采购」", "approval · waiting for me: 年度框架采购"]);
    expect(both({ ...unknown, actor_name: "李四" })).toEqual(["李四：approval · waiting for me「年度框架采购」", "李四: approval · waiting for me — 年度框架采购"]);
    expect(both({ ...unknown, record_label: null })).toEqual(["approval · waiting for me", "approval · waiting for me"]);
  });

  it("knows every kind the server sends today", () => {
    expect(KNOWN_KINDS).toEqual([
      "customer.assigned",
      "customer.transferred",
      "customer.returned",
      "customer.shared",
      "drive.shared",
      "follow_up.due",
      "contract.ending",
      "payment_plan.due",
      "payment_plan.overdue",
      "approval.requested",
      "approval.approved",
      "approval.rejected",
      "export.ready",
      "export.failed",
    ]);
    for (const kind of KNOWN_KINDS) expect(kindDefinition(kind).generic).toBeUndefined();
  });
});
