import { describe, expect, it } from "vitest";
import type { DictionaryItem } from "../../api/types";
import { dictionaryLabel, dictionaryOptions } from "./dictionary";

const item = (code: string, sort_order: number, enabled = true): DictionaryItem => ({
  code,
  label_zh: `中${code}`,
  label_en: `en ${code}`,
  sort_order,
  enabled,
  version: 1,
});
const items = [item("b", 20), item("a", 10), item("old", 30, false)];

describe("dictionaries", () => {
  it("labels by language, disabled entries included, unknown codes as themselves", () => {
    expect(dictionaryLabel(items, "a", "zh-CN")).toBe("中a");
    expect(dictionaryLabel(items, "a", "en")).toBe("en a");
    expect(dictionaryLabel(items, "old", "en")).toBe("en old");
    expect(dictionaryLabel(items, "gone", "en")).toBe("gone");
    expect(dictionaryLabel(items, null, "en", "-")).toBe("-");
  });

  it("offers enabled entries in order, and a disabled one only when it is the current value", () => {
    expect(dictionaryOptions(items, "en").map((o) => o.value)).toEqual(["a", "b"]);
    expect(dictionaryOptions(items, "en", "old").map((o) => o.value)).toEqual(["a", "b", "old"]);
  });
});
