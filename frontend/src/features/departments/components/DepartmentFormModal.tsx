import { Form, Input, InputNumber, Select, TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentNode } from "../../../api/types";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { departmentTreeOptions, useUserOptions } from "../../../shared/lookups";
import { departmentsApi } from "../api";

type Values = { name: string; parent_id?: string; head_id?: string; remark?: string; sort_order?: number };

/** `department` set: edit it; otherwise create, under `parentId` when given. */
export type DepartmentFormTarget = { department: DepartmentNode | null; parentId?: string } | null;

type Props = { target: DepartmentFormTarget; tree: DepartmentNode[]; onClose: () => void };

export function DepartmentFormModal({ target, tree, onClose }: Props) {
  const { t } = useTranslation();
  const users = useUserOptions();
  const create = departmentsApi.useCreate();
  const update = departmentsApi.useUpdate();
  const department = target?.department ?? null;

  const submit = (values: Values) => {
    const body = {
      name: values.name.trim(),
      parent_id: values.parent_id ?? null,
      head_id: values.head_id ?? null,
      remark: values.remark?.trim() ? values.remark.trim() : null,
      sort_order: values.sort_order ?? 0,
    };
    return department ? update.mutateAsync({ record: department, patch: body }) : create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<Values>
      container="modal"
      open={!!target}
      title={department ? t("departments:editTitle", { name: department.name }) : t("departments:createTitle")}
      onClose={onClose}
      initialValues={
        department
          ? {
              name: department.name,
              parent_id: department.parent_id ?? undefined,
              head_id: department.head_id ?? undefined,
              remark: department.remark ?? undefined,
              sort_order: department.sort_order,
            }
          : { parent_id: target?.parentId, sort_order: 0 }
      }
      recordKey={target}
      onSubmit={submit}
      successMessage={t(department ? "common:messages.saved" : "common:messages.created")}
      saveTestId="department-save"
    >
      <Form.Item name="name" label={t("departments:fields.name")} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="department-name" />
      </Form.Item>
      <Form.Item name="parent_id" label={t("departments:fields.parent")}>
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          placeholder={t("departments:topLevel")}
          // A department cannot move under itself or its own sub-departments.
          treeData={departmentTreeOptions(tree, department?.id)}
        />
      </Form.Item>
      <Form.Item name="head_id" label={t("departments:fields.head")}>
        <Select allowClear showSearch optionFilterProp="label" loading={users.isPending} options={users.data ?? []} />
      </Form.Item>
      <Form.Item name="sort_order" label={t("departments:fields.sort_order")}>
        <InputNumber precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="remark" label={t("departments:fields.remark")}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
