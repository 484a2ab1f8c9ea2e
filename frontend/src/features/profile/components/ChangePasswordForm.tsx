import { App, Button, Checkbox, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { useChangePassword } from "../api";

type Values = { current_password: string; new_password: string; confirm_password: string; revoke_api_tokens?: boolean };

export const MIN_PASSWORD_LENGTH = 8;

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const serverErrors = useServerFieldErrors(form);

  const onFinish = ({ current_password, new_password, revoke_api_tokens }: Values) =>
    change.mutate(
      { current_password, new_password, revoke_api_tokens: revoke_api_tokens ?? false },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t("profile:passwordChanged"));
        },
        onError: (e) => serverErrors.onError(e),
      },
    );

  return (
    <Form<Values> form={form} onValuesChange={serverErrors.onValuesChange} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
      <Form.Item name="current_password" label={t("profile:fields.current_password")} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t("profile:fields.new_password")}
        rules={[{ required: true }, { min: MIN_PASSWORD_LENGTH }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm_password"
        label={t("profile:fields.confirm_password")}
        dependencies={["new_password"]}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue("new_password") === value
                ? Promise.resolve()
                : Promise.reject(new Error(t("profile:passwordMismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="revoke_api_tokens" valuePropName="checked" extra={t("profile:otherSessionsEnd")}>
        <Checkbox>{t("profile:revokeApiTokens")}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t("profile:changePassword")}
      </Button>
    </Form>
  );
}
