import { afterAll, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { jobKindLabel, jobStatusLabel, jobStatusText, jobStatusView } from "./labels";

describe("job labels", () => {
  const before = i18n.language;
  afterAll(() => void i18n.changeLanguage(before));

  it("names the known kinds in both languages and shows an unknown kind as it is", async () => {
    await i18n.changeLanguage("zh-CN");
    const zh = i18n.t.bind(i18n);
    expect(jobKindLabel(zh, "customers.apply_pool_rules")).toBe("公海规则");
    expect(jobKindLabel(zh, "system.purge")).toBe("清理过期数据");
    expect(jobKindLabel(zh, "mail.send")).toBe("mail.send");
    expect(jobKindLabel(zh, "webhooks.deliver")).toBe("事件推送");
    // A prefix of a known kind is no key of its own (i18next would read the dot as nesting).
    expect(jobKindLabel(zh, "customers")).toBe("customers");
    await i18n.changeLanguage("en");
    const en = i18n.t.bind(i18n);
    expect(jobKindLabel(en, "customers.apply_pool_rules")).toBe("Pool rules");
    expect(jobKindLabel(en, "system.purge")).toBe("Purge expired data");
    expect(jobKindLabel(en, "mail.send")).toBe("mail.send");
    expect(jobKindLabel(en, "webhooks.deliver")).toBe("Webhook delivery");
  });

  it("translates the statuses, and a queued job that failed before waits to retry", async () => {
    await i18n.changeLanguage("zh-CN");
    const zh = i18n.t.bind(i18n);
    expect(jobStatusLabel(zh, "dead")).toBe("已失败");
    expect(jobStatusText(zh, { status: "done", attempts: 1 })).toBe("已完成");
    expect(jobStatusText(zh, { status: "queued", attempts: 0 })).toBe("排队中");
    expect(jobStatusText(zh, { status: "queued", attempts: 2 })).toBe("等待重试");
    expect(jobStatusText(zh, { status: "paused", attempts: 0 })).toBe("paused");
    await i18n.changeLanguage("en");
    const en = i18n.t.bind(i18n);
    expect(jobStatusLabel(en, "running")).toBe("Running");
    expect(jobStatusLabel(en, "paused")).toBe("paused");
    expect(jobStatusText(en, { status: "dead", attempts: 8 })).toBe("Dead");
    expect(jobStatusText(en, { status: "queued", attempts: 1 })).toBe("Waiting to retry");
  });

  it("colours the states: dead red, done green, running in progress", () => {
    expect(jobStatusView({ status: "dead", attempts: 8 }).color).toBe("error");
    expect(jobStatusView({ status: "done", attempts: 1 }).color).toBe("success");
    expect(jobStatusView({ status: "running", attempts: 1 }).color).toBe("processing");
    expect(jobStatusView({ status: "queued", attempts: 1 })).toEqual({ key: "retrying", color: "warning" });
    expect(jobStatusView({ status: "whatever", attempts: 0 }).key).toBe("unknown");
  });
});
