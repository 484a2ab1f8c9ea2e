/**
 * Whom follow-ups are with: a customer, or a lead (until it converts; its follow-ups then join
 * the customer and keep the lead). The tab, the composer and the list query take one of these.
 */
export type FollowUpSubject = { customerId: string } | { leadId: string };

/** The customer's id, or undefined for a lead (a lead has no contacts to name). */
export function subjectCustomerId(subject: FollowUpSubject): string | undefined {
  return "customerId" in subject ? subject.customerId : undefined;
}

/** The subject as the API names it: the list's filter and a new follow-up's reference. */
export function subjectRef(subject: FollowUpSubject): { customer_id: string } | { lead_id: string } {
  return "customerId" in subject ? { customer_id: subject.customerId } : { lead_id: subject.leadId };
}
