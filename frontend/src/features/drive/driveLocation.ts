import type { DriveSpace, FileUploadFields } from "../../api/types";

/** The drive page's left column: the three spaces and what others share with the user. */
export type DriveView = DriveSpace | "shared";
export const DRIVE_VIEWS: readonly DriveView[] = ["personal", "department", "company", "shared"];

/** The URL parameters the drive page keeps its place in (with `page`), so a reload and Back return to it. */
export const DRIVE_PARAMS = ["space", "folder", "q"] as const;
export type DriveParam = (typeof DRIVE_PARAMS)[number];

export type DriveLocation = {
  view: DriveView;
  /** The folder shown; none: the top of the space (or the list of what is shared). */
  folder?: string;
  /** Words searched for in the names of the space's files and folders (anywhere in the space). */
  q?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The place the URL names; an unknown space is the personal one, a malformed folder id none. */
export function readDriveLocation(params: Partial<Record<DriveParam, string>>): DriveLocation {
  const view = DRIVE_VIEWS.find((v) => v === params.space) ?? "personal";
  const folder = params.folder && UUID.test(params.folder) ? params.folder : undefined;
  const q = params.q?.trim() || undefined;
  return { view, ...(folder ? { folder } : {}), ...(q ? { q } : {}) };
}

/** The URL parameters for a place; the personal space is the default and left out. */
export function driveParams(location: DriveLocation): Record<DriveParam, string | undefined> {
  return { space: location.view === "personal" ? undefined : location.view, folder: location.folder, q: location.q };
}

/** Where in the API the space or the shared list is: `space=` or `shared=true`. */
function scope(view: DriveView): { space?: DriveSpace; shared?: boolean } {
  return view === "shared" ? { shared: true } : { space: view };
}

/** GET /folders for the place: a search covers the space, a folder its sub-folders, else the top. */
export function folderListQuery(location: DriveLocation) {
  if (location.q) return { ...scope(location.view), q: location.q, page: 1, page_size: 200, sort: "name" };
  if (location.folder) return { parent_id: location.folder, page: 1, page_size: 200, sort: "name" };
  return { ...scope(location.view), ...(location.view === "shared" ? {} : { parent_id: "root" }), page: 1, page_size: 200, sort: "name" };
}

/** GET /files for the place, one page of it. */
export function fileListQuery(location: DriveLocation, page: { page: number; page_size: number; sort?: string }) {
  const paging = { page: page.page, page_size: page.page_size, sort: page.sort ?? "name" };
  if (location.q) return { ...scope(location.view), q: location.q, ...paging };
  if (location.folder) return { folder_id: location.folder, ...paging };
  return { ...scope(location.view), ...(location.view === "shared" ? {} : { folder_id: "root" }), ...paging };
}

/** Where an upload or a new folder goes from here: the folder shown, else the top of the space; nowhere at the top of "shared". */
export function destination(location: DriveLocation): { folder_id: string } | { space: DriveSpace } | null {
  if (location.folder) return { folder_id: location.folder };
  if (location.view === "shared" || location.q) return null;
  return { space: location.view };
}

export function uploadFields(location: DriveLocation): FileUploadFields {
  return destination(location) ?? {};
}

/**
 * Whether the user may change what is in this view, by permission: the company space takes
 * changes from holders of `files:manage` only; elsewhere the server decides per folder (a share
 * may be read-only, which it answers with `drive.read_only`).
 */
export function mayChangeIn(view: DriveView, can: (code: "files:manage") => boolean): boolean {
  return view !== "company" || can("files:manage");
}
