import type { ReactNode } from "react";
import { Button, Card, Space, Table, Typography, type TableProps } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { PermissionCode } from "../../api/types";
import { usePermission } from "../../features/auth/api";
import type { ColumnChooser as Chooser } from "../hooks/useColumnChooser";
import type { PagedTable } from "../hooks/usePagedTable";
import { tableScrollX } from "./tableWidth";

/** A page of the list as the API answers it. */
export type ListAnswer<T> = { items: T[]; total: number; total_exact?: boolean };

export type ResourceTableProps<T> = Omit<TableProps<T>, "columns"> & {
  columns: NonNullable<TableProps<T>["columns"]>;
  /** The list query: rows, total and loading come from it. */
  list?: { data?: ListAnswer<T>; isFetching: boolean };
  /** Paging and sort; without it the table shows everything it is given (a tree). */
  paged?: PagedTable<T>;
  /** The user's column choice, for lists that let them hide columns. */
  chooser?: Chooser;
  testId?: string;
  /** What an empty list says (see EmptyState): why it is empty and what to do next. */
  empty?: ReactNode;
};

/**
 * A list's table: rows from the query, paging and sort arrows from `paged`, columns from the chooser.
 * The scroll width adds up the shown columns when they all have widths (see tableScrollX).
 */
export function ResourceTable<T extends object>({ list, paged, chooser, columns, testId, empty, ...rest }: ResourceTableProps<T>) {
  const shown = chooser ? chooser.apply(columns) : columns;
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      scroll={{ x: tableScrollX(shown, !!rest.rowSelection) }}
      dataSource={list?.data?.items}
      loading={list?.isFetching}
      data-testid={testId}
      {...(empty && list?.data ? { locale: { emptyText: empty } } : {})}
      {...rest}
      columns={paged ? paged.withSortOrder(shown) : shown}
      {...(paged ? paged.tableProps(list?.data?.total, list?.data?.total_exact) : {})}
    />
  );
}

type Props<T> = {
  title: ReactNode;
  /** Beside the title: saved views, the active filter's tag. */
  titleExtra?: ReactNode;
  /** Buttons before the create button: columns, export. */
  toolbar?: ReactNode;
  /** The create button, shown only to users with the permission (null: every signed-in user). */
  create?: { permission: PermissionCode | null; onClick: () => void; testId?: string; label?: string };
  /** Between the header and the table: tabs, the search form, a bulk bar. */
  children?: ReactNode;
  table: ResourceTableProps<T>;
  /** Drawers and modals the page opens. */
  overlays?: ReactNode;
};

/** A module's list page: title, create button, search, table and the forms it opens. */
export function ResourceListPage<T extends object>({ title, titleExtra, toolbar, create, children, table, overlays }: Props<T>) {
  const { t } = useTranslation();
  const can = usePermission();
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Space size={16} align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {titleExtra}
        </Space>
        <Space wrap>
          {toolbar}
          {create && (create.permission === null || can(create.permission)) && (
            <Button type="primary" icon={<PlusOutlined />} data-testid={create.testId} onClick={create.onClick}>
              {create.label ?? t("common:actions.create")}
            </Button>
          )}
        </Space>
      </Space>
      {children}
      <ResourceTable<T> {...table} />
      {overlays}
    </Card>
  );
}
