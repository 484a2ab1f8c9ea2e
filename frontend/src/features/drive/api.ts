import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { DriveShareInput, FileLink } from "../../api/types";
import { resourceApi } from "../../shared/resource/resourceApi";

/** The caller's and the company's use of the drive; uploads and deletes change it. */
export const quotaKey = ["drive", "quota"] as const;

/** Files: the drive's and records' attachments (`customer_id` lists a customer's with its contacts' and follow-ups'). */
export const filesApi = resourceApi("/api/v1/files", { alsoInvalidates: [quotaKey] });
export const foldersApi = resourceApi("/api/v1/folders");

/** What an upload changes: the file lists and the quotas. */
export function invalidateAfterUpload(queryClient: QueryClient): Promise<unknown> {
  return filesApi.invalidate(queryClient);
}

export function useQuota(enabled = true) {
  return useQuery({ queryKey: quotaKey, queryFn: () => unwrap(api.GET("/api/v1/drive/quota")), enabled });
}

/** A link to a file's content that works without the bearer header for five minutes (`<a href>`, `<img src>`). */
export function fileLink(id: string, inline: boolean): Promise<FileLink> {
  return unwrap(api.POST("/api/v1/files/{id}/link", { params: { path: { id }, query: { inline } } }));
}

export type ShareTarget = { kind: "file" | "folder"; id: string };

const sharesKey = (target: ShareTarget) => [target.kind === "file" ? "files" : "folders", "shares", target.id] as const;

export function useShares(target: ShareTarget | null) {
  return useQuery({
    queryKey: target ? sharesKey(target) : ["drive", "shares", "none"],
    queryFn: () =>
      target!.kind === "file"
        ? unwrap(api.GET("/api/v1/files/{id}/shares", { params: { path: { id: target!.id } } }))
        : unwrap(api.GET("/api/v1/folders/{id}/shares", { params: { path: { id: target!.id } } })),
    enabled: target !== null,
  });
}

/** Replaces the whole set of shares of a file or folder. */
export function useSaveShares() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, shares }: { target: ShareTarget; shares: DriveShareInput[] }) =>
      target.kind === "file"
        ? unwrap(api.PUT("/api/v1/files/{id}/shares", { params: { path: { id: target.id } }, body: { shares } }))
        : unwrap(api.PUT("/api/v1/folders/{id}/shares", { params: { path: { id: target.id } }, body: { shares } })),
    onSuccess: (_, { target }) => queryClient.invalidateQueries({ queryKey: sharesKey(target) }),
  });
}

const trashKey = ["drive", "trash"] as const;

/** What the user deleted from the drive, newest first. */
export function useTrash(page: number, enabled: boolean) {
  return useQuery({
    queryKey: [...trashKey, page],
    queryFn: () => unwrap(api.GET("/api/v1/drive/trash", { params: { query: { page, page_size: 20 } } })),
    enabled,
  });
}

/** Brings back a deleted file (it counts against the quota again) or folder. */
export function useRestore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: "file" | "folder"; id: string }) =>
      kind === "file"
        ? unwrap(api.POST("/api/v1/files/{id}/restore", { params: { path: { id } } }))
        : unwrap(api.POST("/api/v1/folders/{id}/restore", { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: trashKey }), filesApi.invalidate(queryClient), foldersApi.invalidate(queryClient)]),
  });
}
