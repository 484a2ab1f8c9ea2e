import { describe, expect, it } from "vitest";
import { DEFAULT_PORTS, formValues, portAfterSecurityChange, smtpPayload, splitFieldErrors, type SmtpFormValues } from "./smtp";

const values: SmtpFormValues = {
  host: " smtp.example.com ",
  port: 587,
  security: "starttls",
  username: "crm@example.com",
  password: "",
  from: "crm@example.com ",
  from_name: "",
};

describe("smtpPayload: the password is write-only", () => {
  it("leaves the password out when the field is blank, so the stored one stays", () => {
    const body = smtpPayload(values, { clear: false });
    expect("password" in body).toBe(false);
    expect(smtpPayload({ ...values, password: undefined }, { clear: false })).not.toHaveProperty("password");
  });

  it("sends a typed password as typed", () => {
    expect(smtpPayload({ ...values, password: " s3cret " }, { clear: false }).password).toBe(" s3cret ");
  });

  it("sends null when the user chose 清除密码, whatever the field holds", () => {
    expect(smtpPayload({ ...values, password: "ignored" }, { clear: true }).password).toBeNull();
    expect(smtpPayload(values, { clear: true }).password).toBeNull();
  });

  it("trims the addresses and sends blank optional fields as null", () => {
    expect(smtpPayload({ ...values, username: "  " }, { clear: false })).toEqual({
      host: "smtp.example.com",
      port: 587,
      security: "starttls",
      username: null,
      from: "crm@example.com",
      from_name: null,
    });
  });

  it("falls back to the security's usual port when the port is empty", () => {
    expect(smtpPayload({ ...values, port: null, security: "tls" }, { clear: false }).port).toBe(465);
  });
});

describe("portAfterSecurityChange", () => {
  it("moves a usual port to the new security's usual one", () => {
    expect(portAfterSecurityChange(587, "starttls", "tls")).toBe(465);
    expect(portAfterSecurityChange(465, "tls", "none")).toBe(25);
    expect(portAfterSecurityChange(25, "none", "starttls")).toBe(587);
  });

  it("keeps a port the user chose", () => {
    expect(portAfterSecurityChange(2525, "none", "starttls")).toBe(2525);
    // 465 is TLS's usual port, but the previous security was STARTTLS: it was chosen, it stays.
    expect(portAfterSecurityChange(465, "starttls", "none")).toBe(465);
  });

  it("fills an empty port", () => {
    expect(portAfterSecurityChange(null, "none", "tls")).toBe(DEFAULT_PORTS.tls);
    expect(portAfterSecurityChange(undefined, undefined, "none")).toBe(25);
  });
});

describe("formValues", () => {
  it("starts a server never configured at STARTTLS on 587, password blank", () => {
    expect(formValues({ configured: false, password_set: false, password_from_environment: false, version: 0 })).toEqual({
      host: "",
      port: 587,
      security: "starttls",
      username: "",
      password: "",
      from: "",
      from_name: "",
    });
  });

  it("shows the saved settings, never a password", () => {
    const form = formValues({ configured: true, host: "127.0.0.1", port: 2525, security: "none", username: null, password_set: true, password_from_environment: false, from: "crm@example.com", from_name: "CRM", version: 3 });
    expect(form).toMatchObject({ host: "127.0.0.1", port: 2525, security: "none", username: "", password: "", from: "crm@example.com", from_name: "CRM" });
  });
});

describe("splitFieldErrors", () => {
  it("puts the form's fields on the form and keeps the rest", () => {
    const errors = [
      { field: "host", code: "invalid", message: "a host name or IP address" },
      { field: "port", code: "invalid", message: "a port from 1 to 65535" },
      { field: "other", code: "invalid", message: "?" },
    ];
    const { onForm, rest } = splitFieldErrors(errors);
    expect(onForm.map((e) => e.field)).toEqual(["host", "port"]);
    expect(rest.map((e) => e.field)).toEqual(["other"]);
  });
});
