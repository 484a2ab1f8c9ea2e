import { useState } from "react";
import { Alert, Button, Form, Input, Tag, Typography } from "antd";
import { SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useTestSms } from "../smsApi";
import { TheirWords } from "./TheirWords";

type Outcome =
  | { kind: "delivered"; to: string; status?: number | null }
  | { kind: "failed"; to: string; status?: number | null; error?: string | null }
  | { kind: "notConfigured" };

// As the server checks it: 5 to 20 digits, with +, spaces, brackets and dashes between.
const PHONE = /^ *\+?[ ()-]*([0-9][ ()-]*){5,20}$/;

/**
 * 发送测试短信: a message through the saved gateway to a number (the user's own to start with).
 * What the gateway answered (its status and words, or the connection's failure) is shown as it came.
 */
export function SmsTestCard({ defaultTo, canSend }: { defaultTo: string | null | undefined; canSend: boolean }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ to: string }>();
  const send = useTestSms();
  const onProblem = useProblemHandler();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const onFinish = ({ to }: { to: string }) => {
    const number = to.trim();
    setOutcome(null);
    send.mutate(
      { to: number, language: i18n.language },
      {
        onSuccess: (result) =>
          setOutcome(result.delivered ? { kind: "delivered", to: number, status: result.status } : { kind: "failed", to: number, status: result.status, error: result.error }),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409 && e.problem.code === "sms.not_configured") return setOutcome({ kind: "notConfigured" });
          if (e instanceof ApiError && e.status === 422) return form.setFields([{ name: "to", errors: [t("settings:sms.test.badTo")] }]);
          onProblem(e);
        },
      },
    );
  };

  const status = (code: number | null | undefined) =>
    code === null || code === undefined ? null : (
      <Tag color={code >= 200 && code < 300 ? "success" : "error"} style={{ marginInlineStart: 8 }} data-testid="sms-test-status">
        HTTP {code}
      </Tag>
    );

  return (
    <>
      <Typography.Paragraph type="secondary">{t("settings:sms.test.help")}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ to: defaultTo ?? "" }} onFinish={onFinish} disabled={!canSend}>
        <Form.Item name="to" label={t("settings:sms.test.to")} rules={[{ required: true, whitespace: true }, { pattern: PHONE, message: t("settings:sms.test.badTo") }]}>
          <Input type="tel" inputMode="tel" autoComplete="tel" placeholder="13800138000" data-testid="sms-test-to" />
        </Form.Item>
        <Button type="primary" ghost htmlType="submit" icon={<SendOutlined />} loading={send.isPending} data-testid="sms-test-send">
          {t("settings:sms.test.send")}
        </Button>
      </Form>
      {outcome && (
        <div style={{ marginTop: 16 }} data-testid="sms-test-result" data-outcome={outcome.kind}>
          {outcome.kind === "delivered" && (
            <Alert type="success" showIcon message={<>{t("settings:sms.test.delivered", { to: outcome.to })}{status(outcome.status)}</>} />
          )}
          {outcome.kind === "notConfigured" && <Alert type="warning" showIcon message={t("settings:sms.test.notConfigured")} />}
          {outcome.kind === "failed" && (
            <Alert
              type="error"
              showIcon
              message={<>{t("settings:sms.test.failed", { to: outcome.to })}{status(outcome.status)}</>}
              description={
                outcome.error ? (
                  <>
                    <div>{t(outcome.status === null || outcome.status === undefined ? "settings:sms.test.connectionSaid" : "settings:sms.test.gatewaySaid")}</div>
                    <TheirWords text={outcome.error} testId="sms-test-error" />
                  </>
                ) : undefined
              }
            />
          )}
        </div>
      )}
    </>
  );
}
