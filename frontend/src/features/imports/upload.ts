import { bearerHeader, recoverSession } from "../../api/client";
import { parseHeaders, readXhrAnswer, type XhrAnswer } from "../../api/xhrAnswer";
import type { Import, ImportEncoding, ImportEntity, ImportMode, OnDuplicate } from "./types";

export const IMPORTS_PATH = "/api/v1/imports";

/** The options of one upload, as the multipart fields of `POST /imports` (ImportUpload). */
export type ImportOptions = {
  entity: ImportEntity;
  mode: ImportMode;
  encoding: ImportEncoding;
  onDuplicate: OnDuplicate;
  atomic: boolean;
  /** Column header → field ("" leaves it out); empty sends no mapping. */
  mapping: Readonly<Record<string, string>>;
};

/** The multipart body: the options first, the file last. */
export function importBody(file: File, options: ImportOptions): FormData {
  const form = new FormData();
  form.append("entity", options.entity);
  form.append("mode", options.mode);
  form.append("encoding", options.encoding);
  form.append("on_duplicate", options.onDuplicate);
  form.append("atomic", options.atomic ? "true" : "false");
  if (Object.keys(options.mapping).length > 0) form.append("mapping", JSON.stringify(options.mapping));
  form.append("file", file, file.name);
  return form;
}

type Answer = XhrAnswer;

/** The import the answer holds, or the ApiError it means. */
export function readImportAnswer(answer: Answer): Import {
  return readXhrAnswer<Import>(answer);
}

function send(file: File, options: ImportOptions, headers: Record<string, string>, language: string, onProgress?: (percent: number) => void, signal?: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", IMPORTS_PATH);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    if (language) xhr.setRequestHeader("Accept-Language", language);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText, body: xhr.responseText, headers: parseHeaders(xhr.getAllResponseHeaders()) });
    xhr.onerror = () => reject(new TypeError("Network error while uploading"));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(importBody(file, options));
  });
}

/**
 * Uploads a file for an import (dry run or commit) through XMLHttpRequest, for its progress; a
 * 401 refreshes the session once and sends it again. Resolves with the queued import (202).
 */
export async function uploadImport(file: File, options: ImportOptions, extra: { language?: string; onProgress?: (percent: number) => void; signal?: AbortSignal } = {}): Promise<Import> {
  const first = bearerHeader();
  let answer = await send(file, options, first.headers, extra.language ?? "", extra.onProgress, extra.signal);
  if (answer.status === 401 && (await recoverSession(first.token))) {
    extra.onProgress?.(0);
    answer = await send(file, options, bearerHeader().headers, extra.language ?? "", extra.onProgress, extra.signal);
  }
  return readImportAnswer(answer);
}
