import { useState } from "react";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { CategoryNode } from "../../../api/types";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { useTreeTable } from "../../../shared/resource/useTreeTable";
import { categoriesApi, useCategoryTree } from "../api";
import { findCategory, subtreeProductCount } from "../categories";
import { CategoryFormModal, type CategoryFormTarget } from "../components/CategoryFormModal";

/** 产品类别: the two-level category tree as a table, for those who manage categories only. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const tree = useCategoryTree();
  const remove = categoriesApi.useDelete();
  const exporter = categoriesApi.useExport("product-categories");
  const [target, setTarget] = useState<CategoryFormTarget>(null);
  const rows = useTreeTable(tree.data);
  const none = t("common:values.none");

  const actions = useActionsColumn<CategoryNode>({
    fixed: false,
    actions: [
      {
        key: "add-child",
        label: t("products:categories.addChild"),
        permission: "product_categories:create",
        // Only top categories take children.
        hidden: (c) => !!c.parent_id,
        onClick: (c) => setTarget({ kind: "create", parent: c }),
      },
      { key: "edit", label: t("common:actions.edit"), permission: "product_categories:update", onClick: (c) => setTarget({ kind: "edit", node: c }) },
    ],
    history: {
      entity: "product_categories",
      cacheName: "product-categories",
      fields: "products:categories.fields",
      name: (c) => c.name,
      valueText: (field, value) => (field === "parent_id" && typeof value === "string" ? findCategory(tree.data ?? [], value)?.name : undefined),
    },
    remove: { permission: "product_categories:delete", name: (c) => c.name, onDelete: (c) => remove.mutateAsync(c) },
  });

  const columns: TableColumnsType<CategoryNode> = [
    { title: t("products:categories.fields.name"), dataIndex: "name", key: "name" },
    { title: t("products:categories.fields.code"), dataIndex: "code", key: "code" },
    { title: t("products:categories.fields.product_count"), key: "product_count", align: "right", render: (_, c) => subtreeProductCount(c) },
    { title: t("products:categories.fields.sort_order"), dataIndex: "sort_order", key: "sort_order", align: "right" },
    { title: t("products:categories.fields.remark"), dataIndex: "remark", key: "remark", render: (v: string | null) => v || none },
    ...actions,
  ];

  return (
    <ResourceListPage<CategoryNode>
      title={t("products:categories.title")}
      toolbar={<ExportButton exporter={exporter} query={{}} permission="product_categories:export" testId="category-export" />}
      create={{ permission: "product_categories:create", label: t("products:categories.addTop"), onClick: () => setTarget({ kind: "create", parent: null }) }}
      table={{ columns, ...rows, loading: tree.isFetching, pagination: false, locale: { emptyText: t("products:categories.empty") } }}
      overlays={<CategoryFormModal target={target} onClose={() => setTarget(null)} />}
    />
  );
}
