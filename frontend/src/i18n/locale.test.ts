import { describe, expect, it } from "vitest";
import { detectLocale, normalizeLocale } from "./locale";

describe("locale", () => {
  it("defaults from the browser: zh* is Chinese, anything else English", () => {
    expect(detectLocale(null, "zh-CN")).toBe("zh-CN");
    expect(detectLocale(null, "zh-TW")).toBe("zh-CN");
    expect(detectLocale(null, "zh")).toBe("zh-CN");
    expect(detectLocale(null, "en-US")).toBe("en");
    expect(detectLocale(null, "de-DE")).toBe("en");
    expect(detectLocale(null, undefined)).toBe("en");
  });

  it("prefers the stored choice", () => {
    expect(detectLocale("en", "zh-CN")).toBe("en");
    expect(detectLocale("zh-CN", "en-US")).toBe("zh-CN");
    expect(detectLocale("garbage", "zh-CN")).toBe("zh-CN");
  });

  it("normalizes user locales", () => {
    expect(normalizeLocale("zh-CN")).toBe("zh-CN");
    expect(normalizeLocale("en")).toBe("en");
    expect(normalizeLocale("en-GB")).toBe("en");
    expect(normalizeLocale("")).toBeNull();
    expect(normalizeLocale(null)).toBeNull();
  });
});
