import { describe, expect, it } from "vitest";
import { addServed, removeServed, sameServed } from "./served";

const a = { id: "1", code: "C1", name: "甲" };
const b = { id: "2", code: "C2", name: "乙" };

describe("served customers draft", () => {
  it("adds once and removes", () => {
    expect(addServed([a], b)).toEqual([a, b]);
    expect(addServed([a, b], a)).toEqual([a, b]);
    expect(removeServed([a, b], "1")).toEqual([b]);
    expect(removeServed([a], "9")).toEqual([a]);
  });

  it("compares lists ignoring order", () => {
    expect(sameServed([a, b], [b, a])).toBe(true);
    expect(sameServed([a], [a, b])).toBe(false);
    expect(sameServed([a], [b])).toBe(false);
    expect(sameServed([], [])).toBe(true);
  });
});
