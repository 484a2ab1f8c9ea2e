import { Button, Grid, Select, Space, Spin, Tag, Typography, type TableColumnsType } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useImport, useImports } from "../api";
import { ErrorsFileButton, FailedRowsTable, ImportCounts, ImportFailure } from "../components/ImportReport";
import { IMPORT_ENTITIES, isImportEntity } from "../fields";
import { durationText, entityLabel } from "../labels";
import { IMPORT_STATUSES, showsUpdated, statusColor } from "../status";
import type { Import, ImportStatus } from "../types";

const FILTERS = ["entity", "status"] as const;

/** An import's report, read in full (the list leaves the failed rows out). */
function ImportDetails({ id }: { id: string }) {
  const imp = useImport(id);
  if (!imp.data) return <Spin size="small" />;
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12 }} data-testid="import-details">
      <ImportCounts imp={imp.data} dryRun={imp.data.mode === "dry_run"} />
      <ImportFailure imp={imp.data} />
      <FailedRowsTable imp={imp.data} nested />
      <ErrorsFileButton imp={imp.data} size="small" />
    </div>
  );
}

/** 我的导入: the imports the user started, newest first, with each one's report and errors file. */
export function MyImportsPage() {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const { filters, setFilters, paged } = useListUrlState<Import, (typeof FILTERS)[number]>(FILTERS, "-created_at");
  const entity = filters.entity && isImportEntity(filters.entity) ? filters.entity : undefined;
  const status = filters.status && (IMPORT_STATUSES as readonly string[]).includes(filters.status) ? filters.status : undefined;
  const imports = useImports({ ...paged.params, entity, status });
  const none = t("common:values.none");

  const statusTag = (imp: Import) => (
    <Tag color={statusColor(imp.status)} data-testid="import-status">
      {t(`imports:status.${imp.status}`)}
    </Tag>
  );
  const counts = (imp: Import) => (
    <Typography.Text style={{ whiteSpace: wide ? "nowrap" : undefined, fontSize: wide ? undefined : 12 }} data-testid="import-row-counts">
      {t(`imports:list.counts${imp.mode === "dry_run" ? "DryRun" : ""}${showsUpdated(imp) ? "Update" : ""}`, { created: imp.created, updated: imp.updated, skipped: imp.skipped, failed: imp.failed })}
    </Typography.Text>
  );

  const columns: TableColumnsType<Import> = [
    {
      title: t("imports:list.file"),
      key: "file",
      render: (_, imp) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong style={{ wordBreak: "break-all" }} data-testid="import-file-name">
            {imp.file_name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {entityLabel(t, imp.entity)} · {t(`imports:modes.${imp.mode}`)}
          </Typography.Text>
          {!wide && (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(imp.created_at, none)}
              </Typography.Text>
              <Space size={4} wrap>
                {statusTag(imp)}
                {counts(imp)}
              </Space>
            </>
          )}
        </Space>
      ),
    },
    // On a phone the status and counts go under the file: one column, no sideways scrolling.
    ...(wide ? ([{ title: t("imports:list.status"), key: "status", render: (_, imp) => statusTag(imp) }] satisfies TableColumnsType<Import>) : []),
    ...(wide
      ? ([
          { title: t("imports:list.rows"), dataIndex: "rows_read", key: "rows_read", align: "right" },
          { title: t("imports:list.result"), key: "counts", render: (_, imp) => counts(imp) },
          { title: t("imports:list.created_at"), dataIndex: "created_at", key: "created_at", sorter: true, render: (v: string) => formatDateTime(v, none) },
          { title: t("imports:list.duration"), key: "duration", render: (_, imp) => durationText(t, imp.duration_ms, none) },
        ] satisfies TableColumnsType<Import>)
      : []),
  ];

  return (
    <ResourceListPage<Import>
      title={t("imports:list.title")}
      toolbar={
        <Button icon={<ReloadOutlined />} loading={imports.isFetching} data-testid="imports-refresh" onClick={() => void imports.refetch()}>
          {t("common:actions.refresh")}
        </Button>
      }
      table={{
        columns,
        list: imports,
        paged,
        testId: "imports-table",
        locale: { emptyText: t("imports:list.empty") },
        expandable: { expandedRowRender: (imp) => <ImportDetails id={imp.id} /> },
        // A phone's single column wraps within the screen instead of scrolling sideways.
        ...(wide ? {} : { scroll: {} }),
      }}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t("imports:list.entity")}
          value={entity}
          onChange={(value?: string) => setFilters({ entity: value })}
          options={IMPORT_ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
          data-testid="imports-filter-entity"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t("imports:list.status")}
          value={status}
          onChange={(value?: string) => setFilters({ status: value })}
          options={IMPORT_STATUSES.map((s: ImportStatus) => ({ value: s, label: t(`imports:status.${s}`) }))}
          data-testid="imports-filter-status"
        />
      </Space>
    </ResourceListPage>
  );
}
