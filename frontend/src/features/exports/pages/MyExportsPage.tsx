import { Button, Grid, Select, Space, Tag, Typography, type TableColumnsType } from "antd";
import { DownloadOutlined, FolderOpenOutlined, ReloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { problemCodeText } from "../../../api/problem";
import { formatDateTime } from "../../../shared/format";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useFileOpen } from "../../drive/components/useFileOpen";
import { durationText } from "../../imports/labels";
import { statusColor } from "../../imports/status";
import { useExports } from "../api";
import { BACKGROUND_LISTS, type BackgroundList } from "../lists";
import type { ExportJob, ExportStatus } from "../types";

const FILTERS = ["list", "status"] as const;
const STATUSES: readonly ExportStatus[] = ["queued", "running", "done", "failed"];

/** The drive page searched for the file in the user's own space: it sits in the folder 导出. */
export function drivePathOf(name: string): string {
  return `/drive?${new URLSearchParams({ q: name }).toString()}`;
}

/** 我的导出: the background exports the user started, newest first, each file one click from the drive. */
export function MyExportsPage() {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const open = useFileOpen();
  const { filters, setFilters, paged } = useListUrlState<ExportJob, (typeof FILTERS)[number]>(FILTERS, "-created_at");
  const list = BACKGROUND_LISTS.find((l) => l === filters.list);
  const status = STATUSES.find((s) => s === filters.status);
  const exports = useExports({ ...paged.params, list, status });
  const none = t("common:values.none");
  const listLabel = (name: string) => t(`exports:lists.${name}`, { defaultValue: name });

  const statusTag = (e: ExportJob) => (
    <Tag color={statusColor(e.status)} data-testid="export-status">
      {t(`exports:status.${e.status}`)}
    </Tag>
  );
  const outcome = (e: ExportJob) => {
    if (e.status === "failed") {
      const reason = (e.error_code && problemCodeText(e.error_code)) || e.error || none;
      return (
        <Typography.Text type="danger" style={{ fontSize: wide ? undefined : 12 }} data-testid="export-error">
          {reason}
        </Typography.Text>
      );
    }
    if (e.status !== "done" || !e.file_id || !e.file_name) return null;
    const file = { id: e.file_id, name: e.file_name };
    return (
      <Space size={4} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="export-rows">
          {t("exports:list.rows", { count: e.rows ?? 0 })}
        </Typography.Text>
        <Link to={drivePathOf(e.file_name)} data-testid="export-open-drive">
          <FolderOpenOutlined /> {t("exports:actions.openInDrive")}
        </Link>
        <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void open.download(file)} data-testid="export-download">
          {t("exports:actions.download")}
        </Button>
      </Space>
    );
  };

  const columns: TableColumnsType<ExportJob> = [
    {
      title: t("exports:list.file"),
      key: "file",
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong style={{ wordBreak: "break-all" }} data-testid="export-file-name">
            {e.file_name ?? `${listLabel(e.list)} (${e.format.toUpperCase()})`}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {listLabel(e.list)}
            {e.query ? ` · ${e.query}` : ""}
          </Typography.Text>
          {!wide && (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.created_at, none)}
              </Typography.Text>
              <Space size={4} wrap>
                {statusTag(e)}
                {outcome(e)}
              </Space>
            </>
          )}
        </Space>
      ),
    },
    // On a phone the status and the file's links go under the name: one column, no sideways scrolling.
    ...(wide
      ? ([
          { title: t("exports:list.status"), key: "status", render: (_, e) => statusTag(e) },
          { title: t("exports:list.result"), key: "outcome", render: (_, e) => outcome(e) },
          { title: t("exports:list.created_at"), dataIndex: "created_at", key: "created_at", sorter: true, render: (v: string) => formatDateTime(v, none) },
          { title: t("exports:list.duration"), key: "duration", render: (_, e) => durationText(t, e.duration_ms, none) },
        ] satisfies TableColumnsType<ExportJob>)
      : []),
  ];

  return (
    <ResourceListPage<ExportJob>
      title={t("exports:list.title")}
      toolbar={
        <Button icon={<ReloadOutlined />} loading={exports.isFetching} data-testid="exports-refresh" onClick={() => void exports.refetch()}>
          {t("common:actions.refresh")}
        </Button>
      }
      table={{
        columns,
        list: exports,
        paged,
        testId: "exports-table",
        locale: { emptyText: t("exports:list.empty") },
        ...(wide ? {} : { scroll: {} }),
      }}
    >
      <Typography.Paragraph type="secondary">{t("exports:list.hint")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t("exports:list.list")}
          value={list}
          onChange={(value?: string) => setFilters({ list: value })}
          options={BACKGROUND_LISTS.map((l: BackgroundList) => ({ value: l, label: listLabel(l) }))}
          data-testid="exports-filter-list"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t("exports:list.status")}
          value={status}
          onChange={(value?: string) => setFilters({ status: value })}
          options={STATUSES.map((s) => ({ value: s, label: t(`exports:status.${s}`) }))}
          data-testid="exports-filter-status"
        />
      </Space>
    </ResourceListPage>
  );
}
