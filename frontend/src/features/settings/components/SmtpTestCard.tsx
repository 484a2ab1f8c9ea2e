import { useState } from "react";
import { Alert, Button, Form, Input, Typography } from "antd";
import { SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useTestSmtp } from "../api";
import { TheirWords } from "./TheirWords";

type Outcome = { kind: "delivered"; to: string } | { kind: "failed"; to: string; error?: string | null } | { kind: "notConfigured" };

/**
 * 发送测试邮件: a message through the saved settings to an address (the user's own to start with).
 * A refusal is the SMTP server's own words, shown as they came under a sentence in the user's language.
 */
export function SmtpTestCard({ defaultTo, canSend }: { defaultTo: string | null | undefined; canSend: boolean }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ to: string }>();
  const send = useTestSmtp();
  const onProblem = useProblemHandler();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const onFinish = ({ to }: { to: string }) => {
    const address = to.trim();
    setOutcome(null);
    send.mutate(
      { to: address, language: i18n.language },
      {
        onSuccess: (result) => setOutcome(result.delivered ? { kind: "delivered", to: address } : { kind: "failed", to: address, error: result.error }),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409 && e.problem.code === "smtp.not_configured") return setOutcome({ kind: "notConfigured" });
          if (e instanceof ApiError && e.status === 422) return form.setFields([{ name: "to", errors: [t("settings:smtp.test.badTo")] }]);
          onProblem(e);
        },
      },
    );
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t("settings:smtp.test.help")}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ to: defaultTo ?? "" }} onFinish={onFinish} disabled={!canSend}>
        <Form.Item name="to" label={t("settings:smtp.test.to")} rules={[{ required: true, whitespace: true }, { type: "email" }]}>
          <Input type="email" autoComplete="email" data-testid="smtp-test-to" />
        </Form.Item>
        <Button type="primary" ghost htmlType="submit" icon={<SendOutlined />} loading={send.isPending} data-testid="smtp-test-send">
          {t("settings:smtp.test.send")}
        </Button>
      </Form>
      {outcome && (
        <div style={{ marginTop: 16 }} data-testid="smtp-test-result" data-outcome={outcome.kind}>
          {outcome.kind === "delivered" && <Alert type="success" showIcon message={t("settings:smtp.test.delivered", { to: outcome.to })} />}
          {outcome.kind === "notConfigured" && <Alert type="warning" showIcon message={t("settings:smtp.test.notConfigured")} />}
          {outcome.kind === "failed" && (
            <Alert
              type="error"
              showIcon
              message={t("settings:smtp.test.failed", { to: outcome.to })}
              description={
                outcome.error ? (
                  <>
                    <div>{t("settings:smtp.test.serverSaid")}</div>
                    <TheirWords text={outcome.error} testId="smtp-test-error" />
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
