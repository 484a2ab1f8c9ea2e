import dayjs, { type Dayjs } from "dayjs";
import type { CreateFollowUp, FollowUp, UpdateFollowUp } from "../../api/types";
import { subjectCustomerId, subjectRef, type FollowUpSubject } from "./followUpSubject";

/** The composer's fields: times as pickers hold them, everything else as the API names it. */
export type FollowUpFormValues = {
  kind: string;
  content: string;
  contact_id?: string | null;
  occurred_at?: Dayjs | null;
  next_follow_up_at?: Dayjs | null;
  participant_ids?: string[];
};

/** What the composer opens with: the follow-up to correct, or a new one that happened now. */
export function followUpFormValues(followUp: FollowUp | null, now: Dayjs = dayjs()): Partial<FollowUpFormValues> {
  if (!followUp) return { occurred_at: now, next_follow_up_at: null, participant_ids: [] };
  return {
    kind: followUp.kind,
    content: followUp.content,
    contact_id: followUp.contact_id ?? null,
    occurred_at: dayjs(followUp.occurred_at),
    next_follow_up_at: followUp.next_follow_up_at ? dayjs(followUp.next_follow_up_at) : null,
    participant_ids: followUp.participant_ids,
  };
}

const iso = (value: Dayjs | null | undefined) => (value ? value.toISOString() : null);

/**
 * A new follow-up's body. The time it happened is sent only when the user set it: the "now" the
 * form opened with is older than the save, and the server's own now is the better one. A lead's
 * follow-up names no contact (the server refuses one); converting the lead gives it the new one.
 */
export function newFollowUpBody(subject: FollowUpSubject, values: FollowUpFormValues, occurredSet: boolean): CreateFollowUp {
  return {
    ...subjectRef(subject),
    kind: values.kind,
    content: values.content.trim(),
    ...contactOf(subject, values),
    occurred_at: occurredSet ? iso(values.occurred_at) : null,
    next_follow_up_at: iso(values.next_follow_up_at),
    participant_ids: values.participant_ids ?? [],
  };
}

/** A correction: every field as the form shows it, so an emptied one is cleared (`null`), not kept. */
export function followUpPatch(subject: FollowUpSubject, values: FollowUpFormValues): UpdateFollowUp {
  return {
    kind: values.kind,
    content: values.content.trim(),
    ...contactOf(subject, values),
    // An emptied time keeps the recorded one: a follow-up always happened at some time.
    ...(values.occurred_at ? { occurred_at: values.occurred_at.toISOString() } : {}),
    next_follow_up_at: iso(values.next_follow_up_at),
    participant_ids: values.participant_ids ?? [],
  };
}

/** The contact field, which only a customer's composer shows. */
function contactOf(subject: FollowUpSubject, values: FollowUpFormValues): { contact_id?: string | null } {
  return subjectCustomerId(subject) === undefined ? {} : { contact_id: values.contact_id ?? null };
}
