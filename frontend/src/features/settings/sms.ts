import type { components } from "../../api/schema";

export type SmsSettings = components["schemas"]["SmsSettings"];
export type SmsInput = components["schemas"]["SmsInput"];
export type SmsMethod = components["schemas"]["SmsMethod"];
export type SmsTestResult = components["schemas"]["SmsTestResult"];

export const SMS_METHODS: readonly SmsMethod[] = ["POST", "PUT", "GET"];

/** What a gateway never saved starts with. */
export const DEFAULT_METHOD: SmsMethod = "POST";

/** The placeholders the server fills in: the number (E.164) and the message. */
export const PLACEHOLDERS = ["{{to}}", "{{text}}"] as const;

/** The body the "JSON example" button fills in, with the header it needs. */
export const JSON_EXAMPLE_BODY = '{"phone": "{{to}}", "content": "{{text}}"}';
export const JSON_CONTENT_TYPE = "application/json";

/** One header as the form edits it: a row with a name and a value. */
export type HeaderRow = { name?: string; value?: string };

/** The form's values. The secret field holds only a new secret; blank means "keep". */
export type SmsFormValues = {
  url: string;
  method: SmsMethod;
  headers: HeaderRow[];
  body_template?: string;
  secret?: string;
};

/** What happens to the stored secret on save (the "remove secret" action). */
export type SecretAction = { remove: boolean };

/** The saved headers as rows, in the server's (name) order. */
export function headerRows(headers: Record<string, string> | undefined): HeaderRow[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }));
}

/** The rows as the server takes them: names trimmed, rows left blank dropped. Values are sent as typed (a key may end in a space). */
export function headersObject(rows: readonly HeaderRow[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const row of rows ?? []) {
    const name = row.name?.trim() ?? "";
    const value = row.value ?? "";
    if (name === "" && value.trim() === "") continue;
    headers[name] = value;
  }
  return headers;
}

/** The names that appear more than once (ignoring case, as HTTP does), lower-cased. */
export function duplicateHeaderNames(rows: readonly HeaderRow[] | undefined): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const row of rows ?? []) {
    const name = row.name?.trim().toLowerCase() ?? "";
    if (name === "") continue;
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  return duplicates;
}

/** The saved settings as the form shows them. */
export function smsFormValues(settings: SmsSettings | undefined): SmsFormValues {
  return {
    url: settings?.url ?? "",
    method: settings?.method ?? DEFAULT_METHOD,
    headers: headerRows(settings?.headers),
    body_template: settings?.body_template ?? "",
    secret: "",
  };
}

/**
 * The PUT body. A GET has no body, so its template goes out empty (the server refuses one).
 * The secret is write-only: left out it keeps the stored one, `null` removes it (the
 * "remove secret" action), a string replaces it — sent as typed.
 */
export function smsPayload(values: SmsFormValues, secret: SecretAction): SmsInput {
  const body: SmsInput = {
    url: values.url.trim(),
    method: values.method,
    headers: headersObject(values.headers),
    body_template: values.method === "GET" ? "" : (values.body_template ?? ""),
  };
  if (secret.remove) body.secret = null;
  else if (values.secret !== undefined && values.secret !== "") body.secret = values.secret;
  return body;
}

/** The rows after the "JSON example" button: a Content-Type is added unless one is there. */
export function withJsonContentType(rows: readonly HeaderRow[] | undefined): HeaderRow[] {
  const list = [...(rows ?? [])];
  if (list.some((row) => row.name?.trim().toLowerCase() === "content-type")) return list;
  // A blank row left for typing takes the header; otherwise it goes last.
  const blank = list.findIndex((row) => (row.name?.trim() ?? "") === "" && (row.value?.trim() ?? "") === "");
  const header = { name: "Content-Type", value: JSON_CONTENT_TYPE };
  if (blank === -1) list.push(header);
  else list[blank] = header;
  return list;
}

/** Whether the number goes somewhere: the server refuses settings where neither the URL nor the body holds `{{to}}`. */
export function placesNumber(values: Pick<SmsFormValues, "url" | "method" | "body_template">): boolean {
  return values.url.includes("{{to}}") || (values.method !== "GET" && (values.body_template ?? "").includes("{{to}}"));
}
