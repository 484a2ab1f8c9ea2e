import { useEffect } from "react";
import { App, Button, Col, Drawer, Form, Input, Row, Select, Space, Switch, TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import type { CategoryNode, Product } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useCreateProduct, useUpdateProduct } from "../api";
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
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductFormValues>();
  const onProblem = useProblemHandler();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const currency = Form.useWatch("currency", form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      product
        ? {
            name: product.name,
            category_id: product.category_id,
            unit: product.unit ?? undefined,
            price: product.price,
            currency: product.currency,
            on_sale: product.on_sale,
            description: product.description ?? undefined,
          }
        : { category_id: defaultCategoryId, currency: DEFAULT_CURRENCY, on_sale: true },
    );
  }, [open, product, defaultCategoryId, form]);

  const onFinish = (values: ProductFormValues) => {
    const body = {
      name: values.name.trim(),
      category_id: values.category_id ?? "",
      unit: orNull(values.unit),
      price: normalizePrice(values.price),
      currency: values.currency,
      on_sale: values.on_sale,
      description: orNull(values.description),
    };
    const done = (text: string) => {
      message.success(text);
      onClose();
    };
    if (product) {
      update.mutate({ product, patch: body }, { onSuccess: () => done(t("common:messages.saved")), onError: (e) => onProblem(e, form) });
    } else {
      create.mutate(body, { onSuccess: () => done(t("common:messages.created")), onError: (e) => onProblem(e, form) });
    }
  };

  return (
    <Drawer
      title={product ? t("products:editTitle", { name: product.name }) : t("products:createTitle")}
      open={open}
      onClose={onClose}
      width={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="product-save">
            {t("common:actions.save")}
          </Button>
        </Space>
      }
    >
      <Form<ProductFormValues> form={form} layout="vertical" onFinish={onFinish}>
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
      </Form>
    </Drawer>
  );
}
