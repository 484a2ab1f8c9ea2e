import { useEffect, useState } from "react";
import { Alert, App, Button, Col, Descriptions, Drawer, Form, Input, Row, Select, Space, Spin, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { usePermission, useMe } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { duplicateOf, useCommentReport, weeklyReportsApi, type WeeklyReport } from "../api";
import { isoWeek, mondayOfWeek, recentWeeks } from "../isoWeek";

type Values = { week: string; summary: string; next_week_plan?: string };

/** `2026-W49 (11-30 – 12-06)`: the week with its Monday and Sunday. */
export function weekLabel(week: string): string {
  const monday = mondayOfWeek(week);
  if (!monday) return week;
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const md = (d: Date) => d.toISOString().slice(5, 10);
  return `${week} (${md(monday)} – ${md(sunday)})`;
}

function blankToNull(value: string | undefined): string | null {
  return value && value.trim() ? value : null;
}

/** The server's figures of the report's week, read-only. */
function Figures({ report }: { report: WeeklyReport }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="weekly-report-figures" style={{ marginBottom: 16 }}>
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={6}>
          <Statistic title={t("weeklyReports:fields.new_customers")} value={report.new_customers} valueStyle={{ fontSize: 20 }} data-testid="figure-new-customers" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t("weeklyReports:fields.follow_ups")} value={report.follow_ups} valueStyle={{ fontSize: 20 }} data-testid="figure-follow-ups" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t("weeklyReports:fields.new_opportunities")} value={report.new_opportunities} valueStyle={{ fontSize: 20 }} data-testid="figure-new-opportunities" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t("weeklyReports:fields.won_amount")}
            value={formatMoney(report.won_amount, "CNY", i18n.language)}
            valueStyle={{ fontSize: 20 }}
            data-testid="figure-won-amount"
          />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("weeklyReports:figuresNote", { at: formatDateTime(report.updated_at) })}
      </Typography.Text>
    </div>
  );
}

type Props = {
  open: boolean;
  /** The report shown, or null to write a new one. */
  reportId: string | null;
  onClose: () => void;
  /** Shows another report in the drawer (the one just written, or the week's existing one). */
  onShow: (id: string) => void;
};

/**
 * A weekly report: written by its author (the week, a summary, next week's plan), with the week's
 * figures the server counts; a manager reads it and comments.
 */
export function WeeklyReportDrawer({ open, reportId, onClose, onShow }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const [commentForm] = Form.useForm<{ comment: string }>();
  const { onError, onValuesChange } = useServerFieldErrors(form);
  const report = weeklyReportsApi.useGet(reportId ?? "", { enabled: open && !!reportId });
  const create = weeklyReportsApi.useCreate();
  const update = weeklyReportsApi.useUpdate();
  const comment = useCommentReport();
  const [duplicate, setDuplicate] = useState<{ week: string; id: string } | null>(null);
  const record = reportId ? report.data : undefined;
  const own = !reportId || (!!record && record.owner_id === me?.id);
  const editable = own && can(reportId ? "sales_plans:update" : "sales_plans:create");
  const mayComment = !!record && !own && can("sales_plans:update");

  useEffect(() => {
    if (!open) return;
    setDuplicate(null);
    form.resetFields();
    commentForm.resetFields();
    if (!reportId) form.setFieldsValue({ week: isoWeek(new Date()) });
  }, [open, reportId, form, commentForm]);

  useEffect(() => {
    if (open && record) {
      form.setFieldsValue({ week: record.week, summary: record.summary, next_week_plan: record.next_week_plan ?? undefined });
    }
  }, [open, record, form]);

  const save = (values: Values) => {
    setDuplicate(null);
    const done = record
      ? update.mutateAsync({ record, patch: { summary: values.summary, next_week_plan: blankToNull(values.next_week_plan) } })
      : create.mutateAsync({ week: values.week, summary: values.summary, next_week_plan: blankToNull(values.next_week_plan) });
    done.then(
      (saved) => {
        message.success(t(record ? "common:messages.saved" : "weeklyReports:created"));
        if (!record) onShow(saved.id);
      },
      (error: unknown) => {
        const existing = duplicateOf(error);
        if (existing !== undefined) setDuplicate({ week: values.week, id: existing });
        else onError(error);
      },
    );
  };

  const sendComment = (values: { comment: string }) => {
    if (!record) return;
    comment.mutateAsync({ report: record, body: { comment: values.comment.trim() } }).then(
      () => {
        message.success(t("weeklyReports:commented"));
        commentForm.resetFields();
      },
      (error: unknown) => onError(error),
    );
  };

  const title = record
    ? t("weeklyReports:viewTitle", { week: record.week, owner: record.owner_name ?? "" })
    : reportId
      ? t("weeklyReports:title")
      : t("weeklyReports:createTitle");

  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      width="min(640px, 100vw)"
      destroyOnHidden
      data-testid="weekly-report-drawer"
      extra={
        editable && (
          <Space>
            <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
            <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="weekly-report-save">
              {t("common:actions.save")}
            </Button>
          </Space>
        )
      }
    >
      {reportId && !record ? (
        <Spin />
      ) : (
        <>
          {duplicate && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="weekly-report-duplicate"
              message={t("weeklyReports:duplicate", { week: duplicate.week })}
              action={
                duplicate.id ? (
                  <Button size="small" onClick={() => onShow(duplicate.id)} data-testid="weekly-report-open-existing">
                    {t("weeklyReports:openExisting")}
                  </Button>
                ) : undefined
              }
            />
          )}
          {record && <Figures report={record} />}
          <Form<Values> form={form} layout="vertical" onFinish={save} onValuesChange={onValuesChange} disabled={!editable}>
            <Form.Item name="week" label={t("weeklyReports:fields.week")} rules={[{ required: true }]}>
              {record ? (
                <WeekText />
              ) : (
                <Select data-testid="weekly-report-week" options={recentWeeks(new Date(), 8).map((w) => ({ value: w.week, label: weekLabel(w.week) }))} />
              )}
            </Form.Item>
            <Form.Item name="summary" label={t("weeklyReports:fields.summary")} rules={[{ required: true, whitespace: true }, { max: 5000 }]}>
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="weekly-report-summary" />
            </Form.Item>
            <Form.Item name="next_week_plan" label={t("weeklyReports:fields.next_week_plan")} rules={[{ max: 5000 }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="weekly-report-plan" />
            </Form.Item>
          </Form>
          {record && (record.comment || mayComment) && (
            <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t("weeklyReports:fields.comment")}>
                {record.comment ? (
                  <div data-testid="weekly-report-comment">
                    <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}>{record.comment}</Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {record.commented_by_name ?? ""} · {formatDateTime(record.commented_at)}
                    </Typography.Text>
                  </div>
                ) : (
                  <Typography.Text type="secondary">{t("weeklyReports:noComment")}</Typography.Text>
                )}
              </Descriptions.Item>
            </Descriptions>
          )}
          {mayComment && (
            <Form form={commentForm} layout="vertical" onFinish={sendComment}>
              <Form.Item name="comment" label={t("weeklyReports:commentLabel")} rules={[{ required: true, whitespace: true }, { max: 2000 }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="weekly-report-comment-input" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={comment.isPending} data-testid="weekly-report-comment-send">
                {t("weeklyReports:commentAction")}
              </Button>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}

/** The week of a written report, as text (a form control: the form holds the value). */
function WeekText({ value }: { value?: string }) {
  return <Typography.Text data-testid="weekly-report-week-text">{value ? weekLabel(value) : ""}</Typography.Text>;
}
