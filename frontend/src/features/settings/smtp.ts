import type { components } from "../../api/schema";

export type SmtpSettings = components["schemas"]["SmtpSettings"];
export type SmtpInput = components["schemas"]["SmtpInput"];
export type SmtpSecurity = components["schemas"]["SmtpSecurity"];
export type SmtpTestResult = components["schemas"]["SmtpTestResult"];

export const SECURITIES: readonly SmtpSecurity[] = ["none", "starttls", "tls"];

/** The port each kind of connection usually takes: plain SMTP 25, submission with STARTTLS 587, SMTPS 465. */
export const DEFAULT_PORTS: Record<SmtpSecurity, number> = { none: 25, starttls: 587, tls: 465 };

/** What a fresh server's form starts with. */
export const DEFAULT_SECURITY: SmtpSecurity = "starttls";

/**
 * The port after the security changes: a port left at the old security's usual one (or none yet)
 * moves to the new one's; a port someone chose themselves stays.
 */
export function portAfterSecurityChange(port: number | null | undefined, from: SmtpSecurity | undefined, to: SmtpSecurity): number | null | undefined {
  if (port === null || port === undefined) return DEFAULT_PORTS[to];
  if (from !== undefined && port === DEFAULT_PORTS[from]) return DEFAULT_PORTS[to];
  return port;
}

/** The form's values. The password field holds only a new password; blank means "keep". */
export type SmtpFormValues = {
  host: string;
  port: number | null;
  security: SmtpSecurity;
  username?: string;
  password?: string;
  from: string;
  from_name?: string;
};

/** What happens to the stored password on save. */
export type PasswordAction = { clear: boolean };

/** The saved settings as the form shows them; a server never saved starts at STARTTLS on 587. */
export function formValues(settings: SmtpSettings | undefined): SmtpFormValues {
  const security = settings?.security ?? DEFAULT_SECURITY;
  return {
    host: settings?.host ?? "",
    port: settings?.port ?? DEFAULT_PORTS[security],
    security,
    username: settings?.username ?? "",
    password: "",
    from: settings?.from ?? "",
    from_name: settings?.from_name ?? "",
  };
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

/**
 * The PUT body. The password is write-only: left out it keeps the stored one, `null` removes it
 * (the 清除密码 action), a string sets it. A password is sent as typed (spaces may belong to it).
 */
export function smtpPayload(values: SmtpFormValues, password: PasswordAction): SmtpInput {
  const body: SmtpInput = {
    host: values.host.trim(),
    port: values.port ?? DEFAULT_PORTS[values.security],
    security: values.security,
    username: blankToNull(values.username),
    from: values.from.trim(),
    from_name: blankToNull(values.from_name),
  };
  if (password.clear) body.password = null;
  else if (values.password !== undefined && values.password !== "") body.password = values.password;
  return body;
}

/** The form's fields a 422 may name. */
export const SMTP_FIELDS = ["host", "port", "security", "username", "password", "from", "from_name"] as const;
export type SmtpField = (typeof SMTP_FIELDS)[number];

/** A 422's field errors split into those on the form's fields and the rest (shown as a message). */
export function splitFieldErrors<E extends { field: string }>(errors: readonly E[]): { onForm: (E & { field: SmtpField })[]; rest: E[] } {
  const onForm: (E & { field: SmtpField })[] = [];
  const rest: E[] = [];
  for (const error of errors) {
    if ((SMTP_FIELDS as readonly string[]).includes(error.field)) onForm.push(error as E & { field: SmtpField });
    else rest.push(error);
  }
  return { onForm, rest };
}
