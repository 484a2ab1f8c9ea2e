import { Alert, Button, DatePicker, Descriptions, Grid, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import { ConfirmAction } from "../../../shared/components/ConfirmDelete";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { usePermission } from "../../auth/api";
import { useJobs, useRetryJob } from "../api";
import { formValues, JOB_DEFAULT_SORT, JOB_FILTERS, jobQuery, urlFilters, urlStatuses, type JobSearchValues } from "../filters";
import { JOB_STATUSES, jobKindLabel, jobStatusLabel, jobStatusText, jobStatusView, KNOWN_JOB_KINDS, type Job } from "../labels";

/** 后台任务: the durable queue's jobs, what became of them, and running a dead one again. */
export function JobsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  // On a phone the table keeps the job, its state and the action; the rest is in the expanded row.
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  // The created time (the default order) gets a column of its own only where there is room for it.
  const roomy = screens.xxl ?? true;
  const { filters, setFilters, paged } = useListUrlState<Job, (typeof JOB_FILTERS)[number]>(JOB_FILTERS, JOB_DEFAULT_SORT);
  const query = jobQuery(filters);
  const jobs = useJobs({ ...paged.params, ...query });
  // The dead jobs across the whole queue, whatever the filters: the ones that want a look.
  const dead = useJobs({ page: 1, page_size: 1, status: "dead" });
  const deadCount = dead.data?.total ?? 0;
  const onlyDead = urlStatuses(filters).join(",") === "dead";
  const retry = useRetryJob();
  const mayRetry = can("jobs:manage");
  const none = t("common:values.none");
  const kindName = (kind: string) => jobKindLabel(t, kind);
  const rows = jobs.data?.items ?? [];

  const statusTag = (job: Job) => (
    <Tag color={jobStatusView(job).color} data-testid="job-status">
      {jobStatusText(t, job)}
    </Tag>
  );
  const attempts = (job: Job) => (
    <Tooltip title={t("jobs:attemptsTip", { attempts: job.attempts, max: job.max_attempts })}>
      <span style={{ whiteSpace: "nowrap" }}>
        {job.attempts} / {job.max_attempts}
      </span>
    </Tooltip>
  );
  const server = (job: Job) => (job.status === "running" && job.locked_by ? job.locked_by : none);
  const lastError = (text: string | null | undefined) =>
    text ? (
      <Typography.Text type="danger" style={{ maxWidth: 220 }} ellipsis={{ tooltip: text }}>
        {text}
      </Typography.Text>
    ) : (
      none
    );

  const retryButton = (job: Job) =>
    mayRetry &&
    job.status === "dead" && (
      <ConfirmAction
        question={t("jobs:confirmRetry", { kind: kindName(job.kind) })}
        label={t("jobs:retry")}
        onConfirm={() => retry.mutateAsync(job.id)}
        doneMessage={t("jobs:retried", { kind: kindName(job.kind) })}
        testId="job-retry"
      />
    );

  const columns: TableColumnsType<Job> = [
    {
      title: t("jobs:fields.kind"),
      dataIndex: "kind",
      key: "kind",
      render: (kind: string, job) => (
        <>
          <span title={kind} style={{ whiteSpace: "nowrap" }} data-testid="job-kind">
            {kindName(kind)}
          </span>
          {/* On a phone the time goes under the job instead of in its own column. */}
          {!wide && (
            <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, whiteSpace: "nowrap" }}>
              {formatDateTime(job.finished_at ?? job.run_at, none)}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t("jobs:fields.status"),
      key: "status",
      // On a phone the retry sits under the state: a fixed actions column would cover the tags.
      render: (_, job) =>
        wide ? (
          statusTag(job)
        ) : (
          <Space direction="vertical" size={4} align="start">
            {statusTag(job)}
            {retryButton(job)}
          </Space>
        ),
    },
    ...(wide
      ? ([
          { title: t("jobs:fields.attempts"), key: "attempts", render: (_, job) => attempts(job) },
          { title: t("jobs:fields.run_at"), dataIndex: "run_at", key: "run_at", sorter: true, render: (v: string) => formatDateTime(v, none) },
          { title: t("jobs:fields.finished_at"), dataIndex: "finished_at", key: "finished_at", render: (v: string | null) => formatDateTime(v, none) },
          // The server holding a job only means something while it runs: no column when none does.
          ...(rows.some((job) => job.status === "running")
            ? ([{ title: t("jobs:fields.locked_by"), key: "locked_by", render: (_, job) => server(job) }] satisfies TableColumnsType<Job>)
            : []),
          { title: t("jobs:fields.last_error"), dataIndex: "last_error", key: "last_error", render: lastError },
          ...(roomy
            ? ([
                { title: t("jobs:fields.created_at"), dataIndex: "created_at", key: "created_at", sorter: true, render: (v: string) => formatDateTime(v, none) },
              ] satisfies TableColumnsType<Job>)
            : []),
        ] satisfies TableColumnsType<Job>)
      : []),
    // Only dead jobs can be retried: no column at all when none is on the page.
    ...(wide && mayRetry && rows.some((job) => job.status === "dead")
      ? ([
          {
            title: t("common:actions.actions"),
            key: "actions",
            fixed: "right",
            render: (_, job) => retryButton(job),
          },
        ] satisfies TableColumnsType<Job>)
      : []),
  ];

  const details = (job: Job) => (
    <Descriptions size="small" column={wide ? 3 : 1} bordered={wide} styles={{ label: { whiteSpace: "nowrap" } }} data-testid="job-details">
      <Descriptions.Item label={t("jobs:fields.kind")}>
        <Typography.Text code>{job.kind}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.attempts")}>{attempts(job)}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.period_key")}>{job.period_key ?? none}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.run_at")}>{formatDateTime(job.run_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.finished_at")}>{formatDateTime(job.finished_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.locked_by")}>{server(job)}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.created_at")}>{formatDateTime(job.created_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.updated_at")}>{formatDateTime(job.updated_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.locked_until")}>{job.status === "running" ? formatDateTime(job.locked_until, none) : none}</Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.id")} span={wide ? 3 : 1}>
        <Typography.Text copyable>{job.id}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t("jobs:fields.last_error")} span={wide ? 3 : 1}>
        {job.last_error ? (
          <Typography.Paragraph type="danger" style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
            {job.last_error}
          </Typography.Paragraph>
        ) : (
          none
        )}
      </Descriptions.Item>
    </Descriptions>
  );

  // The kinds the UI knows by name, and any other the page shows, so a new kind can be filtered too.
  const kindOptions = [...new Set([...KNOWN_JOB_KINDS, ...rows.map((job) => job.kind), ...(formValues(filters).kind ?? [])])].map((kind) => ({
    value: kind,
    label: kindName(kind),
  }));

  return (
    <ResourceListPage<Job>
      title={t("jobs:title")}
      titleExtra={
        <Button
          size="small"
          danger={deadCount > 0}
          type={onlyDead ? "primary" : "default"}
          data-testid="job-dead-only"
          aria-pressed={onlyDead}
          onClick={() => setFilters({ status: onlyDead ? undefined : "dead" })}
        >
          {t("jobs:deadOnly", { n: deadCount })}
        </Button>
      }
      toolbar={
        <Button icon={<ReloadOutlined />} loading={jobs.isFetching} data-testid="job-refresh" onClick={() => void Promise.all([jobs.refetch(), dead.refetch()])}>
          {t("common:actions.refresh")}
        </Button>
      }
      table={{
        columns,
        list: jobs,
        paged,
        testId: "jobs-table",
        locale: { emptyText: t("jobs:empty") },
        expandable: { expandedRowRender: details },
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t("jobs:intro.title")}
        description={
          <>
            {t("jobs:intro.text")}
            {deadCount > 0 && (
              <Typography.Text type="danger" strong style={{ display: "block", marginTop: 4 }} data-testid="job-dead-warning">
                {t("jobs:deadWarning", { n: deadCount })}
              </Typography.Text>
            )}
          </>
        }
      />
      <SearchForm<JobSearchValues>
        testId="job-search"
        values={formValues(filters)}
        onSearch={(values) => setFilters(urlFilters(values))}
        fields={[
          {
            name: "status",
            label: t("jobs:fields.status"),
            input: (
              <Select
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                style={{ width: 220, maxWidth: "100%" }}
                options={JOB_STATUSES.map((s) => ({ value: s, label: jobStatusLabel(t, s) }))}
                data-testid="job-search-status"
              />
            ),
          },
          {
            name: "kind",
            label: t("jobs:fields.kind"),
            input: (
              <Select
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                optionFilterProp="label"
                style={{ width: 240, maxWidth: "100%" }}
                options={kindOptions}
                data-testid="job-search-kind"
              />
            ),
          },
          { name: "created", label: t("jobs:fields.created_at"), input: <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="job-search-created" /> },
        ]}
      />
    </ResourceListPage>
  );
}
