import { useEffect, useRef, useState } from "react";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, fieldErrorText, type FieldProblem } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useMe, usePermission } from "../../auth/api";
import { ConfirmAction } from "../../../shared/components/ConfirmDelete";
import { useRemoveSmtp, useSaveSmtp, useSmtpSettings } from "../api";
import { SmtpTestCard } from "../components/SmtpTestCard";
import {
  DEFAULT_PORTS,
  formValues,
  portAfterSecurityChange,
  SECURITIES,
  smtpPayload,
  splitFieldErrors,
  type SmtpField,
  type SmtpFormValues,
  type SmtpSecurity,
} from "../smtp";

/** 系统设置 → 邮件服务器: where e-mail notifications leave from, and a test message through it. */
export function SmtpSettingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const can = usePermission();
  const canUpdate = can("settings:update");
  const { data: me } = useMe();
  const smtp = useSmtpSettings();
  const save = useSaveSmtp();
  const remove = useRemoveSmtp();
  const [form] = Form.useForm<SmtpFormValues>();
  const [clearPassword, setClearPassword] = useState(false);
  const security = useRef<SmtpSecurity | undefined>(undefined);
  const serverErrors = useRef(new Set<SmtpField>());
  const settings = smtp.data?.settings;

  // The form follows the saved version: on the first load, after a save, after a reload on 412.
  useEffect(() => {
    if (!settings) return;
    const values = formValues(settings);
    form.resetFields();
    form.setFieldsValue(values);
    security.current = values.security;
    serverErrors.current.clear();
    setClearPassword(false);
  }, [settings?.version, form]); // eslint-disable-line react-hooks/exhaustive-deps

  if (smtp.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (smtp.isError || !settings)
    return (
      <Alert
        type="error"
        showIcon
        message={t("settings:smtp.loadFailed")}
        action={
          <Button size="small" onClick={() => void smtp.refetch()}>
            {t("settings:smtp.retry")}
          </Button>
        }
      />
    );

  const fieldError = (error: FieldProblem) => {
    const key = `settings:smtp.errors.${error.field}`;
    return i18n.exists(key) ? t(key) : fieldErrorText(error);
  };

  const onValuesChange = (changed: Partial<SmtpFormValues>) => {
    if (changed.security) {
      const port = portAfterSecurityChange(form.getFieldValue("port") as number | null, security.current, changed.security);
      if (port !== form.getFieldValue("port")) form.setFieldValue("port", port);
      security.current = changed.security;
    }
    // The server's verdict was on the old value: an edited field loses it.
    const edited = Object.keys(changed).filter((name): name is SmtpField => serverErrors.current.has(name as SmtpField));
    if (edited.length > 0) {
      edited.forEach((name) => serverErrors.current.delete(name));
      form.setFields(edited.map((name) => ({ name, errors: [] })));
    }
  };

  const onFinish = (values: SmtpFormValues) =>
    save.mutate(
      { body: smtpPayload(values, { clear: clearPassword }), etag: smtp.data?.etag },
      {
        onSuccess: () => void message.success(t("settings:smtp.saved")),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 412) {
            void message.warning(t("settings:smtp.stale"));
            void smtp.refetch();
            return;
          }
          if (e instanceof ApiError && e.status === 422) {
            const { onForm, rest } = splitFieldErrors(e.problem.errors);
            onForm.forEach((error) => serverErrors.current.add(error.field));
            form.setFields(onForm.map((error) => ({ name: error.field, errors: [fieldError(error)] })));
            if (rest.length === 0 && onForm.length > 0) return;
          }
          onProblem(e);
        },
      },
    );

  const securityOptions = SECURITIES.map((value) => ({ value, label: t(`settings:smtp.security.${value}`) }));
  const passwordState = clearPassword ? "clearing" : settings.password_set ? "set" : "unset";

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={t("settings:smtp.title")}>
          <Space direction="vertical" size={12} style={{ display: "flex", marginBottom: 16 }}>
            {!settings.configured && <Alert type="info" showIcon message={t("settings:smtp.notConfigured")} data-testid="smtp-not-configured" />}
            {!canUpdate && <Alert type="warning" showIcon message={t("settings:smtp.readOnly")} data-testid="smtp-read-only" />}
          </Space>
          <Form<SmtpFormValues>
            form={form}
            name="smtp"
            layout="vertical"
            disabled={!canUpdate}
            initialValues={formValues(settings)}
            onValuesChange={onValuesChange}
            onFinish={onFinish}
            data-testid="smtp-form"
          >
            <Row gutter={16}>
              <Col xs={24} md={16}>
                <Form.Item name="host" label={t("settings:smtp.fields.host")} rules={[{ required: true, whitespace: true }]}>
                  <Input placeholder="smtp.example.com" autoComplete="off" spellCheck={false} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="port" label={t("settings:smtp.fields.port")} rules={[{ required: true }, { type: "integer", min: 1, max: 65535, message: t("settings:smtp.errors.port") }]}>
                  <InputNumber min={1} max={65535} precision={0} controls={false} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item
                  name="security"
                  label={t("settings:smtp.fields.security")}
                  rules={[{ required: true }]}
                  extra={t("settings:smtp.securityHint", DEFAULT_PORTS)}
                >
                  <Select options={securityOptions} data-testid="smtp-security" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="username" label={t("settings:smtp.fields.username")} extra={t("settings:smtp.usernameHint")}>
                  <Input autoComplete="off" spellCheck={false} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label={t("settings:smtp.fields.password")}
                  required={false}
                  extra={
                    <Space size={4} wrap>
                      <span data-testid="smtp-password-state" data-state={passwordState}>
                        {t(`settings:smtp.password.${passwordState}`)}
                      </span>
                      {canUpdate && settings.password_set && !clearPassword && (
                        <Button type="link" size="small" danger style={{ paddingInline: 4 }} onClick={() => { form.setFieldValue("password", ""); setClearPassword(true); }} data-testid="smtp-password-clear">
                          {t("settings:smtp.password.clear")}
                        </Button>
                      )}
                      {clearPassword && (
                        <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setClearPassword(false)} data-testid="smtp-password-keep">
                          {t("settings:smtp.password.undo")}
                        </Button>
                      )}
                    </Space>
                  }
                >
                  <Form.Item name="password" noStyle>
                    <Input.Password
                      autoComplete="new-password"
                      disabled={!canUpdate || clearPassword}
                      placeholder={settings.password_set && !clearPassword ? t("settings:smtp.password.keepPlaceholder") : undefined}
                      data-testid="smtp-password"
                    />
                  </Form.Item>
                </Form.Item>
              </Col>
              {settings.password_from_environment && (
                <Col xs={24}>
                  <Alert type="info" showIcon style={{ marginBottom: 24 }} message={t("settings:smtp.password.fromEnvironment")} data-testid="smtp-password-env" />
                </Col>
              )}
              <Col xs={24} md={12}>
                <Form.Item name="from" label={t("settings:smtp.fields.from")} rules={[{ required: true, whitespace: true }, { type: "email" }]}>
                  <Input placeholder="crm@example.com" autoComplete="off" spellCheck={false} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="from_name" label={t("settings:smtp.fields.from_name")} extra={t("settings:smtp.fromNameHint")}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            {canUpdate && (
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="smtp-save">
                  {t("common:actions.save")}
                </Button>
                {settings.configured && (
                  <ConfirmAction
                    variant="button"
                    danger
                    label={t("settings:smtp.turnOff.label")}
                    question={t("settings:smtp.turnOff.question")}
                    doneMessage={t("settings:smtp.turnOff.done")}
                    onConfirm={() => remove.mutateAsync({ etag: smtp.data?.etag })}
                    testId="smtp-turn-off"
                  />
                )}
              </Space>
            )}
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t("settings:smtp.test.title")}>
          <SmtpTestCard defaultTo={me?.email} canSend={canUpdate} />
        </Card>
      </Col>
    </Row>
  );
}
