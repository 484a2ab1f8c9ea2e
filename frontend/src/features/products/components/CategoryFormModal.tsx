import { useEffect } from "react";
import { App, Form, Input, InputNumber, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { CategoryNode } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { categoryLabel } from "../categories";
import { useCreateCategory, useUpdateCategory } from "../api";

type Values = { name: string; sort_order?: number; remark?: string };

/** A new top category (`parent` null), a new child of `parent`, or renaming `node`. */
export type CategoryFormTarget = { kind: "create"; parent: CategoryNode | null } | { kind: "edit"; node: CategoryNode } | null;

type Props = { target: CategoryFormTarget; onClose: () => void; onSaved?: (id: string) => void };

export function CategoryFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onProblem = useProblemHandler();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const editing = target?.kind === "edit" ? target.node : null;
  const parent = target?.kind === "create" ? target.parent : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(
      editing ? { name: editing.name, sort_order: editing.sort_order, remark: editing.remark ?? undefined } : { sort_order: 0 },
    );
  }, [target, editing, form]);

  const onFinish = (values: Values) => {
    const remark = values.remark?.trim() ? values.remark.trim() : null;
    const done = (id: string, text: string) => {
      message.success(text);
      onSaved?.(id);
      onClose();
    };
    if (editing) {
      update.mutate(
        { id: editing.id, patch: { name: values.name.trim(), sort_order: values.sort_order ?? 0, remark } },
        { onSuccess: () => done(editing.id, t("common:messages.saved")), onError: (e) => onProblem(e, form) },
      );
    } else {
      create.mutate(
        { name: values.name.trim(), parent_id: parent?.id ?? null, sort_order: values.sort_order ?? 0, remark },
        { onSuccess: (created) => done(created.id, t("common:messages.created")), onError: (e) => onProblem(e, form) },
      );
    }
  };

  const title = editing
    ? t("products:categories.editTitle", { name: editing.name })
    : parent
      ? t("products:categories.createChildTitle", { parent: categoryLabel(parent) })
      : t("products:categories.createTopTitle");

  return (
    <Modal
      open={!!target}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:actions.save")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ "data-testid": "category-save" }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        {editing && (
          <Form.Item label={t("products:categories.fields.code")}>
            <Input value={editing.code} disabled />
          </Form.Item>
        )}
        <Form.Item name="name" label={t("products:categories.fields.name")} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input data-testid="category-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="sort_order" label={t("products:categories.fields.sort_order")} extra={t("products:categories.sortHint")}>
          <InputNumber precision={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="remark" label={t("products:categories.fields.remark")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
