import { useMemo, useState } from "react";
import { App, Button, Card, Popconfirm, Space, Table, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CategoryNode } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useCategoryTree, useDeleteCategory } from "../api";
import { categoryIds, subtreeProductCount } from "../categories";
import { CategoryFormModal, type CategoryFormTarget } from "../components/CategoryFormModal";

/** antd Table treats an empty `children` array as expandable; drop them. */
function pruneEmptyChildren(nodes: readonly CategoryNode[]): CategoryNode[] {
  return nodes.map((node) => {
    const { children, ...rest } = node;
    return children.length > 0 ? { ...rest, children: pruneEmptyChildren(children) } : (rest as CategoryNode);
  });
}

/** 产品类别: the two-level category tree as a table, for those who manage categories only. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const tree = useCategoryTree();
  const remove = useDeleteCategory();
  const [target, setTarget] = useState<CategoryFormTarget>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const data = useMemo(() => pruneEmptyChildren(tree.data ?? []), [tree.data]);
  const expandedRowKeys = useMemo(() => categoryIds(data).filter((id) => !collapsed.has(id)), [data, collapsed]);
  const none = t("common:values.none");

  const columns: TableColumnsType<CategoryNode> = [
    { title: t("products:categories.fields.name"), dataIndex: "name", key: "name" },
    { title: t("products:categories.fields.code"), dataIndex: "code", key: "code" },
    {
      title: t("products:categories.fields.product_count"),
      key: "product_count",
      align: "right",
      render: (_, c) => subtreeProductCount(c),
    },
    { title: t("products:categories.fields.sort_order"), dataIndex: "sort_order", key: "sort_order", align: "right" },
    { title: t("products:categories.fields.remark"), dataIndex: "remark", key: "remark", render: (v: string | null) => v || none },
    {
      title: t("common:actions.actions"),
      key: "actions",
      render: (_, c) => (
        <Space size={0}>
          {!c.parent_id && can("product_categories:create") && (
            <Button type="link" size="small" onClick={() => setTarget({ kind: "create", parent: c })}>
              {t("products:categories.addChild")}
            </Button>
          )}
          {can("product_categories:update") && (
            <Button type="link" size="small" onClick={() => setTarget({ kind: "edit", node: c })}>
              {t("common:actions.edit")}
            </Button>
          )}
          {can("product_categories:delete") && (
            <Popconfirm
              title={t("common:confirm.delete", { name: c.name })}
              okText={t("common:confirm.yes")}
              cancelText={t("common:confirm.no")}
              onConfirm={() =>
                remove.mutateAsync({ id: c.id }).then(
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
          {t("products:categories.title")}
        </Typography.Title>
        {can("product_categories:create") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ kind: "create", parent: null })}>
            {t("products:categories.addTop")}
          </Button>
        )}
      </Space>
      <Table<CategoryNode>
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
        locale={{ emptyText: t("products:categories.empty") }}
      />
      <CategoryFormModal target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}
