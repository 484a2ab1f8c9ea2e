import { useState } from "react";
import { App, Button, Form, Upload, type UploadFile } from "antd";
import { PaperClipOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { problemText } from "../../../api/problem";
import type { DriveRecordType } from "../../../api/types";
import { formatBytes } from "../../../shared/format";
import { invalidateAfterUpload, useQuota } from "../api";
import { uploadFile } from "../upload";

export type Attachments = {
  /** The files chosen, with each one's upload state once saving starts. */
  files: UploadFile[];
  setFiles: (files: UploadFile[]) => void;
  /**
   * Uploads the chosen files not uploaded yet onto the record, one after another, with progress
   * in the list; resolves with the names (and reasons) of those that failed, having said so.
   */
  uploadTo: (recordType: DriveRecordType, recordId: string) => Promise<string[]>;
};

/** Files chosen for a record that does not exist yet: they are uploaded once it has been saved. */
export function useAttachments(): Attachments {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<UploadFile[]>([]);

  const uploadTo = async (record_type: DriveRecordType, record_id: string): Promise<string[]> => {
    const pending = files.filter((f) => f.originFileObj && f.status !== "done");
    if (pending.length === 0) return [];
    const update = (uid: string, change: Partial<UploadFile>) => setFiles((list) => list.map((f) => (f.uid === uid ? { ...f, ...change } : f)));
    const failed: string[] = [];
    for (const file of pending) {
      update(file.uid, { status: "uploading", percent: 0 });
      try {
        await uploadFile({ file: file.originFileObj as File, fields: { record_type, record_id }, onProgress: (percent) => update(file.uid, { percent }) });
        update(file.uid, { status: "done", percent: 100 });
      } catch (error) {
        const reason = problemText(error);
        update(file.uid, { status: "error", response: reason });
        failed.push(`${file.name}（${reason}）`);
      }
    }
    void invalidateAfterUpload(queryClient);
    if (failed.length > 0) void message.error(t("drive:attachments.failed", { names: failed.join(t("errors:listSeparator")) }), 8);
    return failed;
  };

  return { files, setFiles: (next) => setFiles(next), uploadTo };
}

/** 附件: files to attach to a record on save, chosen by button, listed with remove (and, while saving, their progress). */
export function AttachmentPicker({ attachments, enabled = true }: { attachments: Attachments; enabled?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const quota = useQuota(enabled);
  const max = quota.data?.max_file_bytes;
  return (
    <Form.Item label={t("drive:attachments.label")} extra={max ? t("drive:attachments.hint", { max: formatBytes(max) }) : t("drive:attachments.hintNoLimit")}>
      <Upload
        multiple
        fileList={attachments.files}
        beforeUpload={(file) => {
          if (max !== undefined && file.size > max) {
            void message.error(t("drive:upload.tooLarge", { name: file.name, max: formatBytes(max) }));
            return Upload.LIST_IGNORE;
          }
          // Kept in the list; uploaded once the record is saved.
          return false;
        }}
        onChange={({ fileList }) => attachments.setFiles(fileList)}
        data-testid="attachments"
      >
        <Button icon={<PaperClipOutlined />} data-testid="attachments-choose">
          {t("drive:attachments.choose")}
        </Button>
      </Upload>
    </Form.Item>
  );
}
