import { useEffect, useRef, type ReactNode } from "react";
import { App, Button, Form, Input, Select, Space, type FormItemProps } from "antd";
import { useTranslation } from "react-i18next";

/** One filter of a list's search form. */
export type FilterField = {
  /** The form value's name; none for a group of inputs that name their own (a range). */
  name?: string;
  label: string;
  /** A select with these options; otherwise a text input, unless `input` is given. */
  options?: { value: string; label: string }[];
  /** Any other input (a date range, a compact pair…). */
  input?: ReactNode;
  placeholder?: string;
  width?: number;
  testId?: string;
  rules?: FormItemProps["rules"];
};

type Props<V extends object> = {
  fields: FilterField[];
  /** The filters the list shows now (from its URL); the form follows them when they change. */
  values: V;
  onSearch: (values: V) => void;
  /** The search button's test id; the reset button's is the same with `-reset`. */
  testId: string;
  /** A reason (already translated) the values cannot be searched with, shown instead of searching. */
  problem?: (values: V) => string | undefined;
};

function fieldInput(field: FilterField): ReactNode {
  if (field.input) return field.input;
  // Never wider than the form on a phone.
  const style = { width: field.width ?? 160, maxWidth: "100%" };
  if (field.options) {
    return <Select allowClear style={style} placeholder={field.placeholder} options={field.options} data-testid={field.testId} />;
  }
  return <Input allowClear style={style} placeholder={field.placeholder} data-testid={field.testId} />;
}

/** A list's inline search form built from its filters, with search and reset. */
export function SearchForm<V extends object>({ fields, values, onSearch, testId, problem }: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();

  // Follows the list's filters (Back, a link) but not while the user types: only a change of the
  // filters themselves resets the form.
  const key = JSON.stringify(values);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    form.resetFields();
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, key, values]);

  const submit = (next: V) => {
    const reason = problem?.(next);
    if (reason) return void message.error(reason);
    onSearch(next);
  };

  return (
    <Form<V> form={form} layout="inline" onFinish={submit} style={{ marginBottom: 16, rowGap: 8 }}>
      {fields.map((field) => (
        <Form.Item key={field.name ?? field.label} name={field.name} label={field.label} rules={field.rules} style={{ maxWidth: "100%" }}>
          {fieldInput(field)}
        </Form.Item>
      ))}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid={testId}>
            {t("common:actions.search")}
          </Button>
          <Button
            data-testid={`${testId}-reset`}
            onClick={() => {
              form.resetFields();
              // Every field, now blank, so the list drops each of these filters (and keeps its others).
              onSearch(form.getFieldsValue());
            }}
          >
            {t("common:actions.reset")}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
