import { useState } from "react";
import { DatePicker, Select, Tag, Tooltip, Typography, type TableColumnsType } from "antd";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { AuditLog } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { useUserOptions } from "../../../shared/lookups";
import type { Can } from "../../../shared/permissions";
import { recordPath } from "../../../shared/recordLinks";
import { entityName } from "../../../shared/systemText";
import { usePermission } from "../../auth/api";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useAuditLogs, type AuditLogFilters } from "../api";
import { ChangesTable } from "../components/ChangesTable";
import { filtersFromForm, type FilterFormValues } from "../filters";

/** The record types the audit log holds (each module writes its table name). */
const AUDIT_ENTITIES = ["users", "departments", "roles", "api_tokens", "customers", "contacts", "follow_ups", "customer_groups", "pool_rules", "dictionaries", "product_categories", "products", "suppliers", "saved_views", "webhooks"];

/**
 * The record an entry is about, by name (a customer's, a user's login), opening its page where the
 * SPA has one; the id stays in the tooltip, copyable, for the entity id filter. A record without a
 * name (the pool rules) shows its id.
 */
function RecordName({ log, can }: { log: AuditLog; can: Can }) {
  const label = log.entity_label;
  if (!label) return <Typography.Text copyable={{ text: log.entity_id }}>{log.entity_id}</Typography.Text>;
  const path = recordPath(log.entity, log.entity_id, label, can);
  return (
    <Tooltip title={<Typography.Text copyable={{ text: log.entity_id }} style={{ color: "inherit" }}>{log.entity_id}</Typography.Text>}>
      <span data-testid="audit-record">{path ? <Link to={path}>{label}</Link> : label}</span>
    </Tooltip>
  );
}

const ACTION_COLORS: Record<string, string> = { create: "green", update: "blue", delete: "red", restore: "purple" };

export function AuditLogsPage() {
  const { t } = useTranslation();
  const paged = usePagedTable<AuditLog>();
  const [values, setValues] = useState<FilterFormValues>({});
  const filters: AuditLogFilters = filtersFromForm(values);
  // The server always lists the log newest first and rejects `sort`, so none is sent.
  const logs = useAuditLogs({ page: paged.params.page, page_size: paged.params.page_size, ...filters });
  const users = useUserOptions();
  const can = usePermission();
  const none = t("common:values.none");

  const apply = (next: FilterFormValues) => {
    setValues(next);
    paged.resetPage();
  };

  const columns: TableColumnsType<AuditLog> = [
    {
      title: t("auditLogs:fields.created_at"),
      dataIndex: "created_at",
      key: "created_at",
      render: (v: string) => formatDateTime(v, none),
    },
    { title: t("auditLogs:fields.actor"), key: "actor", render: (_, log) => log.actor_name || log.actor_id || none },
    {
      title: t("auditLogs:fields.action"),
      dataIndex: "action",
      key: "action",
      render: (action: string) => <Tag color={ACTION_COLORS[action]}>{t(`auditLogs:actions.${action}`, { defaultValue: action })}</Tag>,
    },
    { title: t("auditLogs:fields.entity"), dataIndex: "entity", key: "entity", render: (entity: string) => entityName(t, entity) },
    {
      title: t("auditLogs:fields.record"),
      key: "record",
      render: (_, log) => <RecordName log={log} can={can} />,
    },
    { title: t("auditLogs:fields.ip"), dataIndex: "ip", key: "ip", render: (v: string | null) => v || none },
  ];

  return (
    <ResourceListPage<AuditLog>
      title={t("auditLogs:title")}
      table={{ columns, list: logs, paged, expandable: { expandedRowRender: (log) => <ChangesTable changes={log.changes ?? []} /> } }}
    >
      <SearchForm<FilterFormValues>
        testId="audit-log-search"
        values={values}
        onSearch={apply}
        fields={[
          {
            name: "entity",
            label: t("auditLogs:fields.entity"),
            input: (
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 160, maxWidth: "100%" }}
                options={AUDIT_ENTITIES.map((e) => ({ value: e, label: entityName(t, e) }))}
              />
            ),
          },
          { name: "entity_id", label: t("auditLogs:fields.entity_id"), width: 200 },
          {
            name: "actor_id",
            label: t("auditLogs:fields.actor"),
            input: <Select allowClear showSearch optionFilterProp="label" style={{ width: 200, maxWidth: "100%" }} options={users.data ?? []} loading={users.isPending} />,
          },
          { name: "range", label: t("auditLogs:fields.range"), input: <DatePicker.RangePicker allowEmpty={[true, true]} /> },
        ]}
      />
    </ResourceListPage>
  );
}
