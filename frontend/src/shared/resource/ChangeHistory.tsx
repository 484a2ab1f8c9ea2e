import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Table, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { AuditLog } from "../../api/types";
import { ChangesTable } from "../../features/audit-logs/components/ChangesTable";
import { formatDateTime, formatValue } from "../format";
import type { PageParams } from "../hooks/pagedQuery";
import { usePagedTable } from "../hooks/usePagedTable";
import { useUserNames } from "../userNames";

const ACTION_COLORS: Record<string, string> = {
  create: "green",
  update: "blue",
  delete: "red",
  restore: "purple",
  claim: "orange",
  release: "cyan",
  invalidate: "default",
};

/** Fields that hold a user's id (`created_by`, `deleted_by`…). */
function isUserField(field: string): boolean {
  return field.endsWith("_by");
}

/**
 * One record's operation log. Kept under the resource's own cache name, so the resource's writes
 * (which refresh everything under that name) refresh its history too.
 */
export function useRecordHistory(entity: string, entityId: string, page: Pick<PageParams, "page" | "page_size">, cacheName = entity) {
  return useQuery({
    queryKey: [cacheName, "history", entityId, page] as const,
    queryFn: () => unwrap(api.GET("/api/v1/audit-logs", { params: { query: { entity, entity_id: entityId, ...page } } })),
    placeholderData: keepPreviousData,
  });
}

type Props = {
  /** The entity as the audit log names it (`suppliers`, `customers`…). */
  entity: string;
  entityId: string;
  /** The resource's cache name, when it differs from the entity's. */
  cacheName?: string;
  /** A changed field's label; by default the entity's namespace `fields.<field>`. */
  fieldLabel?: (field: string) => string;
  /**
   * A changed value as the record's own page shows it (dictionary labels, times…); undefined
   * leaves that value to the shared reading (yes/no, times, users by name).
   */
  valueText?: (field: string, value: unknown, empty: string) => string | undefined;
  /** An action's label; by default the audit log's own words. */
  actionLabel?: (action: string) => string;
  testId?: string;
};

/** A record's change history: who did what when, each entry's before and after open. */
export function ChangeHistory({ entity, entityId, cacheName, fieldLabel, valueText, actionLabel, testId }: Props) {
  const { t } = useTranslation();
  const paged = usePagedTable<AuditLog>();
  const history = useRecordHistory(entity, entityId, { page: paged.params.page, page_size: paged.params.page_size }, cacheName);
  const none = t("common:values.none");
  // Entries open by default: the before/after values are what this tab is for.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const expandedRowKeys = (history.data?.items ?? []).map((log) => log.id).filter((id) => !collapsed.has(id));
  const userNames = useUserNames((history.data?.items ?? []).flatMap((log) => log.changes.flatMap((c) => (isUserField(c.field) ? [c.before, c.after] : []))).filter((v): v is string => typeof v === "string"));
  // The module's name for a field, else the name every record shares (id, created_by…), else the field itself.
  const label =
    fieldLabel ?? ((field: string) => t(`${entity}:fields.${field}`, { defaultValue: t(`common:history.field.${field}`, { defaultValue: field }) }));
  // Values as people read them: yes/no, times in the browser's zone, users by name.
  const shared = (field: string, v: unknown, empty: string) => {
    if (typeof v === "boolean") return t(v ? "common:values.yes" : "common:values.no");
    if (typeof v === "string" && isUserField(field)) return userNames.get(v) ?? v;
    if (typeof v === "string" && field.endsWith("_at")) return formatDateTime(v, empty);
    return formatValue(v, empty);
  };
  const value = (field: string, v: unknown, empty: string) => valueText?.(field, v, empty) ?? shared(field, v, empty);
  const action = actionLabel ?? ((a: string) => t(`auditLogs:actions.${a}`, { defaultValue: a }));

  const columns: TableColumnsType<AuditLog> = [
    { title: t("auditLogs:fields.created_at"), dataIndex: "created_at", key: "created_at", width: 190, render: (v: string) => formatDateTime(v, none) },
    { title: t("auditLogs:fields.actor"), key: "actor", width: 140, render: (_, log) => log.actor_name || none },
    {
      title: t("auditLogs:fields.action"),
      dataIndex: "action",
      key: "action",
      render: (a: string) => <Tag color={ACTION_COLORS[a]}>{action(a)}</Tag>,
    },
    {
      title: t("common:history.changed"),
      key: "fields",
      render: (_, log) => log.changes.map((c) => label(c.field)).join(t("common:history.separator")) || none,
    },
  ];

  return (
    <Table<AuditLog>
      rowKey="id"
      size="middle"
      scroll={{ x: "max-content" }}
      columns={columns}
      dataSource={history.data?.items}
      loading={history.isFetching}
      expandable={{
        expandedRowRender: (log) => <ChangesTable changes={log.changes} fieldLabel={label} valueText={value} />,
        expandedRowKeys,
        onExpand: (expanded, log) =>
          setCollapsed((old) => {
            const next = new Set(old);
            if (expanded) next.delete(log.id);
            else next.add(log.id);
            return next;
          }),
      }}
      data-testid={testId ?? `${entity}-history`}
      {...paged.tableProps(history.data?.total)}
    />
  );
}
