import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { amountOf, calendarDaysBetween, relativeTime, timeText, type TimeStyle } from "./relativeTime";

function translator(language: "zh-CN" | "en") {
  const messages = JSON.parse(readFileSync(join(__dirname, "../../i18n", language, "workbench.json"), "utf8")) as Record<string, unknown>;
  const i18n = createInstance();
  void i18n.init({ lng: language, resources: { [language]: { workbench: messages } }, interpolation: { escapeValue: false }, initAsync: false });
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

const zh = translator("zh-CN");
const en = translator("en");
const NOW = new Date("2026-12-06T06:00:00Z"); // 14:00 in Shanghai
const ZONE = "Asia/Shanghai";

function both(at: string, style: TimeStyle): [string, string] {
  const text = relativeTime(at, NOW, ZONE, style);
  if (!text) throw new Error("no text");
  return [timeText(zh, text), timeText(en, text)];
}

describe("relative times on the cards", () => {
  it("counts down to a follow-up due later today, and says how late one is", () => {
    expect(both("2026-12-06T08:10:00Z", "due")).toEqual(["2 小时后", "in 2 h"]);
    expect(both("2026-12-06T06:25:00Z", "due")).toEqual(["25 分钟后", "in 25 min"]);
    expect(both("2026-12-06T03:00:00Z", "due")).toEqual(["已过 3 小时", "3 h late"]);
    expect(both("2026-12-06T06:00:20Z", "due")).toEqual(["现在", "now"]);
  });

  it("counts overdue follow-ups in calendar days of the user's zone", () => {
    expect(both("2026-12-03T09:00:00Z", "overdue")).toEqual(["逾期 3 天", "3 days overdue"]);
    // 23:30 yesterday in Shanghai is a day overdue, though only 14.5 hours ago.
    expect(both("2026-12-05T15:30:00Z", "overdue")).toEqual(["逾期 1 天", "1 day overdue"]);
    expect(calendarDaysBetween(new Date("2026-12-05T15:30:00Z"), NOW, "UTC")).toBe(1);
    expect(calendarDaysBetween(new Date("2026-12-05T16:30:00Z"), NOW, ZONE)).toBe(0);
  });

  it("says when a customer returns to the pool, and what already happened", () => {
    expect(both("2026-12-08T07:00:00Z", "returning")).toEqual(["2 天后回收", "returns in 2 days"]);
    expect(both("2026-12-06T05:00:00Z", "returning")).toEqual(["即将回收", "returns soon"]);
    expect(both("2026-12-01T06:00:00Z", "ago")).toEqual(["5 天前", "5 days ago"]);
    expect(both("2026-12-06T05:59:40Z", "ago")).toEqual(["刚刚", "just now"]);
  });

  it("has no text without a time", () => {
    expect(relativeTime(null, NOW, ZONE, "due")).toBeUndefined();
    expect(relativeTime("not a time", NOW, ZONE, "ago")).toBeUndefined();
  });

  it("takes the largest whole unit", () => {
    expect(amountOf(59 * 60_000)).toEqual({ unit: "minute", count: 59 });
    expect(amountOf(-(23 * 3_600_000 + 59 * 60_000))).toEqual({ unit: "hour", count: 23 });
    expect(amountOf(25 * 3_600_000)).toEqual({ unit: "day", count: 1 });
    expect(amountOf(10_000)).toEqual({ unit: "minute", count: 1 });
  });
});
