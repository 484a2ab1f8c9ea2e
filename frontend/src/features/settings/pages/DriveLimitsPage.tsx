import { useEffect } from "react";
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, fieldErrorText } from "../../../api/problem";
import { formatBytes } from "../../../shared/format";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useDriveLimits, useSaveDriveLimits } from "../api";
import { LIMIT_FIELDS, limitsBody, limitsForm, SIZE_UNITS, toBytes, type DriveLimitsForm, type LimitField, type SizeUnit, type SizeValue } from "../driveLimits";

/** A size typed as a number of MB or GB: an antd form control. */
function SizeInput({ value, onChange, disabled, testId }: { value?: SizeValue; onChange?: (next: SizeValue) => void; disabled?: boolean; testId: string }) {
  const current: SizeValue = value ?? { value: null, unit: "GB" };
  return (
    <Space.Compact style={{ width: "100%" }}>
      <InputNumber<number>
        min={0}
        value={current.value}
        onChange={(v) => onChange?.({ ...current, value: v })}
        disabled={disabled}
        style={{ width: "100%" }}
        data-testid={`${testId}-value`}
      />
      <Select<SizeUnit>
        value={current.unit}
        onChange={(unit) => onChange?.({ ...current, unit })}
        options={SIZE_UNITS.map((unit) => ({ value: unit, label: unit }))}
        disabled={disabled}
        style={{ width: 80 }}
        data-testid={`${testId}-unit`}
      />
    </Space.Compact>
  );
}

const MAX_BYTES = 1024 ** 5;

/** 系统设置 → 网盘容量: what each person's uploads, the whole company's files and one file may add up to. */
export function DriveLimitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const can = usePermission();
  const canUpdate = can("settings:update");
  const limits = useDriveLimits();
  const save = useSaveDriveLimits();
  const [form] = Form.useForm<DriveLimitsForm>();
  const saved = limits.data?.limits;

  useEffect(() => {
    if (!saved) return;
    form.resetFields();
    form.setFieldsValue(limitsForm(saved));
  }, [saved, form]);

  if (limits.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (limits.isError || !saved)
    return (
      <Alert
        type="error"
        showIcon
        message={t("settings:drive.loadFailed")}
        action={
          <Button size="small" onClick={() => void limits.refetch()}>
            {t("settings:smtp.retry")}
          </Button>
        }
      />
    );

  const onFinish = (values: DriveLimitsForm) =>
    save.mutate(
      { body: limitsBody(values), etag: limits.data?.etag },
      {
        onSuccess: () => void message.success(t("settings:drive.saved")),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 412) {
            void message.warning(t("settings:drive.stale"));
            void limits.refetch();
            return;
          }
          if (e instanceof ApiError && e.status === 422) {
            const onForm = e.problem.errors.filter((error) => (LIMIT_FIELDS as readonly string[]).includes(error.field));
            form.setFields(onForm.map((error) => ({ name: error.field as LimitField, errors: [fieldErrorText(error)] })));
            if (onForm.length === e.problem.errors.length && onForm.length > 0) return;
          }
          onProblem(e);
        },
      },
    );

  const sizeRule = {
    validator: (_: unknown, size: SizeValue | undefined) => {
      const bytes = toBytes(size);
      if (bytes === null) return Promise.reject(new Error(t("settings:drive.required")));
      if (bytes < 1 || bytes > MAX_BYTES) return Promise.reject(new Error(t("settings:drive.range")));
      return Promise.resolve();
    },
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={t("settings:drive.title")}>
          {!canUpdate && <Alert type="warning" showIcon message={t("settings:drive.readOnly")} style={{ marginBottom: 16 }} data-testid="drive-limits-read-only" />}
          <Form<DriveLimitsForm>
            form={form}
            layout="vertical"
            disabled={!canUpdate}
            initialValues={limitsForm(saved)}
            onFinish={onFinish}
            onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name: name as LimitField, errors: [] })))}
            data-testid="drive-limits-form"
          >
            {LIMIT_FIELDS.map((field) => (
              <Form.Item
                key={field}
                name={field}
                label={t(`settings:drive.fields.${field}`)}
                extra={t(`settings:drive.hints.${field}`, { current: formatBytes(saved[field]) })}
                rules={[sizeRule]}
              >
                <SizeInput testId={`drive-limits-${field}`} />
              </Form.Item>
            ))}
            {canUpdate && (
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="drive-limits-save">
                {t("common:actions.save")}
              </Button>
            )}
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
