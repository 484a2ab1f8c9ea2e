import { describe, expect, it } from "vitest";
import { limitsBody, limitsForm, toBytes, toSizeValue } from "./driveLimits";

const GB = 1024 ** 3;
const MB = 1024 ** 2;

describe("drive limits in MB and GB", () => {
  it("shows a size in GB when it is a round number of them, else in MB", () => {
    expect(toSizeValue(10 * GB)).toEqual({ value: 10, unit: "GB" });
    expect(toSizeValue(1.5 * GB)).toEqual({ value: 1.5, unit: "GB" });
    expect(toSizeValue(512 * MB)).toEqual({ value: 512, unit: "MB" });
    expect(toSizeValue(1000 * MB)).toEqual({ value: 1000, unit: "MB" });
  });

  it("turns a size back into whole bytes, and a blank one into null", () => {
    expect(toBytes({ value: 2, unit: "GB" })).toBe(2 * GB);
    expect(toBytes({ value: 0.5, unit: "MB" })).toBe(512 * 1024);
    expect(toBytes({ value: null, unit: "MB" })).toBeNull();
  });

  it("round-trips the server's limits", () => {
    const limits = { user_quota_bytes: 10 * GB, company_quota_bytes: 1024 * GB, max_file_bytes: 300 * MB };
    expect(limitsBody(limitsForm(limits))).toEqual(limits);
  });
});
