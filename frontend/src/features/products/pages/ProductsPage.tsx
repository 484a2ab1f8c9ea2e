import { useState } from "react";
import { Button, Card, Col, Form, Grid, Input, Row, Space, Tag, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../api/types";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ImportButton } from "../../imports/components/LazyImportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { usePermission } from "../../auth/api";
import { productsApi, useCategoryTree } from "../api";
import { ALL_CATEGORIES, categoryPath, findCategory } from "../categories";
import { CategoryFormModal, type CategoryFormTarget } from "../components/CategoryFormModal";
import { CategoryTree } from "../components/CategoryTree";
import { priceRules } from "../components/PriceInput";
import { ProductFormDrawer } from "../components/ProductFormDrawer";
import { SupplierPricesPanel } from "../components/SupplierPricesPanel";
import { PRODUCT_FILTERS, priceRangeProblem, productFilters, type ProductSearchValues } from "../filters";
import { formatMoney } from "../money";

/** 产品: the category tree on the left filters the product list on the right. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  // The tree beside the list on wide screens, above it on narrow ones.
  const wide = Grid.useBreakpoint().lg ?? true;
  const { filters: search, setFilters, paged } = useListUrlState<Product, (typeof PRODUCT_FILTERS)[number]>(PRODUCT_FILTERS);
  const category = search.category ?? ALL_CATEGORIES;
  const filters = productFilters(search, category);
  const products = productsApi.useList({ ...paged.params, ...filters });
  const tree = useCategoryTree();
  const nodes = tree.data ?? [];
  const remove = productsApi.useDelete();
  const exporter = productsApi.useExport("products");
  const [categoryTarget, setCategoryTarget] = useState<CategoryFormTarget>(null);
  const [editing, setEditing] = useState<Product | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const none = t("common:values.none");
  const selectedCategory = findCategory(nodes, category);
  const chooseCategory = (key: string) => setFilters({ category: key === ALL_CATEGORIES ? undefined : key });
  const openDrawer = (product: Product | null) => {
    setEditing(product);
    setDrawerOpen(true);
  };

  const actions = useActionsColumn<Product>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "products:update", onClick: openDrawer, testId: "product-edit" }],
    // The category by the name the product carries beside its id.
    history: { entity: "products", name: (p) => p.name, hiddenFields: ["category_id"] },
    remove: { permission: "products:delete", name: (p) => p.name, onDelete: (p) => remove.mutateAsync(p), testId: "product-delete" },
  });

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
    ...actions,
  ];

  const priceRange = (
    <Space.Compact>
      <Form.Item name="price_min" noStyle rules={priceRules(t, false)}>
        <Input allowClear inputMode="decimal" placeholder={t("products:search.min")} style={{ width: 100 }} data-testid="product-search-min" />
      </Form.Item>
      <Input disabled value="~" style={{ width: 32, textAlign: "center", pointerEvents: "none" }} tabIndex={-1} />
      <Form.Item name="price_max" noStyle rules={priceRules(t, false)}>
        <Input allowClear inputMode="decimal" placeholder={t("products:search.max")} style={{ width: 100 }} data-testid="product-search-max" />
      </Form.Item>
    </Space.Compact>
  );

  return (
    <Row gutter={[16, 16]} wrap={!wide} align="top">
      <Col flex={wide ? "280px" : "100%"} style={{ minWidth: 0 }}>
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
      <Col flex={wide ? "auto" : "100%"} style={{ minWidth: 0 }}>
        <ResourceListPage<Product>
          title={t("products:title")}
          titleExtra={
            selectedCategory && (
              <Tag closable onClose={() => chooseCategory(ALL_CATEGORIES)} data-testid="product-category-filter">
                {categoryPath(nodes, selectedCategory.id).join(" / ")}
              </Tag>
            )
          }
          toolbar={
            <>
              <ExportButton exporter={exporter} query={{ ...filters, sort: paged.params.sort }} permission="products:export" testId="product-export" />
              <ImportButton entity="products" testId="product-import" />
            </>
          }
          create={{ permission: "products:create", testId: "product-create", onClick: () => openDrawer(null) }}
          table={{ columns, list: products, paged, expandable: { expandedRowRender: (p) => <SupplierPricesPanel productId={p.id} /> } }}
          overlays={
            <>
              <CategoryFormModal target={categoryTarget} onClose={() => setCategoryTarget(null)} />
              <ProductFormDrawer
                open={drawerOpen}
                product={editing}
                categories={nodes}
                defaultCategoryId={selectedCategory?.id}
                onClose={() => setDrawerOpen(false)}
              />
            </>
          }
        >
          <SearchForm<ProductSearchValues>
            testId="product-search"
            values={search}
            onSearch={setFilters}
            problem={(values) => {
              const range = priceRangeProblem(values.price_min, values.price_max);
              return range && t(`products:search.rangeProblems.${range}`);
            }}
            fields={[
              { name: "q", label: t("products:search.q"), placeholder: t("products:search.qPlaceholder"), width: 200, testId: "product-search-q" },
              {
                name: "on_sale",
                label: t("products:fields.on_sale"),
                width: 110,
                placeholder: t("products:onSale.any"),
                options: [
                  { value: "yes", label: t("products:onSale.yes") },
                  { value: "no", label: t("products:onSale.no") },
                ],
                testId: "product-search-on-sale",
              },
              { label: t("products:search.price"), input: priceRange },
            ]}
          />
        </ResourceListPage>
      </Col>
    </Row>
  );
}
