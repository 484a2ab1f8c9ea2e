import { Col, Form, Input, Row, Select, Switch, TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import type { CategoryNode, Product } from "../../../api/types";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { productsApi } from "../api";
import { categoryOptions } from "../categories";
import { CURRENCIES, DEFAULT_CURRENCY, normalizePrice } from "../money";
import { PriceInput, priceRules } from "./PriceInput";

export type ProductFormValues = {
  name: string;
  category_id?: string;
  unit?: string;
  /** Exactly as typed; never a number. */
  price: string;
  currency: string;
  on_sale: boolean;
  description?: string;
};

/** Empty inputs mean "no value" to the API, not an empty string. */
function orNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value.trim();
}

function formValues(product: Product | null, defaultCategoryId: string | undefined): Partial<ProductFormValues> {
  if (!product) return { category_id: defaultCategoryId, currency: DEFAULT_CURRENCY, on_sale: true };
  const { name, category_id, unit, price, currency, on_sale, description } = product;
  return { name, category_id, unit: unit ?? undefined, price, currency, on_sale, description: description ?? undefined };
}

type Props = {
  open: boolean;
  product: Product | null;
  categories: CategoryNode[];
  /** Preselected category for a new product (the one chosen in the tree). */
  defaultCategoryId?: string;
  onClose: () => void;
};

export function ProductFormDrawer({ open, product, categories, defaultCategoryId, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProductFormValues>();
  const create = productsApi.useCreate();
  const update = productsApi.useUpdate();
  const currency = Form.useWatch("currency", form);

  const submit = (values: ProductFormValues) => {
    const body = {
      name: values.name.trim(),
      category_id: values.category_id ?? "",
      unit: orNull(values.unit),
      price: normalizePrice(values.price),
      currency: values.currency,
      on_sale: values.on_sale,
      description: orNull(values.description),
    };
    return product ? update.mutateAsync({ record: product, patch: body }) : create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<ProductFormValues>
      form={form}
      open={open}
      title={product ? t("products:editTitle", { name: product.name }) : t("products:createTitle")}
      onClose={onClose}
      initialValues={formValues(product, defaultCategoryId)}
      recordKey={product ?? defaultCategoryId}
      onSubmit={submit}
      successMessage={t(product ? "common:messages.saved" : "common:messages.created")}
      saveTestId="product-save"
      width={520}
    >
      {product && (
        <Form.Item label={t("products:fields.code")}>
          <Input value={product.code} disabled />
        </Form.Item>
      )}
      <Form.Item name="name" label={t("products:fields.name")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
        <Input data-testid="product-name" autoComplete="off" />
      </Form.Item>
      <Form.Item name="category_id" label={t("products:fields.category")} rules={[{ required: true }]}>
        <TreeSelect
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          placeholder={t("products:categoryPlaceholder")}
          treeData={categoryOptions(categories)}
          data-testid="product-category"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="price" label={t("products:fields.price")} required rules={priceRules(t)} extra={t("products:priceHint")}>
            <PriceInput suffix={currency} data-testid="product-price" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="currency" label={t("products:fields.currency")} rules={[{ required: true }]}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="product-currency" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="unit" label={t("products:fields.unit")} rules={[{ max: 20 }]}>
            <Input placeholder={t("products:unitPlaceholder")} data-testid="product-unit" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="on_sale" label={t("products:fields.on_sale")} valuePropName="checked">
            <Switch data-testid="product-on-sale" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t("products:fields.description")}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
