import { afterAll, describe, expect, it } from "vitest";
import { i18n, loadAllTexts } from "../../i18n";
import { durationText, fieldLabel, rowErrorColumn, rowErrorReason } from "./labels";
import { problemKey } from "./problems";
import { ROW_CODES } from "./status";
import { IMPORT_FIELDS } from "./fields";

describe("import texts", () => {
  const before = i18n.language;
  afterAll(() => void i18n.changeLanguage(before));

  it.each(["zh-CN", "en"])("has every row code, field and wizard problem in %s", async (language) => {
    await i18n.changeLanguage(language);
    await loadAllTexts();
    const t = i18n.getFixedT(language);
    for (const code of ROW_CODES) expect(i18n.exists(`imports:codes.${code}`), code).toBe(true);
    for (const [entity, { fields }] of Object.entries(IMPORT_FIELDS)) {
      for (const field of fields) expect(fieldLabel(t, entity, field), `${entity}.${field}`).not.toBe(field);
    }
    const documented = [
      ["file", "empty"], ["file", "unreadable"], ["file", "too_many"], ["file", "required"], ["mapping", "unknown_field"], ["mapping", "unknown_column"],
      ["columns", "duplicate"], ["columns", "missing"], ["on_duplicate", "unsupported"], ["mode", "invalid"], ["encoding", "invalid"], ["atomic", "invalid"],
    ];
    for (const [field = "", code] of documented) expect(i18n.exists(`imports:problems.${problemKey({ field, code })}`), `${field} ${code}`).toBe(true);
  });

  it("words a row error in Chinese whatever the server said", async () => {
    await i18n.changeLanguage("zh-CN");
    await loadAllTexts();
    const t = i18n.getFixedT("zh-CN");
    expect(rowErrorReason(t, { code: "unknown_choice", field: "industry", message: "'芯片' is not in the industry dictionary" })).toBe("不是允许的选项");
    expect(rowErrorReason(t, { code: "too_short", field: "name", message: "English" })).toMatch(/[\u4e00-\u9fff]/);
    expect(rowErrorColumn(t, "customers", { column: null, field: "name" })).toBe("客户名称");
    expect(rowErrorColumn(t, "customers", { column: null, field: null })).toBe("（整行）");
    expect(fieldLabel(t, "customers", "brand_new")).toBe("brand_new");
    expect(durationText(t, 1500, "—")).toBe("1.5 秒");
    // A payment row refused by the record's rules, in the user's words too.
    expect(rowErrorReason(t, { code: "contract.not_in_force", field: null, message: "payments and invoices belong to a contract that took effect" })).toBe("合同生效后才能登记回款或开票");
    expect(rowErrorReason(t, { code: "over_contract", field: "amount", message: "at most 400.00" })).toMatch(/[\u4e00-\u9fff]/);
    expect(rowErrorColumn(t, "payments", { column: null, field: "contract_id" })).toBe("合同编号");
    expect(rowErrorColumn(t, "opportunities", { column: null, field: "stage_id" })).toBe("销售阶段");
    // `on_duplicate: update`'s refusals.
    expect(rowErrorReason(t, { code: "duplicate_ambiguous", field: "phone", message: "the phone is that of existing customer …" })).toBe("与多条已有记录重复，未作更改");
    expect(rowErrorReason(t, { code: "duplicate_forbidden", field: "name", message: "the existing customer is not yours to change" })).toBe("无权修改该已有记录");
  });
});
