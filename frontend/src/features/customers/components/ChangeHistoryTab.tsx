import { useState } from "react";
import { Table, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditLog } from "../../../api/types";
import { formatDateTime, formatValue } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { ChangesTable } from "../../audit-logs/components/ChangesTable";
import { useCustomerHistory, useDictionary } from "../api";
import { dictionaryLabel } from "../dictionary";

const TIME_FIELDS = new Set(["last_follow_up_at", "next_follow_up_at", "created_at", "updated_at"]);
const TRANSLATED_FIELDS: Record<string, string> = { kind: "kinds", pool: "pools", deal_status: "dealStatus" };

const ACTION_COLORS: Record<string, string> = { create: "green", update: "blue", delete: "red", claim: "orange", release: "cyan", invalidate: "default" };

/** The customer's operation log with each entry's field changes open. */
export function ChangeHistoryTab({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const industries = useDictionary("industry");
  const sources = useDictionary("customer_source");
  const levels = useDictionary("customer_level");
  const paged = usePagedTable<AuditLog>();
  const history = useCustomerHistory(customerId, { page: paged.params.page, page_size: paged.params.page_size });
  const none = t("common:values.none");
  // Entries open by default: the before/after values are what this tab is for.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const expandedRowKeys = (history.data?.items ?? []).map((log) => log.id).filter((id) => !collapsed.has(id));

  const fieldLabel = (field: string) => t(`customers:fields.${field}`, { defaultValue: field });
  const dictionaries: Record<string, typeof industries.data> = { industry: industries.data, source: sources.data, level: levels.data };
  // Codes and timestamps as the rest of the page shows them, so before and after read naturally.
  const valueText = (field: string, value: unknown, empty: string) => {
    if (value === null || value === undefined || value === "") return empty;
    if (typeof value === "string") {
      if (field in dictionaries) return dictionaryLabel(dictionaries[field], value, language, empty);
      const namespace = TRANSLATED_FIELDS[field];
      if (namespace) return t(`customers:${namespace}.${value}`, { defaultValue: value });
      if (TIME_FIELDS.has(field)) return formatDateTime(value, empty);
    }
    return formatValue(value, empty);
  };

  const columns: TableColumnsType<AuditLog> = [
    { title: t("auditLogs:fields.created_at"), dataIndex: "created_at", key: "created_at", width: 190, render: (v: string) => formatDateTime(v, none) },
    { title: t("auditLogs:fields.actor"), key: "actor", width: 140, render: (_, log) => log.actor_name || log.actor_id || none },
    {
      title: t("auditLogs:fields.action"),
      dataIndex: "action",
      key: "action",
      render: (action: string) => (
        <Tag color={ACTION_COLORS[action]}>{t(`customers:history.actions.${action}`, { defaultValue: t(`auditLogs:actions.${action}`, { defaultValue: action }) })}</Tag>
      ),
    },
    {
      title: t("customers:history.fields"),
      key: "fields",
      render: (_, log) => log.changes.map((c) => fieldLabel(c.field)).join(t("customers:history.separator")) || none,
    },
  ];

  return (
    <Table<AuditLog>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={history.data?.items}
      loading={history.isFetching}
      expandable={{
        expandedRowRender: (log) => <ChangesTable changes={log.changes} fieldLabel={fieldLabel} valueText={valueText} />,
        expandedRowKeys,
        onExpand: (expanded, log) =>
          setCollapsed((old) => {
            const next = new Set(old);
            if (expanded) next.delete(log.id);
            else next.add(log.id);
            return next;
          }),
      }}
      data-testid="customer-history"
      {...paged.tableProps(history.data?.total)}
    />
  );
}
