import { useState } from "react";
import { App, Button, Switch, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../shared/components/EmptyState";
import { formatDateTimeShort } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { departmentNames, useDepartmentTree } from "../../../shared/lookups";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { usePermission } from "../../auth/api";
import { flowsApi } from "../api";
import { FlowFormDrawer } from "../components/FlowFormDrawer";
import type { ApprovalFlow } from "../flowForm";

/** 审批流: the flows documents go through, by type and department, for administrators to design. */
export function ApprovalFlowsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const can = usePermission();
  const paged = usePagedTable<ApprovalFlow>();
  const list = flowsApi.useList(paged.params);
  const update = flowsApi.useUpdate();
  const remove = flowsApi.useDelete();
  const departments = useDepartmentTree();
  const names = departmentNames(departments.data ?? []);
  const [editing, setEditing] = useState<ApprovalFlow | null>(null);
  const [open, setOpen] = useState(false);
  const none = t("common:values.none");
  const edit = (flow: ApprovalFlow | null) => {
    setEditing(flow);
    setOpen(true);
  };
  const toggle = (flow: ApprovalFlow, enabled: boolean) =>
    update.mutateAsync({ record: flow, patch: { enabled } }).then(() => void message.success(t("approvals:flows.enabledChanged")), onProblem);

  const actions = useActionsColumn<ApprovalFlow>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "approvals:manage", onClick: edit, testId: "flow-edit" }],
    history: { entity: "approval_flows", name: (f) => f.name, cacheName: "approval-flows" },
    remove: { permission: "approvals:manage", name: (f) => f.name, onDelete: (f) => remove.mutateAsync(f), testId: "flow-delete" },
  });

  const columns: TableColumnsType<ApprovalFlow> = [
    {
      title: t("approvals:flows.fields.name"),
      dataIndex: "name",
      key: "name",
      width: 200,
      render: (name: string, f) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => edit(f)} data-testid="flow-name-link">
          {name}
        </Button>
      ),
    },
    { title: t("approvals:flows.fields.doc_type"), dataIndex: "doc_type", key: "doc_type", width: 110, render: (type: string) => <Tag>{t(`approvals:docTypes.${type}`, { defaultValue: type })}</Tag> },
    {
      title: t("approvals:flows.fields.department"),
      dataIndex: "department_id",
      key: "department",
      width: 150,
      render: (id: string | null) => (id ? (names.get(id) ?? none) : t("approvals:flows.fields.departmentAll")),
    },
    {
      title: t("approvals:flows.fields.enabled"),
      dataIndex: "enabled",
      key: "enabled",
      width: 80,
      render: (enabled: boolean, f) => <Switch size="small" checked={enabled} disabled={!can("approvals:manage") || update.isPending} onChange={(next) => void toggle(f, next)} data-testid="flow-enabled-toggle" />,
    },
    { title: t("approvals:flows.fields.steps"), key: "steps", width: 80, align: "right", render: (_, f) => f.steps.length },
    { title: t("approvals:flows.fields.version"), dataIndex: "version", key: "version", width: 70, align: "right" },
    { title: t("approvals:flows.fields.updated_at"), dataIndex: "updated_at", key: "updated_at", width: 150, render: (v: string) => formatDateTimeShort(v, none) },
    ...actions,
  ];

  return (
    <ResourceListPage<ApprovalFlow>
      title={t("approvals:flows.title")}
      create={{ permission: "approvals:manage", onClick: () => edit(null), testId: "flow-create", label: t("approvals:flows.create") }}
      table={{ columns, list, paged, testId: "flows-table", empty: <EmptyState title={t("approvals:flows.empty")} testId="flows-empty" /> }}
      overlays={<FlowFormDrawer open={open} flow={editing} onClose={() => setOpen(false)} />}
    />
  );
}
