import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { FollowUp } from "../../api/types";
import { followUpFormValues, followUpPatch, newFollowUpBody } from "./followUpForm";

const recorded: FollowUp = {
  id: "f1",
  customer_id: "c1",
  kind: "visit",
  content: "拜访",
  contact_id: "p1",
  occurred_at: "2026-12-01T02:00:00Z",
  next_follow_up_at: null,
  participant_ids: ["u2"],
  owner_id: "u1",
  version: 3,
  created_at: "2026-12-01T02:00:00Z",
};

describe("follow-up form", () => {
  it("opens a new follow-up at now, a recorded one with its values", () => {
    const now = dayjs("2026-12-06T10:00:00Z");
    expect(followUpFormValues(null, now).occurred_at?.toISOString()).toBe(now.toISOString());
    const values = followUpFormValues(recorded);
    expect(values.occurred_at?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(values).toMatchObject({ kind: "visit", contact_id: "p1", next_follow_up_at: null, participant_ids: ["u2"] });
  });

  it("leaves the time to the server unless the user set it, and keeps a typed one", () => {
    const values = { kind: "phone", content: "  报价  ", occurred_at: dayjs("2026-12-05T08:30:00Z"), next_follow_up_at: dayjs("2026-12-07T01:00:00Z") };
    expect(newFollowUpBody({ customerId: "c1" }, values, false)).toEqual({
      customer_id: "c1",
      kind: "phone",
      content: "报价",
      contact_id: null,
      occurred_at: null,
      next_follow_up_at: "2026-12-07T01:00:00.000Z",
      participant_ids: [],
    });
    expect(newFollowUpBody({ customerId: "c1" }, values, true).occurred_at).toBe("2026-12-05T08:30:00.000Z");
  });

  it("clears an emptied contact or next time on a correction, but never the time it happened", () => {
    const patch = followUpPatch({ customerId: "c1" }, { kind: "visit", content: "拜访", contact_id: undefined, occurred_at: null, next_follow_up_at: null, participant_ids: [] });
    expect(patch).toEqual({ kind: "visit", content: "拜访", contact_id: null, next_follow_up_at: null, participant_ids: [] });
  });

  it("names the lead instead of a customer, and no contact, for a lead's follow-up", () => {
    const values = { kind: "phone", content: " 初次电话 ", occurred_at: dayjs("2026-12-05T08:30:00Z"), next_follow_up_at: null, participant_ids: ["u2"] };
    expect(newFollowUpBody({ leadId: "l1" }, values, false)).toEqual({
      lead_id: "l1",
      kind: "phone",
      content: "初次电话",
      occurred_at: null,
      next_follow_up_at: null,
      participant_ids: ["u2"],
    });
    expect(followUpPatch({ leadId: "l1" }, values)).not.toHaveProperty("contact_id");
  });
});
