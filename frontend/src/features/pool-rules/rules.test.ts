import { describe, expect, it } from "vitest";
import { formValues, rulesBody } from "./rules";

describe("pool rules form", () => {
  it("sends a blank limit as null (rule off) and keeps numbers", () => {
    expect(
      rulesBody({ enabled: true, exempt_won: false, return_after_days_without_follow_up: 30, max_customers_per_owner: undefined, reclaim_cooldown_days: null }),
    ).toEqual({
      enabled: true,
      exempt_won: false,
      return_after_days_without_follow_up: 30,
      return_after_days_without_deal: null,
      max_customers_per_owner: null,
      reclaim_cooldown_days: null,
    });
  });

  it("round-trips the server's state", () => {
    const state = {
      enabled: false,
      exempt_won: true,
      return_after_days_without_follow_up: null,
      return_after_days_without_deal: 90,
      max_customers_per_owner: 200,
      reclaim_cooldown_days: 7,
      version: 3,
    };
    const { version: _version, ...body } = state;
    expect(rulesBody(formValues(state))).toEqual(body);
  });
});
