import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { interactionFilters } from "./filters";

describe("interaction filters", () => {
  it("drops blanks", () => {
    expect(interactionFilters({ q: "  ", kinds: [] })).toEqual({
      q: undefined,
      kind: undefined,
      owner_id: undefined,
      occurred_at_from: undefined,
      occurred_at_to: undefined,
    });
  });

  it("joins kinds and sends the range as whole days", () => {
    const from = dayjs("2026-11-01T15:00:00");
    const to = dayjs("2026-11-24T09:00:00");
    const filters = interactionFilters({ q: " 报价 ", kinds: ["call", "visit"], owner_id: "u1", occurred: [from, to] });
    expect(filters).toEqual({
      q: "报价",
      kind: "call,visit",
      owner_id: "u1",
      occurred_at_from: from.startOf("day").toISOString(),
      occurred_at_to: to.endOf("day").toISOString(),
    });
  });
});
