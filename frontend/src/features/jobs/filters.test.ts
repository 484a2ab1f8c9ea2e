import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { formValues, jobQuery, urlFilters } from "./filters";

describe("job filters", () => {
  it("sends the URL's filters as the list's query, dropping unknown statuses", () => {
    const query = jobQuery({ status: "dead,bogus,queued", kind: "system.purge", from: "2026-12-01", to: "2026-12-06" });
    expect(query.status).toBe("dead,queued");
    expect(query.kind).toBe("system.purge");
    expect(query.created_at_from).toBe(dayjs("2026-12-01").startOf("day").toISOString());
    expect(query.created_at_to).toBe(dayjs("2026-12-06").endOf("day").toISOString());
    expect(jobQuery({ status: "bogus", from: "yesterday" })).toEqual({ status: undefined, kind: undefined, created_at_from: undefined, created_at_to: undefined });
  });

  it("keeps the search form in the URL and reads it back", () => {
    const from = dayjs("2026-12-01");
    const url = urlFilters({ status: ["dead"], kind: ["customers.apply_pool_rules", "system.purge"], created: [from, null] });
    expect(url).toEqual({ status: "dead", kind: "customers.apply_pool_rules,system.purge", from: "2026-12-01", to: undefined });
    const back = formValues({ status: url.status, kind: url.kind, from: url.from });
    expect(back.status).toEqual(["dead"]);
    expect(back.kind).toEqual(["customers.apply_pool_rules", "system.purge"]);
    expect(back.created?.[0]?.format("YYYY-MM-DD")).toBe("2026-12-01");
    expect(back.created?.[1]).toBeNull();
    // A blank form clears every filter, and an empty URL is an empty form.
    expect(urlFilters({})).toEqual({ status: undefined, kind: undefined, from: undefined, to: undefined });
    expect(formValues({})).toEqual({});
  });
});
