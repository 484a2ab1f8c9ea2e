import { bearerHeader, recoverSession } from "../../api/client";
import { parseHeaders, readXhrAnswer, type XhrAnswer } from "../../api/xhrAnswer";
import type { DriveFile, FileUploadFields } from "../../api/types";

export const UPLOAD_PATH = "/api/v1/files";

export type UploadRequest = {
  file: Blob;
  /** The file's name when `file` is a Blob without one (a File carries its own). */
  filename?: string;
  /** Where it goes: a folder, the top of a space, or a record (`record_type` + `record_id`). */
  fields: FileUploadFields;
  /** 0–100 as the bytes leave the browser. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
};

/** What the XMLHttpRequest answered, as `uploadFile` reads it. */
export type UploadAnswer = XhrAnswer;

/**
 * The multipart body: the destination fields first, then the content, so the server can refuse a
 * destination before the bytes arrive. Blank fields are left out.
 */
export function uploadBody({ file, filename, fields }: Pick<UploadRequest, "file" | "filename" | "fields">): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === "") continue;
    form.append(key, String(value));
  }
  const name = filename ?? (file instanceof File ? file.name : undefined);
  if (name) form.append("file", file, name);
  else form.append("file", file);
  return form;
}

/** The created file, or the ApiError the answer means (problem+json or not). */
export function readUploadAnswer(answer: UploadAnswer): DriveFile {
  return readXhrAnswer<DriveFile>(answer);
}

/** One XMLHttpRequest: resolves with the answer whatever its status; rejects only when nothing came back. */
function send(request: UploadRequest, headers: Record<string, string>): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", UPLOAD_PATH);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) request.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => resolve({ status: xhr.status, statusText: xhr.statusText, body: xhr.responseText, headers: parseHeaders(xhr.getAllResponseHeaders()) });
    // As fetch does: a network failure is a TypeError (problemText says "network error").
    xhr.onerror = () => reject(new TypeError("Network error while uploading"));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    request.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(uploadBody(request));
  });
}

/**
 * Uploads a file with the signed-in user's token through XMLHttpRequest, for its progress events.
 * A 401 refreshes the session once (as every other call does) and sends the file again.
 * Resolves with the created file; a refusal throws the same ApiError as `unwrap`.
 */
export async function uploadFile(request: UploadRequest): Promise<DriveFile> {
  const first = bearerHeader();
  let answer = await send(request, first.headers);
  if (answer.status === 401 && (await recoverSession(first.token))) {
    request.onProgress?.(0);
    answer = await send(request, bearerHeader().headers);
  }
  return readUploadAnswer(answer);
}
