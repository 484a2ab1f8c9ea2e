import { Button, Form, Input, Space, Typography, type FormInstance } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { PriceInput, priceRules } from "../../products/components/PriceInput";
import { ProductPicker } from "../../products/components/ProductPicker";
import { formatMoney } from "../../products/money";
import { isValidDiscount, isValidQuantity, lineSubtotal, linesTotal } from "../../../shared/lineTotals";

/** One line as the form keeps it; `label` names the product before any search. */
export type LineValues = { product_id?: string; label?: string; quantity?: string; unit_price?: string; discount_percent?: string };

type Props = { form: FormInstance; currency: string };

/**
 * The product lines of an opportunity: a product, quantity, unit price (the product's price when
 * it is picked), discount and the subtotal, with the total under them, all computed exactly as
 * the server will price them.
 */
export function LinesEditor({ form, currency }: Props) {
  const { t, i18n } = useTranslation();
  const lines = (Form.useWatch("lines", form) as LineValues[] | undefined) ?? [];
  const total = linesTotal(lines);
  const money = (v: string) => formatMoney(v, currency, i18n.language);
  return (
    <Form.List
      name="lines"
      rules={[{ validator: (_, value: unknown[] | undefined) => (value && value.length > 0 ? Promise.resolve() : Promise.reject(new Error(t("opportunities:form.noLines")))) }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="opportunity-lines">
          {fields.map((field, index) => {
            const subtotal = lineSubtotal(lines[index] ?? {});
            return (
              <div
                key={field.key}
                data-testid="opportunity-line"
                style={{ border: "1px solid rgba(5,5,5,0.06)", borderRadius: 8, padding: "8px 8px 0", marginBottom: 8 }}
              >
                <Space wrap align="start" size={8} style={{ width: "100%" }}>
                  <Form.Item name={[field.name, "label"]} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "product_id"]}
                    label={t("opportunities:form.product")}
                    rules={[{ required: true }]}
                    style={{ marginBottom: 8 }}
                  >
                    <ProductPicker
                      style={{ width: 220, maxWidth: "70vw" }}
                      initialLabel={lines[index]?.label}
                      data-testid="line-product"
                      onChange={(_id, product) => {
                        if (!product) return;
                        form.setFieldValue(["lines", field.name, "label"], `${product.name} (${product.code})`);
                        form.setFieldValue(["lines", field.name, "unit_price"], product.price);
                      }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "quantity"]}
                    label={t("opportunities:form.quantity")}
                    rules={[{ validator: (_, v: string) => (isValidQuantity(v) ? Promise.resolve() : Promise.reject(new Error(t("opportunities:form.quantityInvalid")))) }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input inputMode="decimal" style={{ width: 90 }} data-testid="line-quantity" autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={[field.name, "unit_price"]} label={t("opportunities:form.unitPrice")} rules={priceRules(t)} style={{ marginBottom: 8 }}>
                    <PriceInput style={{ width: 120 }} data-testid="line-price" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "discount_percent"]}
                    label={t("opportunities:form.discount")}
                    rules={[{ validator: (_, v: string) => (isValidDiscount(v) ? Promise.resolve() : Promise.reject(new Error(t("opportunities:form.discountInvalid")))) }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input inputMode="decimal" style={{ width: 80 }} placeholder="0" data-testid="line-discount" autoComplete="off" />
                  </Form.Item>
                  <Form.Item label={t("opportunities:form.subtotal")} style={{ marginBottom: 8 }}>
                    <Typography.Text strong data-testid="line-subtotal" style={{ display: "inline-block", minWidth: 90, lineHeight: "32px" }}>
                      {subtotal === undefined ? "—" : money(subtotal)}
                    </Typography.Text>
                  </Form.Item>
                  <Form.Item label=" " colon={false} style={{ marginBottom: 8 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("opportunities:form.removeLine")} onClick={() => remove(field.name)} />
                  </Form.Item>
                </Space>
              </div>
            );
          })}
          <Form.ErrorList errors={errors} />
          <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
            <Button icon={<PlusOutlined />} onClick={() => add({ quantity: "1", discount_percent: "0" })} data-testid="line-add">
              {t("opportunities:form.addLine")}
            </Button>
            <Typography.Text strong data-testid="lines-total">
              {t("opportunities:form.total")}: {total.complete ? money(total.total) : t("opportunities:form.totalIncomplete")}
            </Typography.Text>
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
            {t("opportunities:form.totalNote")}
          </Typography.Paragraph>
        </div>
      )}
    </Form.List>
  );
}
