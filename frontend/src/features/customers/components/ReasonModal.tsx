import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { PoolReason } from "../../../api/types";

type Props = {
  open: boolean;
  title: string;
  loading: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
};

/** Asks why a customer is released or invalidated; the API requires a reason for both. */
export function ReasonModal({ open, title, loading, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PoolReason>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:confirm.yes")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={loading}
      okButtonProps={{ "data-testid": "pool-reason-ok" }}
      destroyOnHidden
    >
      <Form<PoolReason> form={form} layout="vertical" preserve={false} onFinish={(values) => onSubmit(values.reason.trim())}>
        <Form.Item name="reason" label={t("customers:pool.reason")} rules={[{ required: true, whitespace: true, message: t("customers:pool.reasonRequired") }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="pool-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
