import { useState, type ReactNode } from "react";
import { Button, Space, Table, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { PermissionCode } from "../../../api/types";
import { tableScrollX } from "../../../shared/resource/tableWidth";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { DOC_KINDS, type DocKind } from "../docKinds";
import type { DocStatus } from "../status";
import { DocStatusTag } from "./DocStatusTag";

/** What every sales document's row has. */
type DocRow = { id: string; number: string; status: DocStatus; currency: string; owner_name?: string | null };

/** The page of a customer's documents the tab asks for. */
export type CustomerDocsQuery = { customer_id: string; page: number; page_size: number; sort: string };

type Props<T extends DocRow> = {
  kind: DocKind;
  customer: { id: string; name: string };
  /** Why the user may not add to this customer (read-only, public): the create button is greyed out with it. */
  editBlocked?: string;
  /** The kind's list hook (`quotesApi.useList`). */
  useList: (query: CustomerDocsQuery) => { data?: { items: T[]; total: number }; isFetching: boolean };
  /** The field of the amount a row shows (a quote's or an order's total, a contract's amount), named as in `<kind>:fields`. */
  amountField: { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;
  /** The kind's own columns, after the amount: its dates, say. */
  columns: TableColumnsType<T>;
  createPermission: PermissionCode;
  /** The create drawer for this customer; `onCreated` opens the new document. */
  createDrawer: (props: { open: boolean; onClose: () => void; onCreated: (row: { id: string }) => void }) => ReactNode;
};

/**
 * A customer 360 tab of one kind of sales document (报价, 订单, 合同): the customer's documents,
 * newest first, and a create button for this customer.
 */
export function CustomerDocsTab<T extends DocRow>({ kind, customer, editBlocked, useList, amountField, columns, createPermission, createDrawer }: Props<T>) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useList({ customer_id: customer.id, page, page_size: 10, sort: "-updated_at" });
  const [creating, setCreating] = useState(false);
  const { testId, path } = DOC_KINDS[kind];
  const shown: TableColumnsType<T> = [
    { title: t(`${kind}:fields.number`), dataIndex: "number", key: "number", width: 170, render: (v: string, row) => <Link to={`${path}/${row.id}`}>{v}</Link> },
    { title: t(`${kind}:fields.status`), dataIndex: "status", key: "status", width: 110, render: (_: string, row) => <DocStatusTag kind={kind} status={row.status} /> },
    { title: t(`${kind}:fields.${amountField}`), dataIndex: amountField, key: "amount", align: "right", width: 150, render: (v: string, row) => formatMoney(v, row.currency, i18n.language) },
    ...columns,
    { title: t(`${kind}:fields.owner`), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || t("common:values.none") },
  ];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {can(createPermission) && (
        <Button type="primary" icon={<PlusOutlined />} disabled={!!editBlocked} title={editBlocked} onClick={() => setCreating(true)} data-testid={`customer-${testId}-create`}>
          {t(`${kind}:customerTab.create`)}
        </Button>
      )}
      <Table<T>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: tableScrollX(shown) }}
        data-testid={`customer-${kind}`}
        locale={{ emptyText: t(`${kind}:customerTab.empty`) }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={shown}
      />
      {createDrawer({ open: creating, onClose: () => setCreating(false), onCreated: (row) => navigate(`${path}/${row.id}`) })}
    </Space>
  );
}
