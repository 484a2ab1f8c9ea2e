import { Alert, Button, Table, Tooltip, Typography, type TableColumnsType } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useFileDownload } from "../../../shared/hooks/useFileDownload";
import { rowErrorColumn, rowErrorReason } from "../labels";
import { failureLines, showsUpdated, type FailureLine } from "../status";
import type { Import } from "../types";

/** The counts of an import (or of a dry run: what would be written). */
export function ImportCounts({ imp, dryRun }: { imp: Import; dryRun: boolean }) {
  const { t } = useTranslation();
  const items = [
    { key: "rows_read", value: imp.rows_read },
    { key: dryRun ? "wouldCreate" : "created", value: imp.created },
    ...(showsUpdated(imp) ? [{ key: dryRun ? "wouldUpdate" : "updated", value: imp.updated }] : []),
    { key: "skipped", value: imp.skipped },
    { key: "failed", value: imp.failed },
  ];
  return (
    <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(120px, 1fr))", gap: 12 }} data-testid="import-counts">
      {items.map((item) => (
        <div key={item.key}>
          <Typography.Text type="secondary" style={{ display: "block", fontSize: 13 }}>
            {t(`imports:counts.${item.key}`)}
          </Typography.Text>
          {/* The test reads each count by its key. */}
          <span style={{ fontSize: 24, lineHeight: 1.4, color: item.key === "failed" && item.value > 0 ? "#cf1322" : undefined }} data-testid={`import-count-${item.key}`}>
            {item.value}
          </span>
        </div>
      ))}
    </div>
  );
}

/** The first failed rows: row number, column, the reason in the user's language (the server's words on hover). */
/** `nested`: inside an expanded table row, whose nested tables antd pulls up and left by 16 px. */
export function FailedRowsTable({ imp, nested = false }: { imp: Import; nested?: boolean }) {
  const { t } = useTranslation();
  const lines = failureLines(imp.errors);
  if (lines.length === 0) return null;
  const columns: TableColumnsType<FailureLine> = [
    { title: t("imports:report.row"), dataIndex: "row", key: "row", width: 64 },
    { title: t("imports:report.column"), key: "column", render: (_, line) => rowErrorColumn(t, imp.entity, line) },
    {
      title: t("imports:report.reason"),
      key: "reason",
      render: (_, line) => (
        <Tooltip title={line.message}>
          <span data-testid="import-error-reason">{rowErrorReason(t, line)}</span>
        </Tooltip>
      ),
    },
  ];
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 4 }}>
      <Typography.Text strong>{imp.failed > lines.length ? t("imports:report.firstFailed", { shown: new Set(lines.map((l) => l.row)).size, failed: imp.failed }) : t(imp.mode === "dry_run" ? "imports:report.failedRows" : "imports:report.failedRowsCommit")}</Typography.Text>
      <Table<FailureLine>
        style={nested ? { paddingBlock: 16 } : undefined}
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={lines}
        pagination={lines.length > 10 ? { pageSize: 10, size: "small", showSizeChanger: false } : false}
        // The reasons wrap in a narrow screen instead of scrolling sideways.
        data-testid="import-errors-table"
      />
    </div>
  );
}

/** Downloads the failed rows as uploaded with an error column, in the UI's language. */
export function ErrorsFileButton({ imp, size }: { imp: Import; size?: "small" | "middle" }) {
  const { t } = useTranslation();
  const { download, downloading } = useFileDownload();
  if (imp.failed === 0) return null;
  return (
    <div>
      <Button
        size={size}
        icon={<DownloadOutlined />}
        loading={downloading}
        data-testid="import-errors-download"
        onClick={() => void download("/api/v1/imports/{id}/errors.csv", {}, `${imp.entity}-errors.csv`, { id: imp.id })}
      >
        {t("imports:report.downloadErrors")}
      </Button>
    </div>
  );
}

/** Why a whole import failed (an unreadable file; in atomic mode, failed rows), as the server says it. */
export function ImportFailure({ imp }: { imp: Import }) {
  const { t, i18n } = useTranslation();
  if (imp.status !== "failed") return null;
  // The server's reason is English; in Chinese a reason of our own, with the server's on hover.
  const reason = imp.atomic && imp.failed > 0 ? t("imports:report.atomicFailed", { failed: imp.failed }) : t("imports:report.importFailed");
  const detail = imp.error && !i18n.language.startsWith("zh") ? imp.error : undefined;
  return <Alert type="error" showIcon message={reason} description={detail} data-testid="import-failure" />;
}
