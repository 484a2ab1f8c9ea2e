import { useEffect } from "react";
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useReminderSettings, useSaveReminderSettings, type ContractReminderSettings } from "../api";

/** The fields, with the range the API takes (422 `out_of_range` beyond). */
const FIELDS = [
  { name: "contract_end_days", max: 365 },
  { name: "payment_due_days", max: 90 },
] as const;

/** 系统设置 → 合同提醒: how many days ahead owners hear of contracts ending and instalments falling due. */
export function ContractRemindersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const can = usePermission();
  const canUpdate = can("settings:update");
  const state = useReminderSettings();
  const save = useSaveReminderSettings();
  const [form] = Form.useForm<ContractReminderSettings>();
  const saved = state.data?.settings;

  useEffect(() => {
    if (!saved) return;
    form.resetFields();
    form.setFieldsValue(saved);
  }, [saved, form]);

  if (state.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (state.isError || !saved)
    return (
      <Alert
        type="error"
        showIcon
        message={t("receivables:reminders.loadFailed")}
        action={
          <Button size="small" onClick={() => void state.refetch()}>
            {t("receivables:reminders.retry")}
          </Button>
        }
      />
    );

  const onFinish = (values: ContractReminderSettings) =>
    save.mutate(
      { body: values, etag: state.data?.etag },
      {
        onSuccess: () => void message.success(t("common:messages.saved")),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 412) {
            void message.warning(t("common:messages.staleVersion"));
            void state.refetch();
            return;
          }
          onProblem(e, form);
        },
      },
    );

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={t("receivables:reminders.title")}>
          {!canUpdate && <Alert type="warning" showIcon message={t("receivables:reminders.readOnly")} style={{ marginBottom: 16 }} data-testid="reminders-read-only" />}
          <Form<ContractReminderSettings> form={form} layout="vertical" disabled={!canUpdate} initialValues={saved} onFinish={onFinish} data-testid="reminders-form">
            {FIELDS.map(({ name, max }) => (
              <Form.Item
                key={name}
                name={name}
                label={t(`receivables:reminders.fields.${name}`)}
                extra={t(`receivables:reminders.hints.${name}`)}
                rules={[{ required: true, type: "integer", min: 0, max, message: t("receivables:reminders.range", { max }) }]}
              >
                <InputNumber<number> min={0} max={max} precision={0} addonAfter={t("receivables:reminders.days")} style={{ width: 200, maxWidth: "100%" }} data-testid={`reminders-${name}`} />
              </Form.Item>
            ))}
            {canUpdate && (
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="reminders-save">
                {t("common:actions.save")}
              </Button>
            )}
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
