import { useMemo, useState } from "react";
import { Button, Empty, Spin, Tooltip, Tree, Typography } from "antd";
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CategoryNode } from "../../../api/types";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { usePermission } from "../../auth/api";
import { categoriesApi } from "../api";
import { ALL_CATEGORIES, categoryIds, categoryLabel, categoryTreeData, subtreeProductCount, type CategoryTreeItem } from "../categories";
import type { CategoryFormTarget } from "./CategoryFormModal";

type Props = {
  nodes: CategoryNode[];
  loading: boolean;
  selected: string;
  onSelect: (key: string) => void;
  onEdit: (target: CategoryFormTarget) => void;
};

/** The category tree beside the product list: "all" first, then the categories with their actions. */
export function CategoryTree({ nodes, loading, selected, onSelect, onEdit }: Props) {
  const { t } = useTranslation();
  const can = usePermission();
  const remove = categoriesApi.useDelete();
  // Everything starts expanded, also categories added later; the user collapses by hand.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const data = useMemo(() => categoryTreeData(nodes, t("products:categories.all")), [nodes, t]);
  const expandedKeys = useMemo(() => categoryIds(nodes).filter((id) => !collapsed.has(id)), [nodes, collapsed]);

  const actions = (item: CategoryTreeItem<CategoryNode>) => {
    const node = item.node;
    if (!node) return null;
    return (
      // The buttons must not also select the node.
      <span className="category-actions" onClick={(e) => e.stopPropagation()} style={{ whiteSpace: "nowrap" }}>
        {item.canAddChild && can("product_categories:create") && (
          <Tooltip title={t("products:categories.addChild")}>
            <Button
              type="text"
              size="small"
              icon={<PlusOutlined />}
              aria-label={t("products:categories.addChild")}
              data-testid={`category-add-child-${node.code}`}
              onClick={() => onEdit({ kind: "create", parent: node })}
            />
          </Tooltip>
        )}
        {can("product_categories:update") && (
          <Tooltip title={t("products:categories.rename")}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t("products:categories.rename")}
              data-testid={`category-edit-${node.code}`}
              onClick={() => onEdit({ kind: "edit", node })}
            />
          </Tooltip>
        )}
        {can("product_categories:delete") && (
          <ConfirmDelete
            variant="icon"
            name={node.name}
            onDelete={() => remove.mutateAsync(node)}
            onDeleted={() => selected === node.id && onSelect(ALL_CATEGORIES)}
            testId={`category-delete-${node.code}`}
          />
        )}
      </span>
    );
  };

  if (loading && nodes.length === 0) return <Spin style={{ display: "block", margin: "24px auto" }} />;

  return (
    <>
      <Tree<CategoryTreeItem<CategoryNode>>
        blockNode
        data-testid="category-tree"
        treeData={data}
        selectedKeys={[selected]}
        expandedKeys={expandedKeys}
        onExpand={(_, { expanded, node }) =>
          setCollapsed((old) => {
            const next = new Set(old);
            if (expanded) next.delete(String(node.key));
            else next.add(String(node.key));
            return next;
          })
        }
        // Clicking the selected node again keeps it selected rather than clearing the filter.
        onSelect={(_, { node }) => onSelect(String(node.key))}
        titleRender={(item) => (
          <span
            data-testid={`category-node-${item.node?.code ?? "all"}`}
            style={{ display: "flex", alignItems: "center", gap: 4, minWidth: 0 }}
          >
            <span
              style={{ flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
              title={item.node ? categoryLabel(item.node) : item.title}
            >
              {item.title}
            </span>
            {item.node && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t("products:categories.productCount")} data-testid="category-count">
                {subtreeProductCount(item.node)}
              </Typography.Text>
            )}
            {actions(item)}
          </span>
        )}
      />
      {nodes.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("products:categories.empty")} />}
    </>
  );
}
