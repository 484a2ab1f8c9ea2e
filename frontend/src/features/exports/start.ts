import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";

/**
 * `POST /exports`: the server makes the list's file in the background into the user's drive. The
 * export button loads this module when the user asks, so the list pages carry none of it.
 */
export function startExport(body: components["schemas"]["NewExport"], language: string) {
  return unwrap(api.POST("/api/v1/exports", { body, headers: { "Accept-Language": language } }));
}
