import { describe, expect, it } from "vitest";
import { decodeCsv, looksLikeXlsx, parseCsvRecords, previewBytes } from "./preview";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("parseCsvRecords", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const text = 'name,remark\r\n"A, Ltd.","say ""hi"""\n"B","two\nlines"\n';
    expect(parseCsvRecords(text, 10)).toEqual([
      ["name", "remark"],
      ["A, Ltd.", 'say "hi"'],
      ["B", "two\nlines"],
    ]);
  });

  it("stops after the limit and skips blank lines", () => {
    expect(parseCsvRecords("a\n\nb\nc\nd\n", 2)).toEqual([["a"], ["b"]]);
  });

  it("keeps a last line without a break, unless the text was cut off there", () => {
    expect(parseCsvRecords("a,b\n1,2", 10)).toEqual([["a", "b"], ["1", "2"]]);
    expect(parseCsvRecords("a,b\n1,2", 10, true)).toEqual([["a", "b"]]);
  });

  it("keeps empty cells", () => {
    expect(parseCsvRecords(",x,\n", 5)).toEqual([["", "x", ""]]);
  });
});

describe("decodeCsv", () => {
  it("reads UTF-8 and drops a BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("客户名称\n")]);
    expect(decodeCsv(bytes, "auto", false)).toEqual({ text: "客户名称\n", encoding: "utf-8" });
  });

  it("falls back to GBK for bytes that are not UTF-8", () => {
    // 客户 in GBK.
    const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7]);
    expect(decodeCsv(gbk, "auto", false)).toEqual({ text: "客户", encoding: "gb18030" });
    expect(decodeCsv(gbk, "gbk", false).text).toBe("客户");
  });

  it("does not take a UTF-8 character cut by the slice for GBK", () => {
    const bytes = utf8("名称");
    expect(decodeCsv(bytes.subarray(0, bytes.length - 1), "auto", true)).toEqual({ text: "名", encoding: "utf-8" });
  });
});

describe("previewBytes", () => {
  it("shows a CSV's headers and first rows", () => {
    const preview = previewBytes(utf8(" 客户名称 ,行业\n甲,芯片\n乙,\n"), "auto", false);
    expect(preview).toEqual({ format: "csv", encoding: "utf-8", headers: ["客户名称", "行业"], rows: [["甲", "芯片"], ["乙", ""]] });
  });

  it("at most five rows", () => {
    const text = ["h", "1", "2", "3", "4", "5", "6", "7"].join("\n");
    const preview = previewBytes(utf8(text), "auto", false);
    expect(preview.format === "csv" && preview.rows.length).toBe(5);
  });

  it("tells an XLSX by its zip signature", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(looksLikeXlsx(zip)).toBe(true);
    expect(previewBytes(zip, "auto", false)).toEqual({ format: "xlsx" });
    expect(previewBytes(new Uint8Array(), "auto", false)).toEqual({ format: "unknown" });
  });
});
