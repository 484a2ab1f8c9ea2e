import type { ImportEncoding } from "./types";

/** What the browser can show of a chosen file before the server reads it. */
export type FilePreview =
  | { format: "csv"; encoding: "utf-8" | "gb18030"; headers: string[]; rows: string[][] }
  | { format: "xlsx" }
  | { format: "unknown" };

/** The bytes read for a preview: enough for a header and a few rows. */
export const PREVIEW_BYTES = 64 * 1024;
/** Data rows shown under the headers. */
export const PREVIEW_ROWS = 5;

/** An XLSX (a zip) starts with "PK\x03\x04"; the server tells the kinds apart the same way. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The text of a CSV's first bytes: UTF-8 (a BOM dropped) unless the bytes are not UTF-8 or
 * GBK is chosen, then GB18030 (which reads GBK). A character cut at the end of the slice is dropped.
 */
export function decodeCsv(bytes: Uint8Array, encoding: ImportEncoding, truncated: boolean): { text: string; encoding: "utf-8" | "gb18030" } {
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (encoding !== "gbk") {
    // A slice may end inside a character: at most 3 bytes are left off before deciding.
    for (let cut = 0; cut <= (truncated ? 3 : 0); cut++) {
      try {
        return { text: new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(0, body.length - cut)), encoding: "utf-8" };
      } catch {
        // Try a shorter slice, then GBK.
      }
    }
    if (encoding === "utf8") return { text: new TextDecoder("utf-8").decode(body), encoding: "utf-8" };
  }
  return { text: new TextDecoder("gb18030").decode(body), encoding: "gb18030" };
}

/**
 * The first `limit` records of a CSV text (RFC 4180: quoted fields may hold commas, quotes as "",
 * and line breaks). A record cut off by the end of the text (`truncated`) is left out; blank
 * lines are skipped.
 */
export function parseCsvRecords(text: string, limit: number, truncated = false): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = "";
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
  };
  while (i < text.length && records.length < limit) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" || c === "\n") {
      endRecord();
      if (c === "\r" && text[i + 1] === "\n") i += 1;
    } else field += c;
    i += 1;
  }
  // The last record without a line break counts only when the whole file was read.
  if (records.length < limit && (field !== "" || record.length > 0) && !truncated && !quoted) endRecord();
  return records;
}

/** The preview of a file's first bytes: the CSV's headers and first rows, or that it is an XLSX. */
export function previewBytes(bytes: Uint8Array, encoding: ImportEncoding, truncated: boolean): FilePreview {
  if (looksLikeXlsx(bytes)) return { format: "xlsx" };
  if (bytes.length === 0) return { format: "unknown" };
  const decoded = decodeCsv(bytes, encoding, truncated);
  const [headers = [], ...rows] = parseCsvRecords(decoded.text, PREVIEW_ROWS + 1, truncated);
  return { format: "csv", encoding: decoded.encoding, headers: headers.map((h) => h.trim()), rows };
}

/** Reads a chosen file's first bytes and previews them. */
export async function previewFile(file: Blob, encoding: ImportEncoding): Promise<FilePreview> {
  const slice = file.slice(0, PREVIEW_BYTES);
  const bytes = new Uint8Array(await slice.arrayBuffer());
  return previewBytes(bytes, encoding, file.size > PREVIEW_BYTES);
}
