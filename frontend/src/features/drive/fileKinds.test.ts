import { describe, expect, it } from "vitest";
import { formatBytes } from "../../shared/format";
import { fileKind, previewMode } from "./fileKinds";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [980, "980 B"],
    [1024, "1 KB"],
    [1536, "1.5 KB"],
    [1.5 * 1024 * 1024, "1.5 MB"],
    [1024 * 1024 - 1, "1 MB"],
    [10 * 1024 ** 3, "10 GB"],
    [1024 ** 4, "1 TB"],
  ])("%d bytes is %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it("says nothing for a missing or impossible size", () => {
    expect(formatBytes(undefined)).toBe("—");
    expect(formatBytes(-1, "-")).toBe("-");
  });
});

describe("file kinds", () => {
  it("reads the sniffed type, and the extension for Office files that sniff as zip", () => {
    expect(fileKind({ mime: "image/png", name: "a.png" })).toBe("image");
    expect(fileKind({ mime: "application/pdf", name: "报价单.pdf" })).toBe("pdf");
    expect(fileKind({ mime: "application/zip", name: "合同.docx" })).toBe("word");
    expect(fileKind({ mime: "application/zip", name: "a.zip" })).toBe("archive");
    expect(fileKind({ mime: "text/plain", name: "a.txt" })).toBe("text");
    expect(fileKind({ mime: "application/octet-stream", name: "a.bin" })).toBe("other");
  });

  it("previews pictures in the viewer, PDFs in a tab, nothing else", () => {
    expect(previewMode({ mime: "image/jpeg", previewable: true })).toBe("image");
    expect(previewMode({ mime: "application/pdf", previewable: true })).toBe("tab");
    expect(previewMode({ mime: "text/plain", previewable: false })).toBeNull();
  });
});
