import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { User } from "../../../api/types";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { useResetPassword } from "../api";

type Props = { user: User | null; onClose: () => void };

export function ResetPasswordModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ new_password: string }>();
  const reset = useResetPassword();
  const serverErrors = useServerFieldErrors(form);

  const onFinish = ({ new_password }: { new_password: string }) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, new_password },
      {
        onSuccess: () => {
          message.success(t("users:passwordReset"));
          onClose();
        },
        onError: (e) => serverErrors.onError(e),
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={t("users:resetPasswordTitle", { name: user?.display_name || user?.username })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:actions.save")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} onValuesChange={serverErrors.onValuesChange} layout="vertical" onFinish={onFinish} preserve={false}>
        <Form.Item name="new_password" label={t("users:newPassword")} extra={t("users:passwordHint")} rules={[{ required: true }, { min: 8 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
