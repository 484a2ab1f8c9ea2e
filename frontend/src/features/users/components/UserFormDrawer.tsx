import { Form, Input, Select, Switch, TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import type { CreateUser, User } from "../../../api/types";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { departmentTreeOptions, useDepartmentTree, useRoleOptions, useUserOptions } from "../../../shared/lookups";
import { usersApi } from "../api";

export type UserFormValues = {
  username: string;
  display_name: string;
  email?: string;
  phone?: string;
  password?: string;
  department_id?: string;
  supervisor_id?: string;
  role_ids: string[];
  enabled: boolean;
  description?: string;
};

/** Empty inputs mean "no value" to the API, not an empty string. */
function orNull(value: string | undefined): string | null {
  return value === undefined || value.trim() === "" ? null : value.trim();
}

type Props = { open: boolean; user: User | null; onClose: () => void };

function formValues(user: User | null): Partial<UserFormValues> {
  if (!user) return { enabled: true, role_ids: [] };
  return {
    username: user.username,
    display_name: user.display_name,
    email: user.email ?? undefined,
    phone: user.phone ?? undefined,
    department_id: user.department_id ?? undefined,
    supervisor_id: user.supervisor_id ?? undefined,
    role_ids: user.role_ids ?? user.roles.map((r) => r.id),
    enabled: user.enabled,
    description: user.description ?? undefined,
  };
}

export function UserFormDrawer({ open, user, onClose }: Props) {
  const { t } = useTranslation();
  const create = usersApi.useCreate();
  const update = usersApi.useUpdate();
  const departments = useDepartmentTree();
  const roles = useRoleOptions();
  const users = useUserOptions();

  const submit = (values: UserFormValues) => {
    const common = {
      display_name: values.display_name.trim(),
      email: orNull(values.email),
      phone: orNull(values.phone),
      department_id: values.department_id ?? null,
      supervisor_id: values.supervisor_id ?? null,
      role_ids: values.role_ids,
      enabled: values.enabled,
      description: orNull(values.description),
    };
    if (user) return update.mutateAsync({ record: user, patch: common });
    const body: CreateUser = { ...common, username: values.username.trim(), password: values.password ?? "" };
    return create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<UserFormValues>
      open={open}
      title={user ? t("users:editTitle", { name: user.display_name || user.username }) : t("users:createTitle")}
      onClose={onClose}
      initialValues={formValues(user)}
      recordKey={user}
      onSubmit={submit}
      successMessage={t(user ? "common:messages.saved" : "common:messages.created")}
      saveTestId="user-save"
      width={520}
    >
      <Form.Item name="username" label={t("users:fields.username")} rules={[{ required: true, whitespace: true }]}>
        <Input disabled={!!user} autoComplete="off" />
      </Form.Item>
      <Form.Item name="display_name" label={t("users:fields.display_name")} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      {!user && (
        <Form.Item
          name="password"
          label={t("users:fields.password")}
          extra={t("users:passwordHint")}
          rules={[{ required: true }, { min: 8 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="email" label={t("users:fields.email")} rules={[{ type: "email" }]}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t("users:fields.phone")}>
        <Input />
      </Form.Item>
      <Form.Item name="department_id" label={t("users:fields.department")}>
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          loading={departments.isPending}
          treeData={departmentTreeOptions(departments.data ?? [])}
          data-testid="user-department"
        />
      </Form.Item>
      <Form.Item name="supervisor_id" label={t("users:fields.supervisor")}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          loading={users.isPending}
          options={(users.data ?? []).filter((o) => o.value !== user?.id)}
        />
      </Form.Item>
      <Form.Item name="role_ids" label={t("users:fields.roles")}>
        <Select mode="multiple" allowClear optionFilterProp="label" loading={roles.isPending} options={roles.data ?? []} data-testid="user-roles" />
      </Form.Item>
      <Form.Item name="enabled" label={t("users:fields.enabled")} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="description" label={t("users:fields.description")}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
