import { useState } from "react";
import { App, Button, Form, Input, Modal, Space, Typography, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { useMe, usePermission } from "../../auth/api";
import { useApprovalMove } from "../api";
import { availableActions, currentStep, withdrawConfirmKey, type ApprovalActionKey, type ApprovalDetail } from "../model";

type Values = { comment?: string; user_id?: string };

const LOOK: Record<ApprovalActionKey, Pick<ButtonProps, "type" | "danger">> = {
  approve: { type: "primary" },
  reject: { danger: true },
  transfer: {},
  withdraw: {},
  comment: {},
};

/** The server's limit on a comment. */
const COMMENT_MAX = 2000;

/**
 * What the caller may do with the approval, each through one dialog with a comment box: approve,
 * reject, transfer (to a colleague), withdraw (the applicant) and comment. A refused comment (a
 * reason this flow requires) shows under the box; anything else closes the dialog with the reason.
 */
export function ApprovalActions({ approval }: { approval: ApprovalDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const { data: me } = useMe();
  const move = useApprovalMove(approval.id);
  const [form] = Form.useForm<Values>();
  const { onError, onValuesChange } = useServerFieldErrors(form);
  const [open, setOpen] = useState<ApprovalActionKey | null>(null);
  const actions = availableActions(approval, can);
  // Nobody already on the step, nor the caller, is a transfer's target (422 `already_approver`).
  const onStep = currentStep(approval)?.approvers.map((a) => a.user_id) ?? [];

  const finish = async (values: Values) => {
    if (!open) return;
    try {
      if (open === "transfer") await move.mutateAsync({ kind: "transfer", user_id: values.user_id ?? "", comment: values.comment });
      else if (open === "comment") await move.mutateAsync({ kind: "comment", comment: values.comment ?? "" });
      else await move.mutateAsync({ kind: open, comment: values.comment });
      message.success(t(`approvals:actions.done.${open}`));
      setOpen(null);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 422)) setOpen(null);
      onError(error);
    }
  };

  const placeholder =
    open === "reject" ? t("approvals:actions.rejectPlaceholder") : open === "comment" ? t("approvals:actions.remarkPlaceholder") : t("approvals:actions.commentPlaceholder");

  return (
    <>
      <Space wrap size={8}>
        {actions.map((action) => (
          <Button key={action} {...LOOK[action]} onClick={() => setOpen(action)} data-testid={`approval-${action}`}>
            {t(`approvals:actions.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`approvals:actions.${open}`) : ""}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={open ? t(`approvals:actions.${open}`) : ""}
        cancelText={t("common:actions.cancel")}
        okButtonProps={{ danger: open === "reject", loading: move.isPending, "data-testid": "approval-action-confirm" } as ButtonProps}
        destroyOnHidden
      >
        {open === "withdraw" && <Typography.Paragraph>{t(withdrawConfirmKey(approval), { label: approval.doc_label })}</Typography.Paragraph>}
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void finish(values)} onValuesChange={onValuesChange} initialValues={{ comment: "" }}>
          {open === "transfer" && (
            <Form.Item name="user_id" label={t("approvals:actions.transferTo")} rules={[{ required: true, message: t("errors:field.required") }]}>
              <UserPicker exclude={[...onStep, ...(me ? [me.id] : [])]} style={{ width: "100%" }} data-testid="approval-transfer-user" />
            </Form.Item>
          )}
          <Form.Item
            name="comment"
            label={t("approvals:actions.commentLabel")}
            rules={open === "comment" ? [{ required: true, whitespace: true, message: t("errors:field.required") }] : []}
          >
            <Input.TextArea rows={3} maxLength={COMMENT_MAX} placeholder={placeholder} data-testid="approval-comment-input" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
