// The product category tree has two levels: top categories (code "01") and their children
// (code "0101"). These helpers turn the API's tree into what antd's Tree and TreeSelect draw.

/** The fields of a tree node these helpers read (the API's CategoryNode has them all). */
export type CategoryLike = {
  id: string;
  name: string;
  code: string;
  parent_id?: string | null;
  product_count?: number;
  children?: readonly CategoryLike[] | null;
};

/** The key of the "all products" entry above the categories. */
export const ALL_CATEGORIES = "__all__";

export type CategoryTreeItem<N extends CategoryLike = CategoryLike> = {
  key: string;
  title: string;
  node?: N;
  /** Only top categories take children. */
  canAddChild: boolean;
  isLeaf?: boolean;
  children?: CategoryTreeItem<N>[];
};

/** The label of a node: its name and code, e.g. "电子产品 (01)". */
export function categoryLabel(node: Pick<CategoryLike, "name" | "code">): string {
  return `${node.name} (${node.code})`;
}

/** The tree as antd Tree data, with "all products" (titled `allTitle`) first. */
export function categoryTreeData<N extends CategoryLike>(nodes: readonly N[], allTitle: string): CategoryTreeItem<N>[] {
  const toItem = (node: N, depth: number): CategoryTreeItem<N> => {
    const children = (node.children ?? []) as readonly N[];
    return {
      key: node.id,
      title: node.name,
      node,
      canAddChild: depth === 0,
      ...(children.length > 0 ? { children: children.map((child) => toItem(child, depth + 1)) } : { isLeaf: true }),
    };
  };
  return [{ key: ALL_CATEGORIES, title: allTitle, canAddChild: false, isLeaf: true }, ...nodes.map((node) => toItem(node, 0))];
}

export type CategoryOption = { value: string; title: string; label: string; children?: CategoryOption[] };

/** The tree as antd TreeSelect options for picking a product's category. */
export function categoryOptions(nodes: readonly CategoryLike[]): CategoryOption[] {
  return nodes.map((node) => {
    const children = node.children ?? [];
    const label = categoryLabel(node);
    return { value: node.id, title: label, label, ...(children.length > 0 ? { children: categoryOptions(children) } : {}) };
  });
}

/**
 * The products under a node including its children's: what selecting it lists (the API's
 * `product_count` counts only the products filed directly under a node).
 */
export function subtreeProductCount(node: CategoryLike): number {
  return (node.product_count ?? 0) + (node.children ?? []).reduce((sum, child) => sum + subtreeProductCount(child), 0);
}

/** Finds a node anywhere in the tree. */
export function findCategory<N extends CategoryLike>(nodes: readonly N[], id: string | null | undefined): N | undefined {
  if (!id) return undefined;
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findCategory((node.children ?? []) as readonly N[], id);
    if (found) return found;
  }
  return undefined;
}

/** Every node id, parents before children (to expand the whole tree). */
export function categoryIds(nodes: readonly CategoryLike[]): string[] {
  return nodes.flatMap((node) => [node.id, ...categoryIds(node.children ?? [])]);
}

/** The names from the top category down to `id`, e.g. ["电子产品", "手机"]. */
export function categoryPath(nodes: readonly CategoryLike[], id: string): string[] {
  for (const node of nodes) {
    if (node.id === id) return [node.name];
    const below = categoryPath(node.children ?? [], id);
    if (below.length > 0) return [node.name, ...below];
  }
  return [];
}
