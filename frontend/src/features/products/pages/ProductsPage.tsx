import { useState } from "react";
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../api/types";
import { useFileDownload } from "../../../shared/hooks/useFileDownload";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { usePermission } from "../../auth/api";
import { useCategoryTree, useDeleteProduct, useProducts } from "../api";
import { ALL_CATEGORIES, categoryPath, findCategory } from "../categories";
import { CategoryFormModal, type CategoryFormTarget } from "../components/CategoryFormModal";
import { CategoryTree } from "../components/CategoryTree";
import { priceRules } from "../components/PriceInput";
import { ProductFormDrawer } from "../components/ProductFormDrawer";
import { SupplierPricesPanel } from "../components/SupplierPricesPanel";
import { priceRangeProblem, productFilters, type ProductSearchValues } from "../filters";
import { formatMoney } from "../money";

/** 产品: the category tree on the left filters the product list on the right. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const [form] = Form.useForm<ProductSearchValues>();
  const [search, setSearch] = useState<ProductSearchValues>({});
  const [category, setCategory] = useState<string>(ALL_CATEGORIES);
  const paged = usePagedTable<Product>();
  const filters = productFilters(search, category);
  const products = useProducts({ ...paged.params, ...filters });
  const tree = useCategoryTree();
  const nodes = tree.data ?? [];
  const remove = useDeleteProduct();
  const { download, downloading } = useFileDownload();
  const [categoryTarget, setCategoryTarget] = useState<CategoryFormTarget>(null);
  const [editing, setEditing] = useState<Product | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const none = t("common:values.none");
  const selectedCategory = findCategory(nodes, category);

  const apply = (values: ProductSearchValues) => {
    const range = priceRangeProblem(values.price_min, values.price_max);
    if (range) {
      message.error(t(`products:search.rangeProblems.${range}`));
      return;
    }
    setSearch(values);
    paged.resetPage();
  };

  const chooseCategory = (key: string) => {
    setCategory(key);
    paged.resetPage();
  };

  const columns: TableColumnsType<Product> = [
    { title: t("products:fields.code"), dataIndex: "code", key: "code", sorter: true },
    { title: t("products:fields.name"), dataIndex: "name", key: "name", sorter: true },
    {
      title: t("products:fields.category"),
      key: "category",
      // The leaf's name keeps the column narrow; the whole path shows on hover.
      render: (_, p) => {
        const path = categoryPath(nodes, p.category_id);
        return <span title={path.join(" / ")}>{path[path.length - 1] ?? p.category_name ?? none}</span>;
      },
    },
    { title: t("products:fields.unit"), dataIndex: "unit", key: "unit", render: (v: string | null) => v || none },
    {
      title: t("products:fields.price"),
      key: "price",
      sorter: true,
      align: "right",
      render: (_, p) => <span data-testid="product-price-cell">{formatMoney(p.price, p.currency, i18n.language)}</span>,
    },
    {
      title: t("products:fields.on_sale"),
      dataIndex: "on_sale",
      key: "on_sale",
      render: (onSale: boolean) => (onSale ? <Tag color="green">{t("products:onSale.yes")}</Tag> : <Tag>{t("products:onSale.no")}</Tag>),
    },
    ...(!can("products:update") && !can("products:delete")
      ? []
      : [
          {
            title: t("common:actions.actions"),
            key: "actions",
            fixed: "right" as const,
            render: (_: unknown, p: Product) => (
              <Space size={0}>
                {can("products:update") && (
                  <Button
                    type="link"
                    size="small"
                    data-testid="product-edit"
                    onClick={() => {
                      setEditing(p);
                      setDrawerOpen(true);
                    }}
                  >
                    {t("common:actions.edit")}
                  </Button>
                )}
                {can("products:delete") && (
                  <ConfirmDelete name={p.name} onDelete={() => remove.mutateAsync(p)} testId="product-delete" />
                )}
              </Space>
            ),
          },
        ]),
  ];

  return (
    <Row gutter={16} wrap={false} align="top">
      <Col flex="280px" style={{ minWidth: 0 }}>
        <Card
          title={t("products:categories.treeTitle")}
          size="small"
          extra={
            can("product_categories:create") && (
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                data-testid="category-create"
                onClick={() => setCategoryTarget({ kind: "create", parent: null })}
              >
                {t("products:categories.addTop")}
              </Button>
            )
          }
          styles={{ body: { padding: 8 } }}
        >
          <CategoryTree nodes={nodes} loading={tree.isFetching} selected={category} onSelect={chooseCategory} onEdit={setCategoryTarget} />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card>
          <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
            <Space align="baseline" wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t("products:title")}
              </Typography.Title>
              {selectedCategory && (
                <Tag closable onClose={() => chooseCategory(ALL_CATEGORIES)} data-testid="product-category-filter">
                  {categoryPath(nodes, selectedCategory.id).join(" / ")}
                </Tag>
              )}
            </Space>
            <Space wrap>
              {can("products:export") && (
                <Button
                  icon={<DownloadOutlined />}
                  loading={downloading}
                  data-testid="product-export"
                  // What the table shows, all pages.
                  onClick={() => void download("/api/v1/products/export", { format: "csv", ...filters, sort: paged.params.sort }, "products.csv")}
                >
                  {t("common:actions.export")}
                </Button>
              )}
              {can("products:create") && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  data-testid="product-create"
                  onClick={() => {
                    setEditing(null);
                    setDrawerOpen(true);
                  }}
                >
                  {t("common:actions.create")}
                </Button>
              )}
            </Space>
          </Space>
          <Form<ProductSearchValues> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
            <Form.Item name="q" label={t("products:search.q")}>
              <Input allowClear placeholder={t("products:search.qPlaceholder")} style={{ width: 200 }} data-testid="product-search-q" />
            </Form.Item>
            <Form.Item name="on_sale" label={t("products:fields.on_sale")}>
              <Select
                allowClear
                style={{ width: 110 }}
                placeholder={t("products:onSale.any")}
                options={[
                  { value: "yes", label: t("products:onSale.yes") },
                  { value: "no", label: t("products:onSale.no") },
                ]}
                data-testid="product-search-on-sale"
              />
            </Form.Item>
            <Form.Item label={t("products:search.price")} style={{ marginInlineEnd: 16 }}>
              <Space.Compact>
                <Form.Item name="price_min" noStyle rules={priceRules(t, false)}>
                  <Input allowClear inputMode="decimal" placeholder={t("products:search.min")} style={{ width: 100 }} data-testid="product-search-min" />
                </Form.Item>
                <Input disabled value="~" style={{ width: 32, textAlign: "center", pointerEvents: "none" }} tabIndex={-1} />
                <Form.Item name="price_max" noStyle rules={priceRules(t, false)}>
                  <Input allowClear inputMode="decimal" placeholder={t("products:search.max")} style={{ width: 100 }} data-testid="product-search-max" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" data-testid="product-search">
                  {t("common:actions.search")}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    apply({});
                  }}
                >
                  {t("common:actions.reset")}
                </Button>
              </Space>
            </Form.Item>
          </Form>
          <Table<Product>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={products.data?.items}
            loading={products.isFetching}
            scroll={{ x: "max-content" }}
            expandable={{ expandedRowRender: (p) => <SupplierPricesPanel productId={p.id} /> }}
            {...paged.tableProps(products.data?.total, products.data?.total_exact)}
          />
        </Card>
      </Col>
      <CategoryFormModal target={categoryTarget} onClose={() => setCategoryTarget(null)} />
      <ProductFormDrawer
        open={drawerOpen}
        product={editing}
        categories={nodes}
        defaultCategoryId={selectedCategory?.id}
        onClose={() => setDrawerOpen(false)}
      />
    </Row>
  );
}
