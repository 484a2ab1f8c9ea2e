import { useMemo, useState } from "react";
import { App, Button, Card, Popconfirm, Space, Table, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DepartmentNode } from "../../../api/types";
import { usePermission } from "../../auth/api";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useUserOptions } from "../../../shared/lookups";
import { useDeleteDepartment, useDepartmentTree } from "../api";
import { DepartmentFormModal, type DepartmentFormTarget } from "../components/DepartmentFormModal";

/** antd Table treats an empty `children` array as expandable; drop them. */
function pruneEmptyChildren(nodes: readonly DepartmentNode[]): DepartmentNode[] {
  return nodes.map((node) => {
    const { children, ...rest } = node;
    return children && children.length > 0 ? { ...rest, children: pruneEmptyChildren(children) } : (rest as DepartmentNode);
  });
}

function allIds(nodes: readonly DepartmentNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...allIds(node.children ?? [])]);
}

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const tree = useDepartmentTree();
  const users = useUserOptions();
  const remove = useDeleteDepartment();
  const [target, setTarget] = useState<DepartmentFormTarget>(null);
  // Everything starts expanded, including departments added later; the user collapses by hand.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const data = useMemo(() => pruneEmptyChildren(tree.data ?? []), [tree.data]);
  const expandedRowKeys = useMemo(() => allIds(data).filter((id) => !collapsed.has(id)), [data, collapsed]);
  const userNames = useMemo(() => new Map((users.data ?? []).map((o) => [o.value, o.label])), [users.data]);
  const none = t("common:values.none");

  const columns: TableColumnsType<DepartmentNode> = [
    { title: t("departments:fields.name"), dataIndex: "name", key: "name" },
    {
      title: t("departments:fields.head"),
      key: "head",
      render: (_, d) => (d.head_id ? (userNames.get(d.head_id) ?? none) : none),
    },
    { title: t("departments:fields.remark"), dataIndex: "remark", key: "remark", render: (v: string | null) => v || none },
    {
      title: t("common:actions.actions"),
      key: "actions",
      render: (_, d) => (
        <Space size="small">
          {can("departments:create") && (
            <Button type="link" size="small" onClick={() => setTarget({ department: null, parentId: d.id })}>
              {t("departments:addChild")}
            </Button>
          )}
          {can("departments:update") && (
            <Button type="link" size="small" onClick={() => setTarget({ department: d })}>
              {t("common:actions.edit")}
            </Button>
          )}
          {can("departments:delete") && (
            <Popconfirm
              title={t("common:confirm.delete", { name: d.name })}
              okText={t("common:confirm.yes")}
              cancelText={t("common:confirm.no")}
              onConfirm={() =>
                remove.mutateAsync(d).then(
                  () => void message.success(t("common:messages.deleted")),
                  (e: unknown) => onProblem(e),
                )
              }
            >
              <Button type="link" size="small" danger>
                {t("common:actions.delete")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("departments:title")}
        </Typography.Title>
        {can("departments:create") && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="department-create" onClick={() => setTarget({ department: null })}>
            {t("common:actions.create")}
          </Button>
        )}
      </Space>
      <Table<DepartmentNode>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data}
        loading={tree.isFetching}
        pagination={false}
        expandable={{
          expandedRowKeys,
          onExpand: (expanded, record) =>
            setCollapsed((old) => {
              const next = new Set(old);
              if (expanded) next.delete(record.id);
              else next.add(record.id);
              return next;
            }),
        }}
        locale={{ emptyText: t("departments:empty") }}
      />
      <DepartmentFormModal target={target} tree={tree.data ?? []} onClose={() => setTarget(null)} />
    </Card>
  );
}
