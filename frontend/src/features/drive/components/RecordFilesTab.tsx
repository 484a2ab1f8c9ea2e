import { useState } from "react";
import { Button, Grid, Space, Table, Tooltip, Typography, Upload, type TableColumnsType } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DriveFile } from "../../../api/types";
import { EmptyState } from "../../../shared/components/EmptyState";
import { formatBytes, formatDateTimeShort } from "../../../shared/format";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { usePermission } from "../../auth/api";
import { filesApi } from "../api";
import { FileIcon } from "../FileIcon";
import { DropZone } from "./DropZone";
import { RenameModal, type RenameTarget } from "./RenameModal";
import { useFileOpen } from "./useFileOpen";
import { useUploads } from "./useUploads";

const PAGE_SIZE = 20;

type Props = {
  customerId: string;
  /** Why the customer may not be changed here (read only, say): then nothing is uploaded to it. */
  editBlocked?: string;
};

/**
 * 文件: a customer's attachments with its contacts' and follow-ups' (GET /files?customer_id=),
 * newest first; upload by button or by dropping files (onto the customer), download, preview,
 * rename and delete as the user's permissions allow. On a phone each file is a card.
 */
export function CustomerFilesTab({ customerId, editBlocked }: Props) {
  const { t } = useTranslation();
  const can = usePermission();
  const phone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const files = filesApi.useList({ customer_id: customerId, page, page_size: PAGE_SIZE, sort: "-created_at" });
  const remove = filesApi.useDelete();
  const open = useFileOpen();
  const [renaming, setRenaming] = useState<RenameTarget>(null);
  const uploads = useUploads({ fields: { record_type: "customer", record_id: customerId } });
  const mayUpload = can("files:create") && !editBlocked;
  const none = t("common:values.none");

  const actions = useActionsColumn<DriveFile>({
    fixed: false,
    inline: phone ? 0 : 2,
    actions: [
      { key: "download", label: t("drive:actions.download"), permission: "files:read", testId: "file-download", onClick: (f) => open.download(f) },
      { key: "preview", label: t("drive:actions.preview"), permission: "files:read", testId: "file-preview", hidden: (f) => !f.previewable, onClick: (f) => open.preview(f) },
      { key: "rename", label: t("drive:actions.rename"), permission: "files:update", testId: "file-rename", blocked: () => editBlocked, onClick: (f) => setRenaming({ kind: "file", record: f }) },
    ],
    remove: { permission: "files:delete", name: (f) => f.name, onDelete: (f) => remove.mutateAsync(f), blockedReason: () => editBlocked, testId: "file-delete" },
  });

  const nameCell = (f: DriveFile) => (
    <Space size={8} align="start" style={{ minWidth: 0 }}>
      <FileIcon file={f} />
      <Typography.Link
        onClick={() => void (f.previewable ? open.preview(f) : open.download(f))}
        style={{ wordBreak: "break-all" }}
        title={f.previewable ? t("drive:actions.preview") : t("drive:actions.download")}
        data-testid="file-name"
      >
        {f.name}
      </Typography.Link>
    </Space>
  );
  const attachedTo = (f: DriveFile) => (f.record_type ? t(`drive:recordTypes.${f.record_type}`) : none);

  const columns: TableColumnsType<DriveFile> = phone
    ? [
        {
          key: "card",
          title: t("drive:fields.name"),
          render: (_, f) => (
            <Space direction="vertical" size={2} style={{ width: "100%" }} data-testid="file-card">
              {nameCell(f)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[formatBytes(f.size), f.uploaded_by_name || none, formatDateTimeShort(f.created_at)].join(" · ")}
              </Typography.Text>
            </Space>
          ),
        },
        ...actions,
      ]
    : [
        { key: "name", title: t("drive:fields.name"), render: (_, f) => nameCell(f) },
        { key: "record", title: t("drive:fields.attachedTo"), width: 96, render: (_, f) => attachedTo(f) },
        { key: "size", title: t("drive:fields.size"), width: 100, align: "right", render: (_, f) => <span style={{ whiteSpace: "nowrap" }}>{formatBytes(f.size)}</span> },
        { key: "uploader", title: t("drive:fields.uploadedBy"), width: 180, render: (_, f) => f.uploaded_by_name || none },
        { key: "created_at", title: t("drive:fields.createdAt"), width: 150, render: (_, f) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTimeShort(f.created_at)}</span> },
        ...actions,
      ];

  const uploadButton = can("files:create") && (
    <Tooltip title={editBlocked}>
      <span>
        <Upload {...uploads} showUploadList={phone} disabled={!mayUpload}>
          <Button type="primary" icon={<UploadOutlined />} disabled={!mayUpload} data-testid="files-upload">
            {t("drive:actions.upload")}
          </Button>
        </Upload>
      </span>
    </Tooltip>
  );

  return (
    <div data-testid="customer-files">
      {uploadButton && <div style={{ marginBottom: 12 }}>{uploadButton}</div>}
      {/* Nothing is dragged on a phone: the button alone, with the progress under it. */}
      {mayUpload && !phone && (
        <div style={{ marginBottom: 12 }}>
          <DropZone uploads={uploads} testId="files-dropzone" />
        </div>
      )}
      <Table<DriveFile>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={files.data?.items}
        loading={files.isFetching}
        showHeader={!phone}
        scroll={phone ? undefined : { x: "max-content" }}
        pagination={(files.data?.total ?? 0) > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: files.data?.total, onChange: setPage, showSizeChanger: false } : false}
        locale={{
          emptyText: files.data ? (
            <EmptyState
              testId="files-empty"
              title={t("drive:recordFiles.emptyTitle")}
              description={mayUpload ? t("drive:recordFiles.emptyUpload") : t("drive:recordFiles.emptyReadOnly")}
            />
          ) : undefined,
        }}
        data-testid="files-table"
      />
      <RenameModal target={renaming} onClose={() => setRenaming(null)} />
      {open.viewer}
    </div>
  );
}
