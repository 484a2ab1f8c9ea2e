import { useRef, useState } from "react";
import { App, Upload, type UploadFile, type UploadProps } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { problemText } from "../../../api/problem";
import type { DriveFile, FileUploadFields } from "../../../api/types";
import { formatBytes } from "../../../shared/format";
import { invalidateAfterUpload, useQuota } from "../api";
import { uploadFile } from "../upload";

/** How long a finished upload stays in the list with its full bar. */
const DONE_LINGER_MS = 2500;

/**
 * Uploads chosen or dropped files to `fields` (a folder, a space's top, a record) with a progress
 * bar each; one list shared by every Upload the props are spread on (a button and a drop area).
 * A file over the size limit is refused before it is sent; a refusal stays in the list with why.
 */
export function useUploads({ fields, onUploaded }: { fields: FileUploadFields; onUploaded?: (file: DriveFile) => void }): UploadProps {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const quota = useQuota();
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const destination = useRef(fields);
  destination.current = fields;
  const maxBytes = quota.data?.max_file_bytes;

  const settle = (uid: string, change: Partial<UploadFile>) => setFileList((list) => list.map((f) => (f.uid === uid ? { ...f, ...change } : f)));

  return {
    multiple: true,
    fileList,
    beforeUpload: (file) => {
      if (maxBytes !== undefined && file.size > maxBytes) {
        void message.error(t("drive:upload.tooLarge", { name: file.name, max: formatBytes(maxBytes) }));
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    onChange: ({ fileList: next }) => setFileList(next),
    customRequest: ({ file, onProgress, onSuccess, onError }) => {
      const chosen = file as File & { uid: string };
      uploadFile({ file: chosen, fields: destination.current, onProgress: (percent) => onProgress?.({ percent }) }).then(
        (created) => {
          onSuccess?.(created);
          void invalidateAfterUpload(queryClient);
          onUploaded?.(created);
          setTimeout(() => setFileList((list) => list.filter((f) => f.uid !== chosen.uid)), DONE_LINGER_MS);
        },
        (error: unknown) => {
          const text = problemText(error);
          onError?.(error instanceof Error ? error : new Error(text));
          // The list shows `response` as the reason beside the failed file.
          settle(chosen.uid, { status: "error", response: text });
          void message.error(t("drive:upload.failed", { name: chosen.name, reason: text }));
        },
      );
    },
  };
}
