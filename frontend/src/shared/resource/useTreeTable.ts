import { useMemo, useState } from "react";
import type { TableProps } from "antd";

type TreeNode = { id: string; children?: readonly TreeNode[] | null };

/** antd Table treats an empty `children` array as expandable; drop them. */
export function pruneEmptyChildren<N extends TreeNode>(nodes: readonly N[]): N[] {
  return nodes.map((node) => {
    const { children, ...rest } = node;
    return (children && children.length > 0 ? { ...rest, children: pruneEmptyChildren(children as readonly N[]) } : rest) as N;
  });
}

function allIds(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...allIds(node.children ?? [])]);
}

/**
 * A tree (departments, categories) as a table's rows, every node open, including ones added
 * later; the user collapses by hand.
 */
export function useTreeTable<N extends TreeNode>(nodes: readonly N[] | undefined): { dataSource: N[]; expandable: TableProps<N>["expandable"] } {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const dataSource = useMemo(() => pruneEmptyChildren(nodes ?? []), [nodes]);
  const expandedRowKeys = useMemo(() => allIds(dataSource).filter((id) => !collapsed.has(id)), [dataSource, collapsed]);
  return {
    dataSource,
    expandable: {
      expandedRowKeys,
      onExpand: (expanded, record) =>
        setCollapsed((old) => {
          const next = new Set(old);
          if (expanded) next.delete(record.id);
          else next.add(record.id);
          return next;
        }),
    },
  };
}
