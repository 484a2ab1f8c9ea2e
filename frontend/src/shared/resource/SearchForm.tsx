import { useEffect, useRef, useState, type ReactNode } from "react";
import { App, Badge, Button, Drawer, Form, Grid, Input, Select, Space, type FormItemProps } from "antd";
import { FilterOutlined, SearchOutlined } from "@ant-design/icons";
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

function fieldInput(field: FilterField, fill = false): ReactNode {
  if (field.input) return field.input;
  // Never wider than the form on a phone.
  const style = { width: fill ? "100%" : (field.width ?? 160), maxWidth: "100%" };
  if (field.options) {
    return <Select allowClear style={style} placeholder={field.placeholder} options={field.options} data-testid={field.testId} />;
  }
  return <Input allowClear style={style} placeholder={field.placeholder} data-testid={field.testId} />;
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.some(isSet);
  return true;
}

/**
 * A list's inline search form built from its filters, with search and reset. On a phone (under
 * 768 px) only the first field stays in the page, with a search button; the others open in a
 * drawer, its button counting the filters that are on.
 */
export function SearchForm<V extends object>({ fields, values, onSearch, testId, problem }: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Until antd has measured, assume a desktop.
  const compact = Grid.useBreakpoint().md === false;

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
    setDrawerOpen(false);
    onSearch(next);
  };
  const reset = () => {
    form.resetFields();
    setDrawerOpen(false);
    // Every field, now blank, so the list drops each of these filters (and keeps its others).
    onSearch(form.getFieldsValue());
  };

  if (compact && fields.length > 1) {
    const [first, ...others] = fields;
    const applied = values as Record<string, unknown>;
    const on = others.filter((f) => f.name !== undefined && isSet(applied[f.name])).length;
    return (
      <Form<V> form={form} layout="inline" onFinish={submit} style={{ marginBottom: 12, flexWrap: "nowrap", gap: 8 }}>
        <Form.Item name={first?.name} style={{ flex: 1, minWidth: 0, marginInlineEnd: 0 }}>
          {first && fieldInput({ ...first, placeholder: first.placeholder ?? first.label }, true)}
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} aria-label={t("common:actions.search")} data-testid={testId} />
        <Badge count={on} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setDrawerOpen(true)} data-testid={`${testId}-filters`}>
            {t("common:filters.button")}
          </Button>
        </Badge>
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="bottom"
          height="auto"
          forceRender
          title={t("common:filters.title")}
          data-testid={`${testId}-drawer`}
          styles={{ body: { paddingBottom: 8 }, wrapper: { maxHeight: "85vh" } }}
          footer={
            <Space style={{ width: "100%", justifyContent: "flex-end" }}>
              <Button data-testid={`${testId}-reset`} onClick={reset}>
                {t("common:actions.reset")}
              </Button>
              <Button type="primary" data-testid={`${testId}-apply`} onClick={() => form.submit()}>
                {t("common:actions.search")}
              </Button>
            </Space>
          }
        >
          {others.map((field) => (
            <Form.Item key={field.name ?? field.label} name={field.name} label={field.label} rules={field.rules} layout="vertical" style={{ marginBottom: 12, marginInlineEnd: 0 }}>
              {fieldInput(field, true)}
            </Form.Item>
          ))}
        </Drawer>
      </Form>
    );
  }

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
          <Button data-testid={`${testId}-reset`} onClick={reset}>
            {t("common:actions.reset")}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
