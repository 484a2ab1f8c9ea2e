import { useMemo, useState } from "react";
import { Space, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { DataScope, Role } from "../../../api/types";
import { usePermissionCatalogue } from "../../../shared/lookups";
import { permissionLabel, roleDescription, roleName } from "../../../shared/systemText";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { rolesApi } from "../api";
import { RoleFormModal, type RoleFormTarget } from "../components/RoleFormModal";

const NO_FILTERS = [] as const;

export function RolesPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const catalogue = usePermissionCatalogue();
  const { paged } = useListUrlState<Role, never>(NO_FILTERS, "name");
  const roles = rolesApi.useList(paged.params);
  const exporter = rolesApi.useExport("roles");
  const remove = rolesApi.useDelete();
  const [target, setTarget] = useState<RoleFormTarget>(null);
  const none = t("common:values.none");
  const permissionLabels = useMemo(
    () => new Map((catalogue.data ?? []).map((p) => [p.code, permissionLabel(t, p.code, zh ? p.label_zh : p.label)])),
    [catalogue.data, zh, t],
  );
  // Permissions by their names in the catalogue, the data scope in words.
  const roleHistoryValue = (field: string, value: unknown, empty: string) => {
    if (field === "data_scope" && typeof value === "string") return t(`common:dataScope.${value}`, { defaultValue: value });
    if (field === "permissions" && Array.isArray(value)) {
      return value.length === 0 ? empty : value.map((code) => permissionLabels.get(String(code)) ?? permissionLabel(t, String(code))).join(t("common:history.separator"));
    }
    return undefined;
  };

  const actions = useActionsColumn<Role>({
    fixed: false,
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "roles:update", onClick: (role) => setTarget({ role }) }],
    history: { entity: "roles", name: (role) => roleName(t, role.name), valueText: roleHistoryValue },
    remove: {
      permission: "roles:delete",
      name: (role) => roleName(t, role.name),
      onDelete: (role) => remove.mutateAsync(role),
      blockedReason: (role) => (role.builtin ? t("roles:builtinNoDelete") : undefined),
    },
  });

  const columns: TableColumnsType<Role> = [
    {
      title: t("roles:fields.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      render: (name: string, role) => (
        <Space>
          {roleName(t, name)}
          {role.builtin && <Tag color="blue">{t("roles:builtinTag")}</Tag>}
        </Space>
      ),
    },
    { title: t("roles:fields.description"), dataIndex: "description", key: "description", render: (_: string | null, role) => roleDescription(t, role) || none },
    {
      title: t("roles:fields.data_scope"),
      dataIndex: "data_scope",
      key: "data_scope",
      render: (scope: DataScope) => t(`common:dataScope.${scope}`, { defaultValue: scope }),
    },
    { title: t("roles:fields.permissions"), key: "permissions", render: (_, role) => t("roles:permissionCount", { count: role.permissions.length }) },
    ...actions,
  ];

  return (
    <ResourceListPage<Role>
      title={t("roles:title")}
      toolbar={<ExportButton exporter={exporter} query={{ sort: paged.params.sort }} permission="roles:export" testId="role-export" />}
      create={{ permission: "roles:create", testId: "role-create", onClick: () => setTarget({ role: null }) }}
      table={{ columns, list: roles, paged }}
      overlays={<RoleFormModal target={target} onClose={() => setTarget(null)} />}
    />
  );
}
