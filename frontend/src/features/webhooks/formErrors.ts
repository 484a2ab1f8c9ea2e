import type { TFunction } from "i18next";
import { fieldErrorText, fieldPath, type FieldProblem } from "../../api/problem";
import { eventLabel } from "./events";

/** The webhook form's fields, as the API names them. */
export const WEBHOOK_FORM_FIELDS = ["name", "url", "events", "secret", "enabled"] as const;
export type WebhookFormField = (typeof WEBHOOK_FORM_FIELDS)[number];

function isFormField(name: unknown): name is WebhookFormField {
  return typeof name === "string" && (WEBHOOK_FORM_FIELDS as readonly string[]).includes(name);
}

/** One field error in the user's language, worded for a webhook where the shared words do not fit. */
function webhookErrorText(t: TFunction, error: FieldProblem, field: WebhookFormField, index: number | undefined, events: readonly string[]): string {
  const event = index === undefined ? undefined : events[index];
  switch (`${field}.${error.code ?? ""}`) {
    case "events.unknown":
      return event ? t("webhooks:form.errors.eventUnknown", { event }) : fieldErrorText(error);
    case "events.duplicate":
      return event ? t("webhooks:form.errors.eventDuplicate", { event: eventLabel(t, event) }) : fieldErrorText(error);
    case "secret.required":
      return t("webhooks:form.errors.secretRequired");
    case "secret.invalid":
      return t("webhooks:form.errors.secretInvalid");
    case "url.private_target":
      return t("webhooks:form.errors.privateTarget");
    default:
      return fieldErrorText(error);
  }
}

export type WebhookFormErrors = {
  /** Errors for the form's fields, one entry per field. */
  fields: { name: WebhookFormField; errors: string[] }[];
  /** Errors of no field of the form, to show beside it. */
  rest: FieldProblem[];
};

/**
 * A refused save's field errors for the webhook form: an event's (`events[2]`) goes on the events
 * select naming the event, the secret's and a private URL's say what a webhook needs.
 */
export function webhookFormErrors(t: TFunction, errors: readonly FieldProblem[], events: readonly string[]): WebhookFormErrors {
  const byField = new Map<WebhookFormField, string[]>();
  const rest: FieldProblem[] = [];
  for (const error of errors) {
    const [head, index] = fieldPath(error.field);
    if (!isFormField(head)) {
      rest.push(error);
      continue;
    }
    const texts = byField.get(head) ?? [];
    const line = webhookErrorText(t, error, head, typeof index === "number" ? index : undefined, events);
    if (!texts.includes(line)) texts.push(line);
    byField.set(head, texts);
  }
  return { fields: [...byField.entries()].map(([name, texts]) => ({ name, errors: texts })), rest };
}
