import { Button, Col, Form, Input, Row, Typography, type FormInstance } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { documentTotals, isValidDiscount, isValidQuantity, isValidTaxRate, taxedLine } from "../../../shared/lineTotals";
import { PriceInput, priceRules } from "../../products/components/PriceInput";
import { ProductPicker } from "../../products/components/ProductPicker";
import { formatMoney, normalizePrice } from "../../products/money";
import type { DocumentLine, NewDocumentLine } from "../api";
import { TotalsSummary } from "./TotalsSummary";

/** One line as the form keeps it: a catalogue product (optional) or free text, with its figures. */
export type DocLineValues = {
  product_id?: string;
  name?: string;
  unit?: string;
  quantity?: string;
  unit_price?: string;
  discount_percent?: string;
  tax_rate_percent?: string;
};

/** The tax rate a new line starts with (China's standard VAT on goods), changeable per line. */
export const DEFAULT_TAX_RATE = "13";
export const NEW_LINE: DocLineValues = { quantity: "1", discount_percent: "0", tax_rate_percent: DEFAULT_TAX_RATE };

/** A saved line as the form edits it. */
export function lineValues(l: DocumentLine): DocLineValues {
  return {
    product_id: l.product_id ?? undefined,
    name: l.name,
    unit: l.unit ?? undefined,
    quantity: l.quantity,
    unit_price: l.unit_price,
    discount_percent: l.discount_percent,
    tax_rate_percent: l.tax_rate_percent,
  };
}

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** The form's lines as the API takes them. */
export function toDocumentLines(lines: DocLineValues[] | undefined): NewDocumentLine[] {
  return (lines ?? []).map((l) => ({
    product_id: l.product_id || null,
    name: trimmed(l.name),
    unit: trimmed(l.unit),
    quantity: (l.quantity ?? "").trim(),
    unit_price: normalizePrice(l.unit_price ?? "0"),
    discount_percent: l.discount_percent?.trim() ? l.discount_percent.trim() : "0",
    tax_rate_percent: l.tax_rate_percent?.trim() ? l.tax_rate_percent.trim() : "0",
  }));
}

const percentRule = (valid: (v: string) => boolean, message: string) => ({
  validator: (_: unknown, v: string) => (valid(v) ? Promise.resolve() : Promise.reject(new Error(message))),
});

/**
 * A quote's or order's lines: a product from the catalogue (which fills the name, unit and price)
 * or a free-text line, the quantity, unit price, discount and tax rate, with each line's figures
 * and the document's totals computed live exactly as the server will.
 */
export function DocumentLinesEditor({ form, currency }: { form: FormInstance; currency: string }) {
  const { t, i18n } = useTranslation();
  const lines = (Form.useWatch("lines", form) as DocLineValues[] | undefined) ?? [];
  const totals = documentTotals(lines);
  const money = (v: string) => formatMoney(v, currency, i18n.language);
  const item = { style: { marginBottom: 8 } };
  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => (
        <div data-testid="doc-lines">
          {fields.map((field, index) => {
            const figures = taxedLine(lines[index] ?? {});
            return (
              <div key={field.key} data-testid="doc-line" style={{ border: "1px solid rgba(5,5,5,0.06)", borderRadius: 8, padding: "8px 8px 0", marginBottom: 8 }}>
                <Row gutter={8} align="bottom">
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, "product_id"]} label={t("quotes:lines.product")} {...item}>
                      <ProductPicker
                        style={{ width: "100%" }}
                        initialLabel={lines[index]?.name}
                        data-testid="line-product"
                        onChange={(_id, product) => {
                          if (!product) return;
                          form.setFieldValue(["lines", field.name, "name"], product.name);
                          form.setFieldValue(["lines", field.name, "unit"], product.unit ?? undefined);
                          form.setFieldValue(["lines", field.name, "unit_price"], product.price);
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={[field.name, "name"]}
                      label={t("quotes:lines.name")}
                      rules={[{ required: !lines[index]?.product_id, whitespace: true, message: t("quotes:lines.nameRequired") }, { max: 200 }]}
                      {...item}
                    >
                      <Input autoComplete="off" placeholder={t("quotes:lines.namePlaceholder")} data-testid="line-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={3}>
                    <Form.Item name={[field.name, "unit"]} label={t("quotes:lines.unit")} rules={[{ max: 20 }]} {...item}>
                      <Input autoComplete="off" data-testid="line-unit" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={3}>
                    <Form.Item name={[field.name, "quantity"]} label={t("quotes:lines.quantity")} rules={[percentRule(isValidQuantity, t("quotes:lines.quantityInvalid"))]} {...item}>
                      <Input inputMode="decimal" autoComplete="off" data-testid="line-quantity" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={5}>
                    <Form.Item name={[field.name, "unit_price"]} label={t("quotes:lines.unitPrice")} rules={priceRules(t)} {...item}>
                      <PriceInput style={{ width: "100%" }} data-testid="line-price" />
                    </Form.Item>
                  </Col>
                  <Col xs={6} sm={3}>
                    <Form.Item name={[field.name, "discount_percent"]} label={t("quotes:lines.discount")} rules={[percentRule(isValidDiscount, t("quotes:lines.percentInvalid"))]} {...item}>
                      <Input inputMode="decimal" placeholder="0" autoComplete="off" data-testid="line-discount" />
                    </Form.Item>
                  </Col>
                  <Col xs={6} sm={3}>
                    <Form.Item name={[field.name, "tax_rate_percent"]} label={t("quotes:lines.taxRate")} rules={[percentRule(isValidTaxRate, t("quotes:lines.percentInvalid"))]} {...item}>
                      <Input inputMode="decimal" placeholder="0" autoComplete="off" data-testid="line-tax-rate" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={5}>
                    <Form.Item label={t("quotes:lines.total")} {...item}>
                      <Typography.Text strong data-testid="line-total" style={{ lineHeight: "32px", whiteSpace: "nowrap" }}>
                        {figures ? money(figures.total) : "—"}
                      </Typography.Text>
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} style={{ textAlign: "end" }}>
                    <Form.Item {...item}>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("quotes:lines.remove")} onClick={() => remove(field.name)} data-testid="line-remove" />
                    </Form.Item>
                  </Col>
                </Row>
                {figures && (
                  <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, marginBottom: 8 }} data-testid="line-figures">
                    {t("quotes:lines.figures", { subtotal: money(figures.subtotal), tax: money(figures.tax) })}
                  </Typography.Text>
                )}
              </div>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_LINE })} data-testid="line-add" style={{ marginBottom: 16 }}>
            {t("quotes:lines.add")}
          </Button>
          <TotalsSummary totals={totals} currency={currency} incomplete={!totals.complete} testId="live-totals" />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, textAlign: "end" }}>
            {t("quotes:totals.note")}
          </Typography.Paragraph>
        </div>
      )}
    </Form.List>
  );
}
