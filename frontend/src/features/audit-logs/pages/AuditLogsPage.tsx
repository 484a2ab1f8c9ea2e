import { useState } from "react";
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditLog } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { useUserOptions } from "../../../shared/lookups";
import { useAuditLogs, type AuditLogFilters } from "../api";
import { ChangesTable } from "../components/ChangesTable";
import { filtersFromForm, type FilterFormValues } from "../filters";

const ACTION_COLORS: Record<string, string> = { create: "green", update: "blue", delete: "red", restore: "purple" };

export function AuditLogsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterFormValues>();
  const paged = usePagedTable<AuditLog>();
  const [filters, setFilters] = useState<AuditLogFilters>({});
  // The server always lists the log newest first and rejects `sort`, so none is sent.
  const logs = useAuditLogs({ page: paged.params.page, page_size: paged.params.page_size, ...filters });
  const users = useUserOptions();
  const none = t("common:values.none");

  const apply = (values: FilterFormValues) => {
    setFilters(filtersFromForm(values));
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
    { title: t("auditLogs:fields.entity"), dataIndex: "entity", key: "entity" },
    {
      title: t("auditLogs:fields.entity_id"),
      dataIndex: "entity_id",
      key: "entity_id",
      render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
    },
    { title: t("auditLogs:fields.ip"), dataIndex: "ip", key: "ip", render: (v: string | null) => v || none },
  ];

  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("auditLogs:title")}
      </Typography.Title>
      <Form<FilterFormValues> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="entity" label={t("auditLogs:fields.entity")}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="entity_id" label={t("auditLogs:fields.entity_id")}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="actor_id" label={t("auditLogs:fields.actor")}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} options={users.data ?? []} loading={users.isPending} />
        </Form.Item>
        <Form.Item name="range" label={t("auditLogs:fields.range")}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t("common:actions.search")}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t("common:actions.reset")}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<AuditLog>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={logs.data?.items}
        loading={logs.isFetching}
        expandable={{ expandedRowRender: (log) => <ChangesTable changes={log.changes ?? []} /> }}
        scroll={{ x: "max-content" }}
        {...paged.tableProps(logs.data?.total)}
      />
    </Card>
  );
}
