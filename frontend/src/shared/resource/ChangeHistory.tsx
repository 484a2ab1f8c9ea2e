import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Table, Tag, Typography, type TableColumnsType } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { AuditLog } from "../../api/types";
import { ChangesTable } from "../../features/audit-logs/components/ChangesTable";
import { formatDateTime, formatValue } from "../format";
import type { PageParams } from "../hooks/pagedQuery";
import { usePagedTable } from "../hooks/usePagedTable";
import { useUserNames } from "../userNames";

/** A logged action's tag colour, shared by the change history and a customer's timeline. */
export const ACTION_COLORS: Readonly<Record<string, string>> = {
  create: "green",
  update: "blue",
  delete: "red",
  restore: "purple",
  claim: "orange",
  assign: "orange",
  transfer: "purple",
  release: "cyan",
  return: "cyan",
  won: "green",
  invalidate: "default",
  revalidate: "green",
};

/** Fields that hold a user's id (`created_by`, `deleted_by`…), and those a resource names. */
function isUserField(field: string, userFields: readonly string[] | undefined): boolean {
  return field.endsWith("_by") || (userFields?.includes(field) ?? false);
}

/** A reference the record carries with its name (a user's roles: `{ id, name }`). */
function isNamed(value: unknown): value is { name: string } {
  return typeof value === "object" && value !== null && "name" in value && typeof value.name === "string";
}

/** `department_id` → `department`, `role_ids` → `role`, `category_name` → `category`: the name a form labels a reference by. */
function fieldStem(field: string): string | undefined {
  const stem = field.replace(/_(ids?|name)$/, "");
  return stem === field ? undefined : stem;
}

/**
 * A changed field's label from the module's own field labels under `prefix` (`users:fields`,
 * `products:categories.fields`…): the field's own, else its reference's (`department_id` reads as
 * the department), else the name every record shares (id, created_by…), else the field itself.
 */
export function historyFieldLabel(t: TFunction, prefix: string): (field: string) => string {
  return (field) => {
    const shared = t(`common:history.field.${field}`, { defaultValue: field });
    const stem = fieldStem(field);
    const byStem = stem ? t(`${prefix}.${stem}`, { defaultValue: "" }) : "";
    return t(`${prefix}.${field}`, { defaultValue: byStem || shared });
  };
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

/** How a resource's history reads: its field labels and its values as its own pages show them. */
export type HistoryReading = {
  /** Where the module keeps its field labels, e.g. `products:categories.fields`; by default `<entity>:fields`. */
  fields?: string;
  /** A changed field's label; by default looked up under `fields` (see historyFieldLabel). */
  fieldLabel?: (field: string) => string;
  /**
   * A changed value as the record's own page shows it (dictionary labels, times…); undefined
   * leaves that value to the shared reading (yes/no, times, users by name).
   */
  valueText?: (field: string, value: unknown, empty: string) => string | undefined;
  /** An action's label; by default the audit log's own words. */
  actionLabel?: (action: string) => string;
  /** Fields besides `*_by` that hold a user's id (a head, a supervisor): shown by the user's name. */
  userFields?: readonly string[];
  /** Fields the record carries twice (`department_name` beside `department_id`): left out. */
  hiddenFields?: readonly string[];
};

type Props = HistoryReading & {
  /** The entity as the audit log names it (`suppliers`, `customers`…). */
  entity: string;
  entityId: string;
  /** The resource's cache name, when it differs from the entity's. */
  cacheName?: string;
  /**
   * For a narrow place (a drawer, a phone): time and actor share a column and long texts wrap, so
   * the before and after stay in view without scrolling sideways.
   */
  compact?: boolean;
  testId?: string;
};

/** A record's change history: who did what when, each entry's before and after open. */
export function ChangeHistory({ entity, entityId, cacheName, fields, fieldLabel, valueText, actionLabel, userFields, hiddenFields, compact = false, testId }: Props) {
  const { t } = useTranslation();
  const paged = usePagedTable<AuditLog>();
  const history = useRecordHistory(entity, entityId, { page: paged.params.page, page_size: paged.params.page_size }, cacheName);
  const none = t("common:values.none");
  // Entries open by default: the before/after values are what this tab is for.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const logs = (history.data?.items ?? []).map((log) => (hiddenFields?.length ? { ...log, changes: log.changes.filter((c) => !hiddenFields.includes(c.field)) } : log));
  const expandedRowKeys = logs.map((log) => log.id).filter((id) => !collapsed.has(id));
  const userNames = useUserNames(logs.flatMap((log) => log.changes.flatMap((c) => (isUserField(c.field, userFields) ? [c.before, c.after] : []))).filter((v): v is string => typeof v === "string"));
  const label = fieldLabel ?? historyFieldLabel(t, fields ?? `${entity}:fields`);
  // Values as people read them: yes/no, times in the browser's zone, users by name, lists as lists.
  const shared = (field: string, v: unknown, empty: string): string => {
    if (typeof v === "boolean") return t(v ? "common:values.yes" : "common:values.no");
    if (Array.isArray(v)) return v.length === 0 ? empty : v.map((item) => (isNamed(item) ? item.name : shared(field, item, empty))).join(t("common:history.separator"));
    if (typeof v === "string" && isUserField(field, userFields)) return userNames.get(v) ?? v;
    if (typeof v === "string" && field.endsWith("_at")) return formatDateTime(v, empty);
    return formatValue(v, empty);
  };
  const value = (field: string, v: unknown, empty: string) => valueText?.(field, v, empty) ?? shared(field, v, empty);
  const action = actionLabel ?? ((a: string) => t(`auditLogs:actions.${a}`, { defaultValue: a }));

  const actionTag = (a: string) => <Tag color={ACTION_COLORS[a]}>{action(a)}</Tag>;
  const changed: TableColumnsType<AuditLog>[number] = {
    title: t("common:history.changed"),
    key: "fields",
    render: (_, log) => log.changes.map((c) => label(c.field)).join(t("common:history.separator")) || none,
  };
  const columns: TableColumnsType<AuditLog> = compact
    ? [
        {
          // When, then what and by whom: one column, so the changed fields keep room to wrap.
          title: t("auditLogs:fields.created_at"),
          key: "created_at",
          render: (_, log) => (
            <>
              <div style={{ whiteSpace: "nowrap" }}>{formatDateTime(log.created_at, none)}</div>
              <div style={{ whiteSpace: "nowrap" }}>
                {actionTag(log.action)}
                <Typography.Text type="secondary">{log.actor_name || none}</Typography.Text>
              </div>
            </>
          ),
        },
        changed,
      ]
    : [
        { title: t("auditLogs:fields.created_at"), dataIndex: "created_at", key: "created_at", width: 190, render: (v: string) => formatDateTime(v, none) },
        { title: t("auditLogs:fields.actor"), key: "actor", width: 140, render: (_, log) => log.actor_name || none },
        { title: t("auditLogs:fields.action"), dataIndex: "action", key: "action", render: actionTag },
        changed,
      ];

  return (
    <Table<AuditLog>
      rowKey="id"
      size="middle"
      scroll={compact ? undefined : { x: "max-content" }}
      columns={columns}
      dataSource={logs}
      loading={history.isFetching}
      expandable={{
        expandedRowRender: (log) => <ChangesTable changes={log.changes} fieldLabel={label} valueText={value} compact={compact} />,
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
