import { useMemo, useState } from "react";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentNode } from "../../../api/types";
import { departmentNames as namesOf, useUserOptions } from "../../../shared/lookups";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { useTreeTable } from "../../../shared/resource/useTreeTable";
import { departmentsApi, useDepartmentTree } from "../api";
import { DepartmentFormModal, type DepartmentFormTarget } from "../components/DepartmentFormModal";

export function DepartmentsPage() {
  const { t } = useTranslation();
  const tree = useDepartmentTree();
  const users = useUserOptions();
  const remove = departmentsApi.useDelete();
  const exporter = departmentsApi.useExport("departments");
  const [target, setTarget] = useState<DepartmentFormTarget>(null);
  const rows = useTreeTable(tree.data);
  const userNames = useMemo(() => new Map((users.data ?? []).map((o) => [o.value, o.label])), [users.data]);
  const departmentNames = useMemo(() => namesOf(tree.data ?? []), [tree.data]);
  const none = t("common:values.none");

  const actions = useActionsColumn<DepartmentNode>({
    fixed: false,
    actions: [
      { key: "add-child", label: t("departments:addChild"), permission: "departments:create", onClick: (d) => setTarget({ department: null, parentId: d.id }) },
      { key: "edit", label: t("common:actions.edit"), permission: "departments:update", onClick: (d) => setTarget({ department: d }), testId: "department-edit" },
    ],
    history: {
      entity: "departments",
      name: (d) => d.name,
      userFields: ["head_id"],
      valueText: (field, value) => (field === "parent_id" && typeof value === "string" ? departmentNames.get(value) : undefined),
    },
    remove: { permission: "departments:delete", name: (d) => d.name, onDelete: (d) => remove.mutateAsync(d) },
  });

  const columns: TableColumnsType<DepartmentNode> = [
    { title: t("departments:fields.name"), dataIndex: "name", key: "name" },
    { title: t("departments:fields.head"), key: "head", render: (_, d) => (d.head_id ? (userNames.get(d.head_id) ?? none) : none) },
    { title: t("departments:fields.remark"), dataIndex: "remark", key: "remark", render: (v: string | null) => v || none },
    ...actions,
  ];

  return (
    <ResourceListPage<DepartmentNode>
      title={t("departments:title")}
      toolbar={<ExportButton exporter={exporter} query={{}} permission="departments:export" testId="department-export" />}
      create={{ permission: "departments:create", testId: "department-create", onClick: () => setTarget({ department: null }) }}
      table={{ columns, ...rows, loading: tree.isFetching, pagination: false, locale: { emptyText: t("departments:empty") } }}
      overlays={<DepartmentFormModal target={target} tree={tree.data ?? []} onClose={() => setTarget(null)} />}
    />
  );
}
