import type { DriveFile } from "../../api/types";

/** What a file looks like in a list, by its sniffed type (and its name's extension for Office files, which sniff as zip). */
export type FileKind = "image" | "pdf" | "word" | "excel" | "ppt" | "archive" | "text" | "audio" | "video" | "other";

const BY_EXTENSION: Record<string, FileKind> = {
  doc: "word",
  docx: "word",
  odt: "word",
  xls: "excel",
  xlsx: "excel",
  ods: "excel",
  csv: "excel",
  ppt: "ppt",
  pptx: "ppt",
  odp: "ppt",
};

export function fileKind(file: Pick<DriveFile, "mime" | "name">): FileKind {
  const mime = file.mime.toLowerCase();
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (mime.startsWith("image/")) return "image";
  if (mime === "application/pdf") return "pdf";
  if (BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  if (mime.includes("word")) return "word";
  if (mime.includes("spreadsheet") || mime.includes("excel")) return "excel";
  if (mime.includes("presentation") || mime.includes("powerpoint")) return "ppt";
  if (/zip|x-7z|x-rar|x-tar|gzip/.test(mime)) return "archive";
  if (mime.startsWith("text/") || mime === "application/json") return "text";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("video/")) return "video";
  return "other";
}

/** How a file opens in the browser: a picture in the image viewer, a PDF in a new tab; anything else only downloads. */
export function previewMode(file: Pick<DriveFile, "mime" | "previewable">): "image" | "tab" | null {
  if (!file.previewable) return null;
  return file.mime.toLowerCase().startsWith("image/") ? "image" : "tab";
}
