import type { FormInstance } from "antd";
import { i18n } from "../i18n";

export type FieldProblem = { field: string; code?: string; message: string };

/** RFC 9457 problem details as the API sends them. */
export type Problem = {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  /** Also in the server log and the X-Request-Id header; shown for server errors. */
  request_id?: string;
  errors: FieldProblem[];
  /** Batch requests: the ids that do not exist or lie outside the caller's data scope. */
  missing_ids?: string[];
  /** The problem's other members, e.g. `children` and `products` of a category still in use. */
  extra?: Record<string, unknown>;
};

const KNOWN_MEMBERS = new Set(["type", "title", "status", "detail", "code", "request_id", "errors", "missing_ids", "instance"]);

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly headers: Headers | undefined;

  constructor(status: number, problem: Problem, headers?: Headers) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }

  /** Seconds from a Retry-After header (429), when present. */
  get retryAfter(): number | undefined {
    const value = this.headers?.get("Retry-After");
    if (!value) return undefined;
    const seconds = Number(value);
    return Number.isFinite(seconds) ? seconds : undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a problem body defensively: anything missing gets a sensible default. */
export function parseProblem(body: unknown, response?: { status: number; statusText?: string }): Problem {
  const status = response?.status ?? 0;
  if (!isRecord(body)) {
    return {
      title: response?.statusText || `HTTP ${status}`,
      status,
      detail: typeof body === "string" && body.length > 0 && body.length < 500 ? body : undefined,
      errors: [],
    };
  }
  const errors: FieldProblem[] = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((e) => ({
        field: typeof e.field === "string" ? e.field : "",
        code: typeof e.code === "string" ? e.code : undefined,
        message: typeof e.message === "string" ? e.message : String(e.code ?? ""),
      }))
    : [];
  return {
    type: typeof body.type === "string" ? body.type : undefined,
    title: typeof body.title === "string" ? body.title : `HTTP ${status}`,
    status: typeof body.status === "number" ? body.status : status,
    detail: typeof body.detail === "string" ? body.detail : undefined,
    code: typeof body.code === "string" ? body.code : undefined,
    request_id: typeof body.request_id === "string" ? body.request_id : undefined,
    errors,
    missing_ids: Array.isArray(body.missing_ids) ? body.missing_ids.filter((id): id is string => typeof id === "string") : undefined,
    ...extraMembers(body),
  };
}

function extraMembers(body: Record<string, unknown>): { extra?: Record<string, unknown> } {
  const entries = Object.entries(body).filter(([key]) => !KNOWN_MEMBERS.has(key));
  return entries.length > 0 ? { extra: Object.fromEntries(entries) } : {};
}

/** A field path such as `roles[0].id` or `address.city` as an antd NamePath. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the problem's field errors on the form fields that exist. Returns the errors that matched
 * no field, so the caller can show them (with the detail) in a message instead.
 */
export function applyProblemToForm(form: FormInstance, problem: Problem): FieldProblem[] {
  const known = new Set(
    Object.keys(form.getFieldsValue(true) as Record<string, unknown>),
  );
  const onForm: FieldProblem[] = [];
  const unmatched: FieldProblem[] = [];
  for (const error of problem.errors) {
    const path = fieldPath(error.field);
    const head = path[0];
    if (typeof head === "string" && known.has(head)) onForm.push(error);
    else unmatched.push(error);
  }
  form.setFields(onForm.map((error) => ({ name: fieldPath(error.field), errors: [fieldErrorText(error)] })));
  return unmatched;
}

/**
 * Server text is English; the UI speaks the user's language. A code with a translation is shown
 * translated (in every language); a code without one falls back to the server's text in English
 * and to a generic message by status in Chinese, so no English reaches the 中文 UI.
 */
function serverTextAllowed(): boolean {
  return !i18n.language?.startsWith("zh");
}

function translated(key: string, options?: Record<string, unknown>): string | undefined {
  return i18n.exists(key) ? i18n.t(key, options) : undefined;
}

/**
 * An error text by its key under `errors` (the first pages' texts: generic, sign-in, the older
 * modules') or, failing that, under `moduleErrors` (the texts of modules' own codes, which load
 * with the feature pages that can meet them, keeping them off the first page).
 */
function errorText(key: string, options?: Record<string, unknown>): string | undefined {
  return translated(`errors:${key}`, options) ?? translated(`moduleErrors:${key}`, options);
}

/** The field a server error names, by its last plain segment: `items[0].user_id` → `user_id`. */
function fieldName(field: string): string {
  const parts = fieldPath(field).filter((p): p is string => typeof p === "string");
  return parts[parts.length - 1] ?? field;
}

/** A field error's text for under the field (no label): by field and code, then by code. */
export function fieldErrorText(error: FieldProblem): string {
  const name = fieldName(error.field);
  const n = /\d+/.exec(error.message)?.[0];
  if (error.code) {
    const text =
      errorText(`fieldCode.${name}.${error.code}`) ??
      (n !== undefined ? errorText(`field.${error.code}_n`, { n }) : undefined) ??
      errorText(`field.${error.code}`);
    if (text) return text;
  }
  if (serverTextAllowed() && error.message) return error.message;
  return i18n.t("errors:field.invalid");
}

/** A field's label for a message that names it: the form's label, a known field name, or the field itself. */
export function fieldLabel(field: string, labels?: (field: string) => string | undefined): string {
  const name = fieldName(field);
  return labels?.(field) ?? labels?.(name) ?? errorText(`fieldNames.${name}`) ?? field;
}

/** A field error with its field's label, for a message outside the form. */
export function labelledFieldErrorText(error: FieldProblem, labels?: (field: string) => string | undefined): string {
  const message = fieldErrorText(error);
  if (!error.field) return message;
  return i18n.t("errors:withField", { label: fieldLabel(error.field, labels), message });
}

/** The text of a problem code (`contract.not_in_force`) in the user's language, when the SPA has one. */
export function problemCodeText(code: string): string | undefined {
  return errorText(`problem.${code}`);
}

/** The problem's own message (without its field errors), in the user's language. */
export function problemMessage(problem: Problem): string {
  const byCode = problem.code ? errorText(`problem.${problem.code}`) : undefined;
  if (byCode) {
    // Names the server lists beside the code (a category's children and products) are data, not text.
    const names = Object.values(problem.extra ?? {}).flatMap((value) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []));
    return names.length > 0 ? i18n.t("errors:withNames", { message: byCode, names: names.join(i18n.t("errors:listSeparator")) }) : byCode;
  }
  if (serverTextAllowed() && (problem.detail || problem.title)) return problem.detail ?? problem.title;
  return translated(`errors:generic.${problem.status}`) ?? i18n.t("errors:generic.other", { status: problem.status });
}

/** A one-line text for a failed call, for a toast. */
export function problemText(error: unknown, labels?: (field: string) => string | undefined): string {
  if (error instanceof ApiError) {
    const { problem } = error;
    const head = problemMessage(problem);
    const fieldText = problem.errors.map((e) => labelledFieldErrorText(e, labels));
    const requestId = problem.status >= 500 && problem.request_id ? [i18n.t("errors:requestId", { id: problem.request_id })] : [];
    return [head, ...fieldText, ...requestId].filter(Boolean).join("; ");
  }
  if (error instanceof TypeError && !serverTextAllowed()) return i18n.t("errors:generic.network");
  return error instanceof Error ? error.message : String(error);
}
