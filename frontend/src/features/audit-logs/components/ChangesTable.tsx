import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldChange } from "../../../api/types";
import { formatValue } from "../../../shared/format";

export function ChangesTable({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useTranslation();
  const none = t("common:values.none");
  if (changes.length === 0) return <Typography.Text type="secondary">{t("auditLogs:changes.none")}</Typography.Text>;
  return (
    <Table<FieldChange>
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={[...changes]}
      columns={[
        { title: t("auditLogs:changes.field"), dataIndex: "field", key: "field", width: 200 },
        {
          title: t("auditLogs:changes.before"),
          key: "before",
          render: (_, c) => <Typography.Text delete={c.before !== null && c.before !== undefined}>{formatValue(c.before, none)}</Typography.Text>,
        },
        { title: t("auditLogs:changes.after"), key: "after", render: (_, c) => <Typography.Text strong>{formatValue(c.after, none)}</Typography.Text> },
      ]}
    />
  );
}
