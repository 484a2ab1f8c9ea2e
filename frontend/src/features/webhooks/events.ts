import type { TFunction } from "i18next";

/** The catalogue's "every event", also those added later. */
export const ALL_EVENTS = "*";
/** The event of "send test". */
export const PING = "ping";

/** `customer.created` → resource `customer`, verb `created`; a name without a dot has neither. */
export function eventParts(event: string): { resource: string; verb: string } | undefined {
  const dot = event.indexOf(".");
  if (dot <= 0 || dot === event.length - 1) return undefined;
  return { resource: event.slice(0, dot), verb: event.slice(dot + 1) };
}

/** A text of the namespace, or undefined where it has none (the caller then words it itself). */
function text(t: TFunction, key: string, options: Record<string, unknown> = {}): string | undefined {
  const value = t(key, { ...options, defaultValue: "" });
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `purchase_order` → `purchase order`: a code people can still read. */
function spaced(code: string): string {
  return code.replace(/[_.]+/g, " ").trim();
}

/** One space between words, none at the ends, a capital first letter (no-op for Chinese). */
function tidy(label: string): string {
  const one = label.replace(/\s+/g, " ").trim();
  return one.charAt(0).toUpperCase() + one.slice(1);
}

/** A record type of the catalogue in the user's language (客户 / customer), or its code spaced out. */
export function eventResourceLabel(t: TFunction, resource: string): string {
  return text(t, `webhooks:events.resources.${resource}`) ?? spaced(resource);
}

/**
 * An event for people: 新建客户 / Customer created. The change some records add has its own words
 * (合同生效); other names are put together from the record type and the verb, so an event this
 * SPA does not know yet (`ticket.escalated`) still reads sensibly, and a name of neither form
 * shows as it is.
 */
export function eventLabel(t: TFunction, event: string): string {
  if (event === ALL_EVENTS) return t("webhooks:events.all");
  if (event === PING) return t("webhooks:events.ping");
  const parts = eventParts(event);
  if (!parts) return event;
  const special = text(t, `webhooks:events.special.${parts.resource}.${parts.verb}`);
  if (special) return special;
  const known = text(t, `webhooks:events.resources.${parts.resource}`);
  // Within a phrase an unknown type stands apart from the words around it (新建 ticket).
  const verb = text(t, `webhooks:events.verbs.${parts.verb}`, { resource: known ?? ` ${spaced(parts.resource)} ` });
  return tidy(verb ?? t("webhooks:events.other", { resource: known ?? spaced(parts.resource), verb: spaced(parts.verb) }));
}

export type EventOption = { value: string; label: string };
export type EventGroup = { label: string; title: string; options: EventOption[] };

/**
 * The catalogue as a select's options: "all events" first, then the events grouped by record
 * type in the catalogue's order. Events already chosen that the catalogue lacks (renamed since)
 * stay choosable, so a form can show and remove them.
 */
export function eventOptions(t: TFunction, catalogue: readonly string[], chosen: readonly string[] = []): (EventOption | EventGroup)[] {
  const names = [...catalogue, ...chosen.filter((event) => !catalogue.includes(event))];
  const top: EventOption[] = [];
  const groups = new Map<string, EventGroup>();
  for (const event of names) {
    const option = { value: event, label: eventLabel(t, event) };
    const parts = eventParts(event);
    if (!parts) {
      top.push(option);
      continue;
    }
    let group = groups.get(parts.resource);
    if (!group) {
      group = { label: eventResourceLabel(t, parts.resource), title: parts.resource, options: [] };
      groups.set(parts.resource, group);
    }
    group.options.push(option);
  }
  // "All events" leads whatever order the server lists it in.
  top.sort((a, b) => Number(b.value === ALL_EVENTS) - Number(a.value === ALL_EVENTS));
  return [...top, ...groups.values()];
}

/**
 * The events chosen after a change of the select: choosing "all events" replaces the others (it
 * includes them), choosing an event while "all" is chosen narrows to that event.
 */
export function nextEventSelection(previous: readonly string[], next: readonly string[]): string[] {
  if (next.includes(ALL_EVENTS) && !previous.includes(ALL_EVENTS)) return [ALL_EVENTS];
  if (previous.includes(ALL_EVENTS) && next.length > 1) return next.filter((event) => event !== ALL_EVENTS);
  return [...next];
}

/** The operation log's name of an event's record type (`customer` → `customers`, `opportunity` → `opportunities`). */
export function eventEntity(event: string): string | undefined {
  const parts = eventParts(event);
  if (!parts) return undefined;
  const { resource } = parts;
  return /[^aeiou]y$/.test(resource) ? `${resource.slice(0, -1)}ies` : `${resource}s`;
}

/** A webhook's change history reads its events by name (新建客户, 修改客户) rather than by code. */
export function eventsHistoryText(t: TFunction): (field: string, value: unknown, empty: string) => string | undefined {
  return (field, value, empty) =>
    field === "events" && Array.isArray(value) ? value.map((event) => eventLabel(t, String(event))).join(t("common:history.separator")) || empty : undefined;
}
