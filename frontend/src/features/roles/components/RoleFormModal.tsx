import { Alert, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { DataScope, PermissionCode, Role } from "../../../api/types";
import { roleName } from "../../../shared/systemText";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { DATA_SCOPES, rolesApi, usePermissionCatalogue } from "../api";
import { PermissionMatrix } from "./PermissionMatrix";

type Values = { name: string; description?: string; data_scope: DataScope; permissions: string[] };

/** `role` null: create; a role: edit it. The modal is open while `target` is set. */
export type RoleFormTarget = { role: Role | null } | null;

type Props = { target: RoleFormTarget; onClose: () => void };

export function RoleFormModal({ target, onClose }: Props) {
  const { t } = useTranslation();
  const catalogue = usePermissionCatalogue();
  const create = rolesApi.useCreate();
  const update = rolesApi.useUpdate();
  const role = target?.role ?? null;

  const submit = (values: Values) => {
    const body = {
      name: values.name.trim(),
      description: values.description?.trim() ? values.description.trim() : null,
      data_scope: values.data_scope,
      // Picked from the catalogue the server sent (GET /permissions).
      permissions: values.permissions as PermissionCode[],
    };
    return role ? update.mutateAsync({ record: role, patch: body }) : create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<Values>
      container="modal"
      width={1100}
      open={!!target}
      title={role ? t("roles:editTitle", { name: roleName(t, role.name) }) : t("roles:createTitle")}
      onClose={onClose}
      initialValues={
        role
          ? { name: role.name, description: role.description ?? undefined, data_scope: role.data_scope, permissions: role.permissions }
          : { data_scope: "self", permissions: [] }
      }
      recordKey={target}
      onSubmit={submit}
      successMessage={t(role ? "common:messages.saved" : "common:messages.created")}
      saveTestId="role-save"
    >
      <Form.Item name="name" label={t("roles:fields.name")} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="role-name" />
      </Form.Item>
      <Form.Item name="description" label={t("roles:fields.description")}>
        <Input />
      </Form.Item>
      <Form.Item name="data_scope" label={t("roles:fields.data_scope")} rules={[{ required: true }]}>
        <Select data-testid="role-data-scope" options={DATA_SCOPES.map((scope) => ({ value: scope, label: t(`common:dataScope.${scope}`) }))} />
      </Form.Item>
      <Form.Item name="permissions" label={t("roles:fields.permissions")}>
        {catalogue.isError ? <Alert type="error" message={t("common:messages.loadFailed")} /> : <PermissionMatrix catalogue={catalogue.data ?? []} />}
      </Form.Item>
    </ResourceFormDrawer>
  );
}
