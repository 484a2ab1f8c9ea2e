import { useEffect } from "react";
import { Alert, App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { DataScope, PermissionCode, Role } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { DATA_SCOPES, useCreateRole, usePermissionCatalogue, useUpdateRole } from "../api";
import { PermissionMatrix } from "./PermissionMatrix";

type Values = { name: string; description?: string; data_scope: DataScope; permissions: string[] };

/** `role` null: create; a role: edit it. The modal is open while `target` is set. */
export type RoleFormTarget = { role: Role | null } | null;

type Props = { target: RoleFormTarget; onClose: () => void };

export function RoleFormModal({ target, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onProblem = useProblemHandler();
  const catalogue = usePermissionCatalogue();
  const create = useCreateRole();
  const update = useUpdateRole();
  const role = target?.role ?? null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(
      role
        ? { name: role.name, description: role.description ?? undefined, data_scope: role.data_scope, permissions: role.permissions }
        : { data_scope: "self", permissions: [] },
    );
  }, [target, role, form]);

  const onFinish = (values: Values) => {
    const body = {
      name: values.name.trim(),
      description: values.description?.trim() ? values.description.trim() : null,
      data_scope: values.data_scope,
      // Picked from the catalogue the server sent (GET /permissions).
      permissions: values.permissions as PermissionCode[],
    };
    const options = {
      onSuccess: () => {
        message.success(t(role ? "common:messages.saved" : "common:messages.created"));
        onClose();
      },
      onError: (e: unknown) => onProblem(e, form),
    };
    if (role) update.mutate({ role, patch: body }, options);
    else create.mutate(body, options);
  };

  return (
    <Modal
      open={!!target}
      width={1100}
      title={role ? t("roles:editTitle", { name: role.name }) : t("roles:createTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:actions.save")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ "data-testid": "role-save" }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="name" label={t("roles:fields.name")} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="role-name" />
        </Form.Item>
        <Form.Item name="description" label={t("roles:fields.description")}>
          <Input />
        </Form.Item>
        <Form.Item name="data_scope" label={t("roles:fields.data_scope")} rules={[{ required: true }]}>
          <Select
            data-testid="role-data-scope"
            options={DATA_SCOPES.map((scope) => ({ value: scope, label: t(`common:dataScope.${scope}`) }))}
          />
        </Form.Item>
        <Form.Item name="permissions" label={t("roles:fields.permissions")}>
          {catalogue.isError ? (
            <Alert type="error" message={t("common:messages.loadFailed")} />
          ) : (
            <PermissionMatrix catalogue={catalogue.data ?? []} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
