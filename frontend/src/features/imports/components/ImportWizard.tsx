import { useEffect, useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Checkbox, Drawer, Grid, Radio, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from "antd";
import { DownloadOutlined, CloudOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError, fieldErrorText, problemText, type FieldProblem } from "../../../api/problem";
import { useFileDownload } from "../../../shared/hooks/useFileDownload";
import { importKeys, useImport } from "../api";
import { canUpdate, doubledFields, IMPORT_FIELDS, mappingChanged, missingRequired, nextMapping, plannedChoices } from "../fields";
import { entityLabel, fieldLabel } from "../labels";
import { previewFile, type FilePreview } from "../preview";
import { problemKey, sortProblems } from "../problems";
import { isFinished, progressPercent, showsUpdated, statusColor } from "../status";
import { uploadImport, type ImportOptions } from "../upload";
import type { Import, ImportColumn, ImportEncoding, ImportEntity, OnDuplicate } from "../types";
import { ErrorsFileButton, FailedRowsTable, ImportCounts, ImportFailure } from "./ImportReport";
import { Bar, DropZone } from "./parts";

export type ImportWizardProps = {
  entity: ImportEntity;
  open: boolean;
  onClose: () => void;
};

type Step = "file" | "check" | "commit";
const STEPS: readonly Step[] = ["file", "check", "commit"];

/** The planned columns when the server refused the file before planning: the CSV's own headers, unmapped. */
function columnsFrom(preview: FilePreview | null): ImportColumn[] {
  return preview?.format === "csv" ? preview.headers.map((header) => ({ header, field: null })) : [];
}

/**
 * 导入: choose a CSV or XLSX file, check it (a dry run: the column mapping, a preview, the rows that
 * would fail), then import it and follow the job to the end. Each check and the import upload the
 * file again with the same options and mapping.
 */
export default function ImportWizard({ entity, open, onClose }: ImportWizardProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const template = useFileDownload();
  const [step, setStep] = useState<Step>("file");
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<ImportEncoding>("auto");
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>("error");
  const [atomic, setAtomic] = useState(false);
  // The mapping the last check was sent with, and the user's choices since.
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const [percent, setPercent] = useState(0);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [checked, setChecked] = useState<Import | null>(null);
  const [committed, setCommitted] = useState<Import | null>(null);
  const dryRun = useImport(step === "check" ? checked?.id : undefined);
  const commit = useImport(step === "commit" ? committed?.id : undefined);
  const checkedNow = dryRun.data ?? checked;
  const commitNow = commit.data ?? committed;
  // What the options were when the shown check ran: a change asks for a new check.
  const [checkedWith, setCheckedWith] = useState<{ onDuplicate: string; atomic: boolean } | null>(null);

  const reset = () => {
    setStep("file");
    setFile(null);
    setPreview(null);
    setMapping({});
    setChoices({});
    setProblem(null);
    setFailure(null);
    setChecked(null);
    setCommitted(null);
    setPercent(0);
    setCheckedWith(null);
  };

  // The list and the imports page show the new records once the import has finished.
  const commitDone = commitNow && isFinished(commitNow.status);
  useEffect(() => {
    if (!commitDone) return;
    void queryClient.invalidateQueries({ queryKey: [entity] });
    void queryClient.invalidateQueries({ queryKey: importKeys.all });
  }, [commitDone, entity, queryClient]);

  useEffect(() => {
    if (!file) return;
    let live = true;
    previewFile(file, encoding).then(
      (p) => live && setPreview(p),
      () => live && setPreview({ format: "unknown" }),
    );
    return () => {
      live = false;
    };
  }, [file, encoding]);

  const columns: ImportColumn[] = checkedNow?.columns ?? columnsFrom(preview);
  const headers = columns.map((c) => c.header);
  const sorted = sortProblems(problem?.status === 422 ? problem.problem.errors : [], headers);
  const currentChoices = { ...plannedChoices(columns), ...choices };
  const changed = checkedNow ? mappingChanged(columns, choices) : Object.keys(choices).length > 0;
  const optionsChanged = !!checkedWith && (checkedWith.onDuplicate !== onDuplicate || checkedWith.atomic !== atomic);
  const fieldOptions = useMemo(
    () => [
      { value: "", label: t("imports:mapping.leaveOut") },
      ...IMPORT_FIELDS[entity].fields.map((field) => ({
        value: field,
        label: `${fieldLabel(t, entity, field)}${IMPORT_FIELDS[entity].required.includes(field) ? " *" : ""}`,
      })),
    ],
    [t, entity],
  );

  const options = (mode: ImportOptions["mode"], sentMapping: Record<string, string>): ImportOptions => ({ entity, mode, encoding, onDuplicate, atomic, mapping: sentMapping });

  /** Uploads the file: a check (dry run) or the import itself. */
  const send = async (mode: ImportOptions["mode"]) => {
    if (!file) return;
    const sentMapping = mode === "dry_run" ? nextMapping(columns, choices, mapping) : mapping;
    setUploading(true);
    setPercent(0);
    setProblem(null);
    setFailure(null);
    try {
      const answer = await uploadImport(file, options(mode, sentMapping), { language: i18n.language, onProgress: setPercent });
      if (mode === "dry_run") {
        setMapping(sentMapping);
        setChoices({});
        setChecked(answer);
        setCheckedWith({ onDuplicate, atomic });
        setStep("check");
      } else {
        setCommitted(answer);
        setStep("commit");
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        setProblem(error);
        // A refused mapping is shown on the mapping: keep what the user chose.
        if (mode === "dry_run") {
          setMapping(sentMapping);
          setChecked(null);
          if (columnsFrom(preview).length > 0 || checked) setStep("check");
        }
      } else {
        setFailure(error instanceof ApiError && error.status === 413 ? t("imports:file.tooLarge") : problemText(error));
      }
    } finally {
      setUploading(false);
    }
  };

  const problemLine = (error: FieldProblem) => {
    const key = problemKey(error);
    return key ? t(`imports:problems.${key}`) : fieldErrorText(error);
  };

  // ---- Step 1: the file -------------------------------------------------------------------
  const fileStep = (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <DropZone
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onFile={(chosen) => {
          setFile(chosen);
          setProblem(null);
          setFailure(null);
          setChecked(null);
          setMapping({});
          setChoices({});
        }}
        testId="import-file"
      >
        <CloudOutlined style={{ fontSize: 40, color: "#1677ff" }} />
        <Typography.Text strong style={{ display: "block", marginTop: 8 }}>
          {file ? file.name : t("imports:file.drop")}
        </Typography.Text>
        <Typography.Text type="secondary">{t("imports:file.hint")}</Typography.Text>
      </DropZone>
      <Space wrap size={[8, 4]}>
        <Typography.Text>{t("imports:file.encoding")}</Typography.Text>
        <Radio.Group value={encoding} onChange={(e) => setEncoding(e.target.value as ImportEncoding)} optionType="button" size="small" data-testid="import-encoding">
          <Radio.Button value="auto">{t("imports:file.encodings.auto")}</Radio.Button>
          <Radio.Button value="utf8">UTF-8</Radio.Button>
          <Radio.Button value="gbk">GBK</Radio.Button>
        </Radio.Group>
      </Space>
      <Space wrap size={[8, 4]}>
        <Typography.Text type="secondary">{t("imports:file.template")}</Typography.Text>
        {(["csv", "xlsx"] as const).map((format) => (
          <Button
            key={format}
            size="small"
            type="link"
            icon={<DownloadOutlined />}
            loading={template.downloading}
            data-testid={`import-template-${format}`}
            onClick={() => void template.download("/api/v1/imports/template", { entity, format }, `${entity}-template.${format}`)}
          >
            {t(`common:fileFormats.${format}`)}
          </Button>
        ))}
      </Space>
      {sorted.file.length > 0 && <Alert type="error" showIcon message={sorted.file.map(problemLine).join("; ")} data-testid="import-file-problem" />}
    </div>
  );

  // ---- Step 2: mapping, preview, the dry run's report -------------------------------------
  const sample = (header: string) => {
    if (preview?.format !== "csv") return undefined;
    const at = preview.headers.indexOf(header);
    return at < 0 ? undefined : preview.rows[0]?.[at];
  };
  const mappingColumns: TableColumnsType<ImportColumn> = [
    { title: t("imports:mapping.header"), dataIndex: "header", key: "header", width: phone ? 110 : 180, render: (header: string) => <Typography.Text strong>{header}</Typography.Text> },
    ...(phone ? [] : [{ title: t("imports:mapping.sample"), key: "sample", ellipsis: true, render: (_: unknown, c: ImportColumn) => <Typography.Text type="secondary">{sample(c.header) ?? ""}</Typography.Text> }]),
    {
      title: t("imports:mapping.field"),
      key: "field",
      width: phone ? undefined : 240,
      render: (_, c) => {
        const errors = sorted.byHeader[c.header] ?? [];
        return (
          <div style={{ display: "flex", flexDirection: "column", gap: 2 }}>
            <Select
              size="small"
              style={{ width: "100%", minWidth: 140 }}
              value={currentChoices[c.header] ?? ""}
              options={fieldOptions}
              status={errors.length > 0 ? "error" : undefined}
              onChange={(value: string) => setChoices((old) => ({ ...old, [c.header]: value }))}
              data-testid={`import-map-${c.header}`}
            />
            {errors.map((e, i) => (
              <Typography.Text key={i} type="danger" style={{ fontSize: 12 }}>
                {problemLine(e)}
              </Typography.Text>
            ))}
          </div>
        );
      },
    },
  ];
  const missing = [...new Set([...sorted.missing, ...missingRequired(entity, columns, currentChoices)])];
  const doubled = doubledFields(columns, currentChoices);
  const previewTable =
    preview?.format === "csv" && preview.headers.length > 0 ? (
      <Table<Record<string, string>>
        size="small"
        rowKey="__key"
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={preview.headers.map((h, i) => ({ title: h, dataIndex: String(i), key: String(i), ellipsis: true, width: 140 }))}
        dataSource={preview.rows.map((row, r) => ({ __key: String(r), ...Object.fromEntries(row.map((v, i) => [String(i), v])) }))}
        data-testid="import-preview"
      />
    ) : (
      <Space wrap size={[4, 4]} data-testid="import-preview">
        {headers.map((h) => (
          <Tag key={h}>{h}</Tag>
        ))}
      </Space>
    );
  const checking = !!checkedNow && !isFinished(checkedNow.status);
  const checkStep = (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <Typography.Text type="secondary">
        {file?.name} · {preview?.format === "xlsx" ? "XLSX" : "CSV"}
        {checkedNow ? ` · ${checkedNow.encoding}` : ""}
      </Typography.Text>
      {sorted.other.length > 0 && <Alert type="error" showIcon message={sorted.other.map(problemLine).join("; ")} />}
      {missing.length > 0 && <Alert type="warning" showIcon message={t("imports:mapping.missing", { fields: missing.map((f) => fieldLabel(t, entity, f)).join(t("imports:listSeparator")) })} data-testid="import-missing" />}
      {doubled.length > 0 && <Alert type="warning" showIcon message={t("imports:mapping.doubled", { fields: doubled.map((f) => fieldLabel(t, entity, f)).join(t("imports:listSeparator")) })} />}
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t("imports:mapping.title")}
        </Typography.Title>
        <Table<ImportColumn> size="small" rowKey="header" pagination={false} columns={mappingColumns} dataSource={columns} data-testid="import-mapping" />
        {(changed || optionsChanged || (problem && !checkedNow)) && (
          <Button style={{ marginTop: 8 }} loading={uploading} onClick={() => void send("dry_run")} data-testid="import-recheck">
            {t("imports:mapping.recheck")}
          </Button>
        )}
      </div>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {preview?.format === "csv" ? t("imports:preview.title") : t("imports:preview.headers")}
        </Typography.Title>
        {previewTable}
      </div>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t("imports:report.dryRunTitle")}
        </Typography.Title>
        {!checkedNow ? (
          <Typography.Text type="secondary">{t("imports:report.notChecked")}</Typography.Text>
        ) : checking ? (
          <Space data-testid="import-checking">
            <Spin size="small" />
            <Typography.Text>{t("imports:report.checking", { rows: checkedNow.rows_read })}</Typography.Text>
          </Space>
        ) : (
          <div style={{ display: "flex", flexDirection: "column", gap: 12 }} data-testid="import-dry-run">
            <ImportCounts imp={checkedNow} dryRun />
            <ImportFailure imp={checkedNow} />
            <FailedRowsTable imp={checkedNow} />
          </div>
        )}
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("imports:options.title")}
        </Typography.Title>
        <Space wrap size={[8, 4]}>
          <Typography.Text>{t("imports:options.onDuplicate")}</Typography.Text>
          <Radio.Group value={onDuplicate} onChange={(e) => setOnDuplicate(e.target.value as OnDuplicate)} data-testid="import-on-duplicate">
            <Radio value="error">{t("imports:options.duplicateError")}</Radio>
            <Radio value="skip">{t("imports:options.duplicateSkip")}</Radio>
            {canUpdate(entity) && <Radio value="update">{t("imports:options.duplicateUpdate")}</Radio>}
          </Radio.Group>
        </Space>
        {onDuplicate === "update" && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="import-update-hint">
            {t("imports:options.updateHint")}
          </Typography.Text>
        )}
        <Checkbox checked={atomic} onChange={(e) => setAtomic(e.target.checked)} data-testid="import-atomic">
          {t("imports:options.atomic")}
        </Checkbox>
        {atomic && checkedNow && checkedNow.failed > 0 && <Alert type="warning" showIcon message={t("imports:options.atomicWarning")} />}
      </div>
    </div>
  );

  // ---- Step 3: the import and its progress -------------------------------------------------
  const commitStep = commitNow && (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }} data-testid="import-commit">
      <Space wrap>
        <Tag color={statusColor(commitNow.status)} data-testid="import-status">
          {t(`imports:status.${commitNow.status}`)}
        </Tag>
        <Typography.Text type="secondary">{file?.name}</Typography.Text>
      </Space>
      <Bar
        percent={progressPercent(commitNow, checkedNow?.rows_read)}
        status={commitNow.status === "failed" ? "exception" : commitNow.status === "done" ? "success" : "active"}
        testId="import-progress"
      />
      <ImportCounts imp={commitNow} dryRun={false} />
      <ImportFailure imp={commitNow} />
      {isFinished(commitNow.status) && commitNow.status === "done" && (
        <Alert type={commitNow.failed > 0 ? "warning" : "success"} showIcon message={t(showsUpdated(commitNow) ? "imports:report.finishedUpdate" : "imports:report.finished", { created: commitNow.created, updated: commitNow.updated, skipped: commitNow.skipped, failed: commitNow.failed })} data-testid="import-finished" />
      )}
      {isFinished(commitNow.status) && <FailedRowsTable imp={commitNow} />}
      {isFinished(commitNow.status) && <ErrorsFileButton imp={commitNow} />}
    </div>
  );

  const stepIndex = STEPS.indexOf(step);
  const commitBlocked = !checkedNow || checking || changed || !!problem || missing.length > 0 || doubled.length > 0;
  const footer = (
    <Space wrap style={{ width: "100%", justifyContent: "flex-end" }}>
      {step === "file" && (
        <>
          <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
          <Button type="primary" disabled={!file} loading={uploading} onClick={() => void send("dry_run")} data-testid="import-check">
            {t("imports:actions.check")}
          </Button>
        </>
      )}
      {step === "check" && (
        <>
          <Button onClick={() => setStep("file")} data-testid="import-back">
            {t("imports:actions.back")}
          </Button>
          <Button type="primary" disabled={commitBlocked} loading={uploading} onClick={() => void send("commit")} data-testid="import-commit-button">
            {checkedNow && isFinished(checkedNow.status) ? t("imports:actions.commitRows", { count: checkedNow.created + checkedNow.updated }) : t("imports:actions.commit")}
          </Button>
        </>
      )}
      {step === "commit" && (
        <>
          <Button onClick={reset} disabled={!commitDone} data-testid="import-another">
            {t("imports:actions.another")}
          </Button>
          <Button type="primary" onClick={onClose} data-testid="import-close">
            {commitDone ? t("imports:actions.done") : t("imports:actions.background")}
          </Button>
        </>
      )}
    </Space>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? "100%" : 880}
      title={t("imports:wizard.title", { entity: entityLabel(t, entity) })}
      destroyOnClose
      footer={footer}
    >
      <div style={{ display: "flex", flexDirection: "column", gap: 16 }} data-testid="import-wizard">
        {/* The steps as text, with the ones done and to come beside it on a wide screen. */}
        <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 16px" }} data-testid="import-step">
          {phone ? (
            <Typography.Text type="secondary">{t("imports:wizard.stepOf", { n: stepIndex + 1, total: STEPS.length, title: t(`imports:steps.${step}`) })}</Typography.Text>
          ) : (
            STEPS.map((s, i) => (
              <Typography.Text key={s} type={i === stepIndex ? undefined : "secondary"} strong={i === stepIndex}>
                {i + 1}. {t(`imports:steps.${s}`)}
                {i < STEPS.length - 1 ? " →" : ""}
              </Typography.Text>
            ))
          )}
        </div>
        {uploading && <Bar percent={percent} status="active" label={t("imports:file.uploading", { percent })} testId="import-upload-progress" />}
        {failure && <Alert type="error" showIcon message={failure} closable onClose={() => setFailure(null)} data-testid="import-failure-message" />}
        {step === "file" && fileStep}
        {step === "check" && checkStep}
        {step === "commit" && commitStep}
      </div>
    </Drawer>
  );
}
