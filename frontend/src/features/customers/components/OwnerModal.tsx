import { App, Checkbox, Form, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { useAssignCustomers, useTransferCustomers } from "../api";

export type OwnerChange = "transfer" | "assign";

type Values = { owner_id: string; with_contacts: boolean; with_opportunities: boolean };

type Props = {
  mode: OwnerChange | null;
  customers: readonly Customer[];
  onClose: () => void;
  onDone: () => void;
};

/** Transfers owned customers (转移) or assigns public ones (分配) to an owner picked by search. */
export function OwnerModal({ mode, customers, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const serverErrors = useServerFieldErrors(form);
  const transfer = useTransferCustomers();
  const assign = useAssignCustomers();

  const onFinish = (values: Values) => {
    const customer_ids = customers.map((c) => c.id);
    const options = {
      onSuccess: (result: { items: Customer[] }) => {
        // Every customer in the answer now has the new owner.
        const owner = result.items[0]?.owner_name ?? "";
        message.success(t(`customers:bulk.done.${mode ?? "transfer"}`, { count: result.items.length, owner }));
        onDone();
      },
      onError: (e: unknown) => serverErrors.onError(e),
    };
    if (mode === "transfer") {
      transfer.mutate({ customer_ids, owner_id: values.owner_id, with_contacts: values.with_contacts, with_opportunities: values.with_opportunities }, options);
    } else if (mode === "assign") {
      assign.mutate({ customer_ids, owner_id: values.owner_id }, options);
    }
  };

  return (
    <Modal
      open={mode !== null}
      title={mode ? t(`customers:bulk.title.${mode}`, { count: customers.length }) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:confirm.yes")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={transfer.isPending || assign.isPending}
      okButtonProps={{ "data-testid": "owner-modal-ok" }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {customers.map((c) => c.name).join(t("customers:history.separator"))}
      </Typography.Paragraph>
      <Form<Values> form={form} onValuesChange={serverErrors.onValuesChange} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ with_contacts: true, with_opportunities: true }}>
        <Form.Item name="owner_id" label={t("customers:bulk.owner")} rules={[{ required: true, message: t("customers:bulk.ownerRequired") }]}>
          <UserPicker data-testid="owner-picker" />
        </Form.Item>
        {mode === "transfer" && (
          <>
            <Form.Item name="with_contacts" valuePropName="checked" extra={t("customers:bulk.withContactsHint")} style={{ marginBottom: 8 }}>
              <Checkbox disabled>{t("customers:bulk.withContacts")}</Checkbox>
            </Form.Item>
            <Form.Item name="with_opportunities" valuePropName="checked" extra={t("customers:bulk.withOpportunitiesHint")}>
              <Checkbox>{t("customers:bulk.withOpportunities")}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
