import { useEffect, useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { SupplierPrice } from "../../../api/types";
import { ApiError, fieldErrorText, labelledFieldErrorText, problemText, type FieldProblem } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { PriceInput, priceRules } from "../../products/components/PriceInput";
import { ProductPicker } from "../../products/components/ProductPicker";
import { CURRENCIES } from "../../products/money";
import { useReplaceSupplierPrices, useSupplierPrices } from "../api";
import { DATE_FORMAT, dateOrderProblem, emptyRow, groupRowErrors, parseItemField, priceItems, rowFieldErrors, rowsFromPrices, type PriceRow } from "../priceList";

type Values = { items: PriceRow[] };

/** A field name of a row as the API names it ("valid_to"), translated for the error summary. */
function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string) => (field ? t(`suppliers:prices.fields.${field}`, { defaultValue: field }) : t("suppliers:prices.row"));
}

/**
 * 价格表: the supplier's whole price list as an editable table. Saving replaces the list on the
 * server (PUT), and the server's errors for `items[n].field` show on row n's cell.
 */
export function PriceListTab({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const prices = useSupplierPrices(supplierId);
  const replace = useReplaceSupplierPrices(supplierId);
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [rowProblems, setRowProblems] = useState<FieldProblem[]>([]);
  const fieldLabel = useFieldLabel();
  const editable = can("suppliers:update");

  const load = (list: readonly SupplierPrice[]) => {
    form.setFieldsValue({ items: rowsFromPrices(list) });
    setDirty(false);
    setRowProblems([]);
  };

  useEffect(() => {
    // A refetch must not wipe what the user is typing.
    if (prices.data && !dirty) form.setFieldsValue({ items: rowsFromPrices(prices.data) });
  }, [prices.data]);

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      message.error(t("suppliers:prices.fixErrors"));
      return;
    }
    const rows = ((form.getFieldsValue(true) as Values).items ?? []) as PriceRow[];
    replace.mutate(priceItems(rows), {
      onSuccess: (saved) => {
        message.success(t("common:messages.saved"));
        load(saved.items);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.problem.errors.some((e) => parseItemField(e.field))) {
          // The server's messages are English; known codes read in the user's language.
          const errors = error.problem.errors.map((e) => ({
            ...e,
            message: e.code ? t(`suppliers:prices.errorCodes.${e.code}`, { defaultValue: fieldErrorText(e) }) : fieldErrorText(e),
          }));
          const grouped = groupRowErrors(errors, rows.length);
          form.setFields(rowFieldErrors(grouped));
          setRowProblems(errors.filter((e) => parseItemField(e.field)));
          message.error([t("suppliers:prices.notSaved"), ...grouped.other.map((e) => labelledFieldErrorText(e))].join("; "));
          return;
        }
        onProblem(error);
      },
    });
  };

  if (prices.isError) return <Alert type="error" showIcon message={problemText(prices.error)} />;

  return (
    <Form<Values>
      form={form}
      disabled={!editable}
      onValuesChange={() => setDirty(true)}
      initialValues={{ items: [] }}
      data-testid="supplier-prices"
    >
      <Form.List name="items">
        {(fields, { add, remove }) => {
          const columns: TableColumnsType<(typeof fields)[number]> = [
            {
              title: "#",
              key: "index",
              width: 44,
              render: (_, __, index) => <Typography.Text type="secondary">{index + 1}</Typography.Text>,
            },
            {
              title: t("suppliers:prices.fields.product_id"),
              key: "product",
              width: 240,
              render: (_, field) => (
                <Form.Item name={[field.name, "product_id"]} rules={[{ required: true, message: t("suppliers:prices.productRequired") }]} style={{ margin: 0 }}>
                  <ProductPicker
                    initialLabel={form.getFieldValue(["items", field.name, "product_label"]) as string | undefined}
                    onChange={(_id, product) => {
                      if (product) form.setFieldValue(["items", field.name, "product_label"], `${product.name} (${product.code})`);
                    }}
                    style={{ width: 220 }}
                    data-testid={`price-product-${field.name}`}
                  />
                </Form.Item>
              ),
            },
            {
              title: t("suppliers:prices.fields.price"),
              key: "price",
              width: 130,
              render: (_, field) => (
                <Form.Item name={[field.name, "price"]} rules={priceRules(t)} style={{ margin: 0 }}>
                  <PriceInput style={{ width: 110 }} data-testid={`price-price-${field.name}`} />
                </Form.Item>
              ),
            },
            {
              title: t("suppliers:prices.fields.currency"),
              key: "currency",
              width: 100,
              render: (_, field) => (
                <Form.Item name={[field.name, "currency"]} rules={[{ required: true }]} style={{ margin: 0 }}>
                  <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} style={{ width: 80 }} data-testid={`price-currency-${field.name}`} />
                </Form.Item>
              ),
            },
            {
              title: t("suppliers:prices.fields.valid_from"),
              key: "valid_from",
              width: 150,
              render: (_, field) => (
                <Form.Item
                  name={[field.name, "valid_from"]}
                  rules={[{ required: true, message: t("suppliers:prices.validFromRequired") }]}
                  style={{ margin: 0 }}
                >
                  <DatePicker format={DATE_FORMAT} style={{ width: 130 }} data-testid={`price-valid-from-${field.name}`} />
                </Form.Item>
              ),
            },
            {
              title: t("suppliers:prices.fields.valid_to"),
              key: "valid_to",
              width: 150,
              render: (_, field) => (
                <Form.Item
                  name={[field.name, "valid_to"]}
                  dependencies={[["items", field.name, "valid_from"]]}
                  rules={[
                    {
                      validator: (_rule, value) =>
                        dateOrderProblem(form.getFieldValue(["items", field.name, "valid_from"]), value)
                          ? Promise.reject(new Error(t("suppliers:prices.validToBeforeFrom")))
                          : Promise.resolve(),
                    },
                  ]}
                  style={{ margin: 0 }}
                >
                  <DatePicker
                    format={DATE_FORMAT}
                    placeholder={t("suppliers:prices.openEnded")}
                    style={{ width: 130 }}
                    data-testid={`price-valid-to-${field.name}`}
                  />
                </Form.Item>
              ),
            },
            {
              title: t("suppliers:prices.fields.remark"),
              key: "remark",
              render: (_, field) => (
                <Form.Item name={[field.name, "remark"]} rules={[{ max: 500 }]} style={{ margin: 0 }}>
                  <Input style={{ minWidth: 120 }} data-testid={`price-remark-${field.name}`} />
                </Form.Item>
              ),
            },
            ...(editable
              ? [
                  {
                    title: t("common:actions.actions"),
                    key: "actions",
                    width: 56,
                    render: (_: unknown, field: (typeof fields)[number]) => (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("suppliers:prices.removeRow")}
                        data-testid={`price-remove-${field.name}`}
                        onClick={() => {
                          remove(field.name);
                          setDirty(true);
                        }}
                      />
                    ),
                  },
                ]
              : []),
          ];
          return (
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
                <Typography.Text type="secondary">{t("suppliers:prices.intro")}</Typography.Text>
                {editable && (
                  <Space wrap>
                    <Button
                      icon={<PlusOutlined />}
                      data-testid="price-add"
                      onClick={() => {
                        add(emptyRow());
                        setDirty(true);
                      }}
                    >
                      {t("suppliers:prices.addRow")}
                    </Button>
                    <Popconfirm
                      title={t("suppliers:prices.confirmDiscard")}
                      okText={t("common:confirm.yes")}
                      cancelText={t("common:confirm.no")}
                      disabled={!dirty}
                      onConfirm={() => load(prices.data ?? [])}
                    >
                      <Button disabled={!dirty}>{t("suppliers:prices.discard")}</Button>
                    </Popconfirm>
                    <Button type="primary" loading={replace.isPending} disabled={!dirty} onClick={() => void save()} data-testid="prices-save">
                      {t("suppliers:prices.save")}
                    </Button>
                  </Space>
                )}
              </Space>
              {rowProblems.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  closable
                  onClose={() => setRowProblems([])}
                  message={t("suppliers:prices.serverErrors")}
                  data-testid="price-errors"
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {rowProblems.map((problem, i) => {
                        const parsed = parseItemField(problem.field);
                        return (
                          <li key={i}>
                            {parsed
                              ? t("suppliers:prices.rowError", { row: parsed.index + 1, field: fieldLabel(parsed.field), message: problem.message })
                              : problem.message}
                          </li>
                        );
                      })}
                    </ul>
                  }
                />
              )}
              <Table
                rowKey="key"
                size="small"
                columns={columns}
                dataSource={fields}
                loading={prices.isFetching && !dirty}
                pagination={false}
                scroll={{ x: "max-content" }}
                locale={{ emptyText: t("suppliers:prices.empty") }}
              />
            </Space>
          );
        }}
      </Form.List>
    </Form>
  );
}
