import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldChange } from "../../../api/types";
import { formatValue } from "../../../shared/format";

type Props = {
  changes: readonly FieldChange[];
  /** A module's own name for a field; the raw field name otherwise. */
  fieldLabel?: (field: string) => string;
  /** A module's own text for a value (dictionary labels, dates); formatValue otherwise. */
  valueText?: (field: string, value: unknown, none: string) => string;
  /** For a narrow place: the field column as wide as it needs, long values (ids, lists) wrap anywhere. */
  compact?: boolean;
};

/** Lets a long value without spaces (an id) wrap, so a narrow table need not scroll. */
const WRAP_ANYWHERE = { overflowWrap: "anywhere" } as const;

export function ChangesTable({ changes, fieldLabel, valueText, compact = false }: Props) {
  const { t } = useTranslation();
  const none = t("common:values.none");
  const text = (field: string, value: unknown) => (valueText ? valueText(field, value, none) : formatValue(value, none));
  if (changes.length === 0) return <Typography.Text type="secondary">{t("auditLogs:changes.none")}</Typography.Text>;
  return (
    <Table<FieldChange>
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={[...changes]}
      columns={[
        { title: t("auditLogs:changes.field"), dataIndex: "field", key: "field", width: compact ? undefined : 200, render: (field: string) => (fieldLabel ? fieldLabel(field) : field) },
        {
          title: t("auditLogs:changes.before"),
          key: "before",
          render: (_, c) => (
            <Typography.Text delete={c.before !== null && c.before !== undefined} style={compact ? WRAP_ANYWHERE : undefined}>
              {text(c.field, c.before)}
            </Typography.Text>
          ),
        },
        {
          title: t("auditLogs:changes.after"),
          key: "after",
          render: (_, c) => (
            <Typography.Text strong style={compact ? WRAP_ANYWHERE : undefined}>
              {text(c.field, c.after)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
