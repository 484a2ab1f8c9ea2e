import { ApiError, parseProblem } from "./problem";

/** What an XMLHttpRequest answered (uploads use XHR for their progress), whatever its status. */
export type XhrAnswer = { status: number; statusText: string; body: string; headers: Headers };

/** `getAllResponseHeaders()` as Headers. */
export function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(":");
    if (at > 0) {
      try {
        headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      } catch {
        // A header the Headers class refuses is not one we read.
      }
    }
  }
  return headers;
}

/** The JSON a 2xx answer holds, or the ApiError any other answer means. */
export function readXhrAnswer<T>(answer: XhrAnswer): T {
  let body: unknown = answer.body;
  try {
    body = answer.body ? (JSON.parse(answer.body) as unknown) : undefined;
  } catch {
    // Not JSON (a proxy's error page): parseProblem keeps a short text as the detail.
  }
  if (answer.status >= 200 && answer.status < 300) return body as T;
  throw new ApiError(answer.status, parseProblem(body, { status: answer.status, statusText: answer.statusText }), answer.headers);
}
