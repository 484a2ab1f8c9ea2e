import { describe, expect, it } from "vitest";
import {
  duplicateHeaderNames,
  headerRows,
  headersObject,
  JSON_EXAMPLE_BODY,
  placesNumber,
  smsFormValues,
  smsPayload,
  withJsonContentType,
  type SmsFormValues,
  type SmsSettings,
} from "./sms";

const saved: SmsSettings = {
  configured: true,
  url: "https://sms.example.com/send",
  method: "POST",
  headers: { "Content-Type": "application/json", "X-Api-Key": "k1" },
  body_template: JSON_EXAMPLE_BODY,
  secret_set: true,
  version: 3,
};

const values: SmsFormValues = {
  url: " https://sms.example.com/send?to={{to}} ",
  method: "POST",
  headers: [{ name: " X-Api-Key ", value: "k1 " }],
  body_template: '{"text": "{{text}}"}',
  secret: "",
};

describe("headers: rows in the form, an object on the wire", () => {
  it("shows the saved headers as rows and takes them back unchanged", () => {
    const rows = headerRows(saved.headers);
    expect(rows).toEqual([
      { name: "Content-Type", value: "application/json" },
      { name: "X-Api-Key", value: "k1" },
    ]);
    expect(headersObject(rows)).toEqual(saved.headers);
    expect(headerRows(undefined)).toEqual([]);
  });

  it("trims names, keeps values as typed and drops blank rows", () => {
    expect(headersObject([{ name: " X-Api-Key ", value: " secret " }, { name: "", value: "" }, { name: "  ", value: " " }, {}])).toEqual({ "X-Api-Key": " secret " });
    expect(headersObject(undefined)).toEqual({});
  });

  it("finds names listed twice, ignoring case", () => {
    expect([...duplicateHeaderNames([{ name: "X-Key" }, { name: "x-key " }, { name: "Other" }, { name: "" }, { name: "" }])]).toEqual(["x-key"]);
  });

  it("the JSON example adds a Content-Type once, into a blank row when there is one", () => {
    expect(withJsonContentType([{ name: "X-Api-Key", value: "k" }])).toEqual([{ name: "X-Api-Key", value: "k" }, { name: "Content-Type", value: "application/json" }]);
    expect(withJsonContentType([{ name: "", value: "" }])).toEqual([{ name: "Content-Type", value: "application/json" }]);
    const own = [{ name: "content-type", value: "application/json; charset=utf-8" }];
    expect(withJsonContentType(own)).toEqual(own);
  });
});

describe("smsFormValues", () => {
  it("starts a gateway never saved at POST with nothing filled in", () => {
    expect(smsFormValues({ configured: false, headers: {}, secret_set: false, version: 0, url: null, method: null, body_template: null })).toEqual({
      url: "",
      method: "POST",
      headers: [],
      body_template: "",
      secret: "",
    });
  });

  it("never holds the secret, only whether one is set (on the settings)", () => {
    expect(smsFormValues(saved).secret).toBe("");
  });
});

describe("smsPayload: the secret is write-only", () => {
  it("leaves the secret out when the field is blank, so the stored one stays", () => {
    expect(smsPayload(values, { remove: false })).not.toHaveProperty("secret");
    expect(smsPayload({ ...values, secret: undefined }, { remove: false })).not.toHaveProperty("secret");
  });

  it("replaces it with a typed secret, as typed", () => {
    expect(smsPayload({ ...values, secret: " s3cret " }, { remove: false }).secret).toBe(" s3cret ");
  });

  it("sends null when the user chose to remove it, whatever the field holds", () => {
    expect(smsPayload({ ...values, secret: "ignored" }, { remove: true }).secret).toBeNull();
  });

  it("trims the URL and sends headers as an object", () => {
    expect(smsPayload(values, { remove: false })).toEqual({
      url: "https://sms.example.com/send?to={{to}}",
      method: "POST",
      headers: { "X-Api-Key": "k1 " },
      body_template: '{"text": "{{text}}"}',
    });
  });

  it("sends no body for GET, whatever the template field still holds", () => {
    expect(smsPayload({ ...values, method: "GET" }, { remove: false }).body_template).toBe("");
  });
});

describe("placesNumber", () => {
  it("wants {{to}} in the URL or, except for GET, in the body", () => {
    expect(placesNumber({ url: "https://x/send?to={{to}}", method: "GET", body_template: "" })).toBe(true);
    expect(placesNumber({ url: "https://x/send", method: "POST", body_template: '{"p":"{{to}}"}' })).toBe(true);
    expect(placesNumber({ url: "https://x/send", method: "GET", body_template: '{"p":"{{to}}"}' })).toBe(false);
    expect(placesNumber({ url: "https://x/send", method: "PUT", body_template: "" })).toBe(false);
  });
});
