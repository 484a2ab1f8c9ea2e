import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Col, Form, Input, Row, Segmented, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { ConfirmAction } from "../../../shared/components/ConfirmDelete";
import { useMe, usePermission } from "../../auth/api";
import { SmsHeadersField } from "../components/SmsHeadersField";
import { SmsTestCard } from "../components/SmsTestCard";
import { JSON_EXAMPLE_BODY, SMS_METHODS, smsFormValues, smsPayload, placesNumber, withJsonContentType, type HeaderRow, type SmsFormValues, type SmsMethod } from "../sms";
import { useRemoveSms, useSaveSms, useSmsSettings } from "../smsApi";

/** The placeholders as values: a literal {{to}} in a text would be read as i18next's own. */
const PH = { to: "{{to}}", text: "{{text}}" };

const MONO = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 13 } as const;

/** 系统设置 → 短信网关: the HTTP request each text message becomes, its signing secret, and a test message. */
export function SmsSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const canUpdate = can("settings:update");
  const { data: me } = useMe();
  const sms = useSmsSettings();
  const save = useSaveSms();
  const remove = useRemoveSms();
  const [form] = Form.useForm<SmsFormValues>();
  const serverErrors = useServerFieldErrors(form);
  const [removeSecret, setRemoveSecret] = useState(false);
  const method = Form.useWatch("method", form) as SmsMethod | undefined;
  const settings = sms.data?.settings;

  // The form follows the saved version: on the first load, after a save, after a reload on 412.
  useEffect(() => {
    if (!settings) return;
    form.resetFields();
    form.setFieldsValue(smsFormValues(settings));
    setRemoveSecret(false);
  }, [settings?.version, form]); // eslint-disable-line react-hooks/exhaustive-deps

  if (sms.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (sms.isError || !settings)
    return (
      <Alert
        type="error"
        showIcon
        message={t("settings:sms.loadFailed")}
        action={
          <Button size="small" onClick={() => void sms.refetch()}>
            {t("settings:sms.retry")}
          </Button>
        }
      />
    );

  const onFinish = (values: SmsFormValues) =>
    save.mutate(
      { body: smsPayload(values, { remove: removeSecret }), etag: sms.data?.etag },
      {
        onSuccess: () => void message.success(t("settings:sms.saved")),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 412) {
            void message.warning(t("settings:sms.stale"));
            void sms.refetch();
            return;
          }
          serverErrors.onError(e);
        },
      },
    );

  const fillJsonExample = () => {
    form.setFieldsValue({ body_template: JSON_EXAMPLE_BODY, headers: withJsonContentType(form.getFieldValue("headers") as HeaderRow[]) });
    if (form.getFieldValue("method") === "GET") form.setFieldValue("method", "POST");
    serverErrors.onValuesChange({ body_template: JSON_EXAMPLE_BODY, headers: [] });
  };

  const isGet = method === "GET";
  const secretState = removeSecret ? "removing" : settings.secret_set ? "set" : "unset";
  const methodOptions = SMS_METHODS.map((value) => ({ value, label: value }));

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={t("settings:sms.title")}>
          <Space direction="vertical" size={12} style={{ display: "flex", marginBottom: 16 }}>
            {!settings.configured && <Alert type="info" showIcon message={t("settings:sms.notConfigured")} data-testid="sms-not-configured" />}
            {!canUpdate && <Alert type="warning" showIcon message={t("settings:sms.readOnly")} data-testid="sms-read-only" />}
          </Space>
          <Form<SmsFormValues>
            form={form}
            name="sms"
            layout="vertical"
            disabled={!canUpdate}
            initialValues={smsFormValues(settings)}
            onValuesChange={serverErrors.onValuesChange}
            onFinish={onFinish}
            data-testid="sms-form"
          >
            <Form.Item
              name="url"
              label={t("settings:sms.fields.url")}
              extra={t("settings:sms.urlHint", PH)}
              rules={[
                { required: true, whitespace: true },
                { pattern: /^\s*https?:\/\/\S+\s*$/i, message: t("settings:sms.errors.url") },
              ]}
            >
              <Input placeholder="https://sms.example.com/api/send" maxLength={2000} autoComplete="off" spellCheck={false} style={MONO} data-testid="sms-url" />
            </Form.Item>
            <Form.Item name="method" label={t("settings:sms.fields.method")} rules={[{ required: true }]}>
              <Segmented<SmsMethod> options={methodOptions} data-testid="sms-method" />
            </Form.Item>
            <SmsHeadersField disabled={!canUpdate} />
            <Form.Item
              name="body_template"
              label={
                <Space size={8} wrap>
                  <span>{t("settings:sms.fields.body_template")}</span>
                  {canUpdate && (
                    <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={fillJsonExample} data-testid="sms-json-example">
                      {t("settings:sms.jsonExample")}
                    </Button>
                  )}
                </Space>
              }
              extra={isGet ? t("settings:sms.getHasNoBody", PH) : t("settings:sms.templateHint", PH)}
              dependencies={["url", "method"]}
              rules={[
                ({ getFieldsValue }) => ({
                  validator: () => {
                    const values = getFieldsValue(["url", "method", "body_template"]) as SmsFormValues;
                    if (!values.url || placesNumber(values)) return Promise.resolve();
                    return Promise.reject(new Error(values.method === "GET" ? t("settings:sms.errors.toInUrl", PH) : t("settings:sms.errors.toMissing", PH)));
                  },
                }),
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={4000}
                disabled={!canUpdate || isGet}
                placeholder={isGet ? undefined : JSON_EXAMPLE_BODY}
                spellCheck={false}
                style={MONO}
                data-testid="sms-body-template"
              />
            </Form.Item>
            <Form.Item
              label={t("settings:sms.fields.secret")}
              required={false}
              extra={
                <Space size={4} wrap>
                  <span data-testid="sms-secret-state" data-state={secretState}>
                    {t(`settings:sms.secret.${secretState}`)}
                  </span>
                  {canUpdate && settings.secret_set && !removeSecret && (
                    <Button type="link" size="small" danger style={{ paddingInline: 4 }} onClick={() => { form.setFieldValue("secret", ""); setRemoveSecret(true); }} data-testid="sms-secret-remove">
                      {t("settings:sms.secret.remove")}
                    </Button>
                  )}
                  {removeSecret && (
                    <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setRemoveSecret(false)} data-testid="sms-secret-keep">
                      {t("settings:sms.secret.undo")}
                    </Button>
                  )}
                </Space>
              }
            >
              <Form.Item name="secret" noStyle rules={[{ max: 512 }]}>
                <Input.Password
                  autoComplete="new-password"
                  disabled={!canUpdate || removeSecret}
                  placeholder={settings.secret_set && !removeSecret ? t("settings:sms.secret.keepPlaceholder") : t("settings:sms.secret.newPlaceholder")}
                  data-testid="sms-secret"
                />
              </Form.Item>
            </Form.Item>
            {canUpdate && (
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sms-save">
                  {t("common:actions.save")}
                </Button>
                {settings.configured && (
                  <ConfirmAction
                    variant="button"
                    danger
                    label={t("settings:sms.turnOff.label")}
                    question={t("settings:sms.turnOff.question")}
                    doneMessage={t("settings:sms.turnOff.done")}
                    onConfirm={() => remove.mutateAsync({ etag: sms.data?.etag })}
                    testId="sms-turn-off"
                  />
                )}
              </Space>
            )}
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Space direction="vertical" size={24} style={{ display: "flex" }}>
          <Card title={t("settings:sms.test.title")}>
            <SmsTestCard defaultTo={me?.phone} canSend={canUpdate} />
          </Card>
          <Card title={t("settings:sms.signature.title")} data-testid="sms-signature-help">
            <Typography.Paragraph>{t("settings:sms.signature.intro")}</Typography.Paragraph>
            <pre style={{ ...MONO, margin: "0 0 12px", padding: "8px 12px", borderRadius: 6, background: "rgba(0, 0, 0, 0.04)", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} translate="no">
              {"X-CRM-Signature: t=<unix>,v1=<hex>\nv1 = hex(HMAC-SHA256(secret, t + \".\" + body))"}
            </pre>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t("settings:sms.signature.verify")}</Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t("settings:sms.signature.get")}
            </Typography.Paragraph>
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
