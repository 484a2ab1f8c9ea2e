import { afterAll, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { deliveryErrorText, deliveryQuery, deliveryStatusView } from "./deliveries";
import { webhookFormValues, webhookQuery } from "./filters";

describe("the delivery log", () => {
  const before = i18n.language;
  afterAll(() => void i18n.changeLanguage(before));

  it("tags delivered green and failed red, in the user's language", async () => {
    await i18n.changeLanguage("zh-CN");
    const zh = i18n.t.bind(i18n);
    expect(deliveryStatusView(zh, "delivered")).toEqual({ text: "成功", color: "success" });
    expect(deliveryStatusView(zh, "failed")).toEqual({ text: "失败", color: "error" });
    expect(deliveryStatusView(zh, "cancelled")).toEqual({ text: "cancelled", color: "default" });
    await i18n.changeLanguage("en");
    expect(deliveryStatusView(i18n.t.bind(i18n), "failed").text).toBe("Failed");
  });

  it("asks only for the filters that are set", () => {
    expect(deliveryQuery({})).toEqual({});
    expect(deliveryQuery({ status: "failed", event: "customer.updated" })).toEqual({ status: "failed", event: "customer.updated" });
    expect(deliveryQuery({ status: "bogus", event: "" })).toEqual({});
  });

  it("words the server's reasons in Chinese, keeping the receiver's and the network's own words", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.t.bind(i18n);
    expect(deliveryErrorText(t, "the receiver answered 500: busy")).toBe("接收方返回 500：busy");
    expect(deliveryErrorText(t, "the receiver answered 503: ")).toBe("接收方返回 503");
    expect(deliveryErrorText(t, "no answer within 10 s")).toBe("10 秒内未收到响应");
    expect(deliveryErrorText(t, "cannot connect: Connection refused (os error 111)")).toBe("无法连接接收方（Connection refused (os error 111)）");
    expect(deliveryErrorText(t, "the request failed")).toBe("请求失败");
    expect(deliveryErrorText(t, "refused: 127.0.0.1 is not a public address")).toBe("未发送：127.0.0.1 不是公网地址");
    expect(deliveryErrorText(t, "refused: hooks.internal resolves to 10.0.0.5, which is not a public address")).toBe("未发送：hooks.internal 解析为 10.0.0.5，不是公网地址");
    expect(deliveryErrorText(t, "refused: localhost is this machine")).toBe("未发送：localhost 就是本服务器");
    expect(deliveryErrorText(t, "the signing secret cannot be opened (the server's secret changed); set a new one")).toContain("签名密钥");
    expect(deliveryErrorText(t, "something new")).toBe("something new");
  });

  it("words them in English too", async () => {
    await i18n.changeLanguage("en");
    const t = i18n.t.bind(i18n);
    expect(deliveryErrorText(t, "the receiver answered 500: busy")).toBe("The receiver answered 500: busy");
    expect(deliveryErrorText(t, "a redirect was refused: too many redirects")).toBe("The receiver redirected elsewhere, which is not followed (too many redirects)");
  });
});

describe("the webhooks list's filters", () => {
  it("reads enabled as a boolean and drops what is not one", () => {
    expect(webhookQuery({ q: " erp ", enabled: "true" })).toEqual({ q: "erp", enabled: true });
    expect(webhookQuery({ enabled: "false" })).toEqual({ enabled: false });
    expect(webhookQuery({ q: " ", enabled: "yes" })).toEqual({});
    expect(webhookFormValues({ enabled: "maybe", q: "x" })).toEqual({ q: "x", enabled: undefined });
  });
});
