import { afterAll, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { webhookFormErrors } from "./formErrors";

// The 422 the server answers a webhook it refuses (crm-domain webhooks.rs, records.rs).
const REFUSED = [
  { field: "name", code: "required", message: "required" },
  { field: "url", code: "private_target", message: "127.0.0.1 is not a public address; an administrator may allow private targets" },
  { field: "events[0]", code: "unknown", message: "'nope' is not an event; see GET /webhooks/events" },
  { field: "events[2]", code: "duplicate", message: "named twice" },
  { field: "secret", code: "invalid", message: "16 to 200 characters, no control characters" },
  { field: "owner_id", code: "invalid", message: "something else" },
];
const EVENTS = ["nope", "customer.created", "customer.created"];

describe("webhook form errors", () => {
  const before = i18n.language;
  afterAll(() => void i18n.changeLanguage(before));

  it("puts each error on its field in Chinese, an event's on the events naming it", async () => {
    await i18n.changeLanguage("zh-CN");
    const { fields, rest } = webhookFormErrors(i18n.t.bind(i18n), REFUSED, EVENTS);
    const on = Object.fromEntries(fields.map((f) => [f.name, f.errors]));
    expect(on.name).toEqual(["必填"]);
    expect(on.url?.[0]).toContain("内网地址");
    expect(on.events).toEqual(["“nope”不是本系统推送的事件", "“新建客户”选择了两次"]);
    expect(on.secret).toEqual(["签名密钥须为 16–200 个字符，且不能包含控制字符"]);
    expect(rest.map((e) => e.field)).toEqual(["owner_id"]);
    // No server English reaches the form.
    expect(JSON.stringify(fields)).not.toMatch(/public address|named twice|characters/);
  });

  it("words them in English", async () => {
    await i18n.changeLanguage("en");
    const { fields } = webhookFormErrors(
      i18n.t.bind(i18n),
      [
        { field: "secret", code: "required", message: "x" },
        { field: "url", code: "invalid", message: "an http:// or https:// address" },
        { field: "events", code: "required", message: "name at least one event, or *" },
      ],
      [],
    );
    const on = Object.fromEntries(fields.map((f) => [f.name, f.errors]));
    expect(on.secret).toEqual(["A new webhook needs a signing secret (16 to 200 characters)"]);
    expect(on.url).toEqual(["an http:// or https:// address of at most 2000 characters"]);
    expect(on.events).toEqual(["required"]);
  });

  it("says an error once per field", async () => {
    await i18n.changeLanguage("zh-CN");
    const { fields } = webhookFormErrors(
      i18n.t.bind(i18n),
      [
        { field: "events[0]", code: "duplicate", message: "" },
        { field: "events[1]", code: "duplicate", message: "" },
      ],
      ["*", "*"],
    );
    expect(fields).toEqual([{ name: "events", errors: ["“全部事件”选择了两次"] }]);
  });
});
