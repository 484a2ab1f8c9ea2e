import { Form, Input, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import type { CategoryNode } from "../../../api/types";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { categoryLabel } from "../categories";
import { categoriesApi } from "../api";

type Values = { name: string; sort_order?: number; remark?: string };

/** A new top category (`parent` null), a new child of `parent`, or renaming `node`. */
export type CategoryFormTarget = { kind: "create"; parent: CategoryNode | null } | { kind: "edit"; node: CategoryNode } | null;

type Props = { target: CategoryFormTarget; onClose: () => void };

export function CategoryFormModal({ target, onClose }: Props) {
  const { t } = useTranslation();
  const create = categoriesApi.useCreate();
  const update = categoriesApi.useUpdate();
  const editing = target?.kind === "edit" ? target.node : null;
  const parent = target?.kind === "create" ? target.parent : null;

  const submit = (values: Values) => {
    const common = { name: values.name.trim(), sort_order: values.sort_order ?? 0, remark: values.remark?.trim() ? values.remark.trim() : null };
    // The tree carries no version, so the PATCH goes without If-Match (the API takes that).
    return editing ? update.mutateAsync({ record: editing, patch: common }) : create.mutateAsync({ ...common, parent_id: parent?.id ?? null });
  };

  const title = editing
    ? t("products:categories.editTitle", { name: editing.name })
    : parent
      ? t("products:categories.createChildTitle", { parent: categoryLabel(parent) })
      : t("products:categories.createTopTitle");

  return (
    <ResourceFormDrawer<Values>
      container="modal"
      open={!!target}
      title={title}
      onClose={onClose}
      initialValues={editing ? { name: editing.name, sort_order: editing.sort_order, remark: editing.remark ?? undefined } : { sort_order: 0 }}
      recordKey={target}
      onSubmit={submit}
      successMessage={t(editing ? "common:messages.saved" : "common:messages.created")}
      saveTestId="category-save"
    >
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
    </ResourceFormDrawer>
  );
}
