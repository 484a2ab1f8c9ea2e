import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { filtersFromForm } from "./filters";

describe("audit log filters", () => {
  it("drops blanks", () => {
    expect(filtersFromForm({ entity: "  ", entity_id: "", actor_id: undefined, range: null })).toEqual({
      entity: undefined,
      entity_id: undefined,
      actor_id: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it("sends the range as whole days in RFC 3339", () => {
    const filters = filtersFromForm({ entity: " users ", range: [dayjs("2026-11-01T10:00:00"), dayjs("2026-11-02T08:00:00")] });
    expect(filters.entity).toBe("users");
    expect(filters.from).toBe(dayjs("2026-11-01T00:00:00").toISOString());
    expect(filters.to).toBe(dayjs("2026-11-02T23:59:59.999").toISOString());
    expect(filters.from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
