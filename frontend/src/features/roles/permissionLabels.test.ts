import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TFunction } from "i18next";
import { i18n } from "../../i18n";
import type { PermissionCode } from "../../api/types";
import { permissionActionLabel, permissionLabel, permissionModuleLabel } from "../../shared/systemText";

// The permission codes of the generated union (`PermissionCode`, from OpenAPI), read from the
// generated file itself: a permission the server adds shows up here on the next `gen:api`, and
// this test fails until it has words in both languages.
const schema = readFileSync(join(__dirname, "../../api/schema.d.ts"), "utf8");
const union = /NewRole: \{[\s\S]*?permissions\?: \(([^)]*)\)\[\]/.exec(schema)?.[1] ?? "";
const CODES = [...union.matchAll(/"([a-z_]+:[a-z_]+)"/g)].map((m) => m[1] as PermissionCode);

const LANGUAGES = ["zh-CN", "en"] as const;
const LATIN = /[A-Za-z]/;
const HAN = /\p{Script=Han}/u;

function load(language: string): { modules: Record<string, string>; actions: Record<string, string>; permissions: Record<string, Record<string, string>> } {
  return JSON.parse(readFileSync(join(__dirname, "../../i18n", language, "roles.json"), "utf8"));
}

describe("permission labels", () => {
  it("reads the generated union", () => {
    expect(CODES.length).toBeGreaterThan(100);
    expect(CODES).toContain("customers:read");
    expect(CODES).toContain("users:reset_password");
  });

  it.each(LANGUAGES)("has a label, a module and an action for every permission in %s", (language) => {
    const roles = load(language);
    const missing: string[] = [];
    for (const code of CODES) {
      const [module = "", action = ""] = code.split(":");
      if (!roles.permissions[module]?.[action]) missing.push(`permissions.${module}.${action}`);
      if (!roles.modules[module]) missing.push(`modules.${module}`);
      if (!roles.actions[action]) missing.push(`actions.${action}`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it.each(LANGUAGES)("keeps no label for a permission the server no longer has (%s)", (language) => {
    const known = new Set<string>(CODES);
    const stale = Object.entries(load(language).permissions).flatMap(([module, actions]) => Object.keys(actions).map((action) => `${module}:${action}`)).filter((code) => !known.has(code));
    expect(stale).toEqual([]);
  });

  it("says it in Chinese in 中文 and in English in English: no codes, no words of the other language", () => {
    const zh = load("zh-CN");
    const en = load("en");
    const zhTexts = [...Object.values(zh.modules), ...Object.values(zh.actions), ...Object.values(zh.permissions).flatMap((a) => Object.values(a))];
    expect(zhTexts.filter((text) => LATIN.test(text))).toEqual([]);
    const enTexts = [...Object.values(en.modules), ...Object.values(en.actions), ...Object.values(en.permissions).flatMap((a) => Object.values(a))];
    expect(enTexts.filter((text) => HAN.test(text) || /[a-z]+_[a-z]+/.test(text))).toEqual([]);
  });

  it("gives the same wording to the same action across modules (查看/新建/编辑/删除/导出/导入 + the module)", () => {
    const zh = load("zh-CN");
    const verbs: Record<string, string> = { read: "查看", create: "新建", update: "编辑", delete: "删除", export: "导出", import: "导入", transfer: "转移", assign: "分配", approve: "审批" };
    const odd: string[] = [];
    for (const code of CODES) {
      const [module = "", action = ""] = code.split(":");
      const verb = verbs[action];
      const label = zh.permissions[module]?.[action] ?? "";
      // A few read better in their own words (上传云盘文件, 处理审批, 查看导入记录, 发起数据导入, 查看导出记录, 发起后台导出).
      if (verb && !label.startsWith(verb) && !["files:create", "approvals:approve", "imports:read", "imports:create", "exports:read", "exports:create"].includes(code)) odd.push(`${code}: ${label}`);
    }
    expect(odd).toEqual([]);
  });

  it("shows the SPA's words, falling back to the catalogue's and then the code for a permission it does not know", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.t.bind(i18n) as TFunction;
    expect(permissionLabel(t, "customers:read", "客户：查看")).toBe("查看客户");
    expect(permissionModuleLabel(t, "webhooks", "Webhook")).toBe("事件推送");
    expect(permissionActionLabel(t, "reset_password")).toBe("重置密码");
    expect(permissionLabel(t, "robots:dance", "机器人：跳舞")).toBe("机器人：跳舞");
    expect(permissionLabel(t, "robots:dance")).toBe("robots:dance");
    await i18n.changeLanguage("en");
    expect(permissionLabel(t, "customers:claim")).toBe("Claim customers from the public pool");
    expect(permissionModuleLabel(t, "robots", "Robots")).toBe("Robots");
  });
});
