import { describe, expect, it } from "vitest";
import { ALL_CATEGORIES, categoryIds, categoryOptions, categoryPath, categoryTreeData, findCategory, subtreeProductCount, type CategoryLike } from "./categories";

const tree: CategoryLike[] = [
  {
    id: "a",
    name: "电子产品",
    code: "01",
    parent_id: null,
    product_count: 3,
    children: [
      { id: "a1", name: "手机", code: "0101", parent_id: "a", product_count: 2, children: [] },
      { id: "a2", name: "电脑", code: "0102", parent_id: "a", product_count: 1, children: [] },
    ],
  },
  { id: "b", name: "办公用品", code: "02", parent_id: null, product_count: 0, children: [] },
];

describe("category tree", () => {
  it("puts 'all' first and allows children only under top categories", () => {
    const data = categoryTreeData(tree, "全部");
    expect(data.map((d) => d.key)).toEqual([ALL_CATEGORIES, "a", "b"]);
    expect(data[0]).toMatchObject({ title: "全部", canAddChild: false, isLeaf: true });
    expect(data[1]).toMatchObject({ title: "电子产品", canAddChild: true });
    expect(data[1]?.isLeaf).toBeUndefined();
    expect(data[1]?.children?.map((c) => [c.key, c.canAddChild, c.isLeaf])).toEqual([
      ["a1", false, true],
      ["a2", false, true],
    ]);
    // A top category without children is a leaf in the drawing but still takes a child.
    expect(data[2]).toMatchObject({ key: "b", canAddChild: true, isLeaf: true });
    expect(data[2]?.children).toBeUndefined();
    expect(data[1]?.node?.code).toBe("01");
  });

  it("maps the tree to TreeSelect options labelled with the code", () => {
    expect(categoryOptions(tree)).toEqual([
      {
        value: "a",
        title: "电子产品 (01)",
        label: "电子产品 (01)",
        children: [
          { value: "a1", title: "手机 (0101)", label: "手机 (0101)" },
          { value: "a2", title: "电脑 (0102)", label: "电脑 (0102)" },
        ],
      },
      { value: "b", title: "办公用品 (02)", label: "办公用品 (02)" },
    ]);
    expect(categoryOptions([])).toEqual([]);
  });

  it("counts a top category's products with its children's", () => {
    expect(subtreeProductCount({ ...tree[0]!, product_count: 1 })).toBe(4);
    expect(subtreeProductCount(tree[1]!)).toBe(0);
    expect(subtreeProductCount({ id: "x", name: "x", code: "03" })).toBe(0);
  });

  it("finds nodes, ids and paths", () => {
    expect(findCategory(tree, "a2")?.name).toBe("电脑");
    expect(findCategory(tree, "zz")).toBeUndefined();
    expect(findCategory(tree, null)).toBeUndefined();
    expect(categoryIds(tree)).toEqual(["a", "a1", "a2", "b"]);
    expect(categoryPath(tree, "a1")).toEqual(["电子产品", "手机"]);
    expect(categoryPath(tree, "b")).toEqual(["办公用品"]);
    expect(categoryPath(tree, "zz")).toEqual([]);
  });
});
