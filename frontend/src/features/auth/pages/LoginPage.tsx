import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { Alert, Button, Form, Segmented, Space } from "antd";
// Input and Password from their own modules: antd's Input index also brings TextArea, Search and OTP.
import Input from "antd/es/input/Input";
import Password from "antd/es/input/Password";
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../../app/documentTitle";
import { Panel, Text, Title } from "../../../shared/components/lightweight";
import { ApiError, problemText } from "../../../api/problem";
import { hasSession } from "../../../api/session";
import { useLocale } from "../../../app/locale";
import { LOCALES, type AppLocale } from "../../../i18n/locale";
import { useLogin, type LoginInput } from "../api";

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("auth:login.title"));
  const navigate = useNavigate();
  const location = useLocation();
  const { locale, setLocale } = useLocale();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);

  const from = (location.state as { from?: string } | null)?.from;
  if (hasSession() && !login.isPending && !login.isSuccess) return <Navigate to="/" replace />;

  const onFinish = (values: LoginInput) => {
    setError(null);
    login.mutate(values, {
      onSuccess: () => navigate(from && from !== "/login" ? from : "/", { replace: true }),
      onError: (e) => {
        if (e instanceof ApiError && e.status === 429) {
          // The name is locked (auth.locked), this address backs off (auth.throttled), or the
          // server turns unknown clients away for a while (auth.busy, rate_limited).
          const seconds = e.retryAfter;
          const reason = e.problem.code === "auth.locked" ? "locked" : e.problem.code === "auth.throttled" ? "throttled" : "busy";
          setError(seconds ? t(`auth:login.${reason}`, { seconds }) : t("auth:login.lockedNoTime"));
        } else if (e instanceof ApiError && e.status === 401) {
          // One answer for a wrong password, an unknown name and a disabled account.
          setError(t("auth:login.failed"));
        } else {
          setError(problemText(e));
        }
      },
    });
  };

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 100%)",
      }}
    >
      {/* A Panel, not antd's Card: the Card brings Tabs (with their menu and dropdown), which the
          page every session starts on does not need. */}
      <Panel data-testid="login-panel" style={{ width: 380, maxWidth: "100%" }}>
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
            <div>
              <Title>
                {t("auth:login.title")}
              </Title>
              <Text type="secondary">{t("auth:login.subtitle")}</Text>
            </div>
            <Segmented<AppLocale>
              size="small"
              value={locale}
              onChange={setLocale}
              options={LOCALES.map((value) => ({ value, label: t(`common:language.${value}`) }))}
            />
          </div>
          {error && <Alert type="error" showIcon message={error} data-testid="login-error" />}
          <Form<LoginInput> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item name="username" label={t("auth:login.username")} rules={[{ required: true }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t("auth:login.password")} rules={[{ required: true }]}>
              <Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t("auth:login.submit")}
            </Button>
          </Form>
        </Space>
      </Panel>
    </div>
  );
}
