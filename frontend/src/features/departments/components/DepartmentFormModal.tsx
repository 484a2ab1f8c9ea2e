import { useEffect } from "react";
import { App, Form, Input, InputNumber, Modal, Select, TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentNode } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { departmentTreeOptions, useUserOptions } from "../../../shared/lookups";
import { useCreateDepartment, useUpdateDepartment } from "../api";

type Values = { name: string; parent_id?: string; head_id?: string; remark?: string; sort_order?: number };

/** `department` set: edit it; otherwise create, under `parentId` when given. */
export type DepartmentFormTarget = { department: DepartmentNode | null; parentId?: string } | null;

type Props = { target: DepartmentFormTarget; tree: DepartmentNode[]; onClose: () => void };

export function DepartmentFormModal({ target, tree, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onProblem = useProblemHandler();
  const users = useUserOptions();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const department = target?.department ?? null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(
      department
        ? {
            name: department.name,
            parent_id: department.parent_id ?? undefined,
            head_id: department.head_id ?? undefined,
            remark: department.remark ?? undefined,
            sort_order: department.sort_order,
          }
        : { parent_id: target.parentId, sort_order: 0 },
    );
  }, [target, department, form]);

  const onFinish = (values: Values) => {
    const body = {
      name: values.name.trim(),
      parent_id: values.parent_id ?? null,
      head_id: values.head_id ?? null,
      remark: values.remark?.trim() ? values.remark.trim() : null,
      sort_order: values.sort_order ?? 0,
    };
    const options = {
      onSuccess: () => {
        message.success(t(department ? "common:messages.saved" : "common:messages.created"));
        onClose();
      },
      onError: (e: unknown) => onProblem(e, form),
    };
    if (department) update.mutate({ department, patch: body }, options);
    else create.mutate(body, options);
  };

  return (
    <Modal
      open={!!target}
      title={department ? t("departments:editTitle", { name: department.name }) : t("departments:createTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:actions.save")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ "data-testid": "department-save" }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
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
      </Form>
    </Modal>
  );
}
