import { useCallback, useState, type Key } from "react";
import type { TablePaginationConfig, TableProps } from "antd";
import { useTranslation } from "react-i18next";
import { totalDisplay } from "../total";
import { DEFAULT_PAGE_SIZE, sortOrderOf, tableChangeToParams, type PageParams } from "./pagedQuery";

export type PagedTable<T> = {
  params: PageParams;
  /** Resets to the first page, e.g. when a filter changes. */
  resetPage: () => void;
  /**
   * Props for antd Table given the total from the last answer; `totalExact: false` shows the total
   * as a lower bound ("10,000+").
   */
  tableProps: (total: number | undefined, totalExact?: boolean) => Pick<TableProps<T>, "pagination" | "onChange">;
  /** Starts over on the first page with this sort and page size (a saved view's); missing ones take the defaults. */
  restore: (next: { sort?: string; page_size?: number }) => void;
  /**
   * The columns with their sort arrows following `params.sort`, for pages whose sort can change
   * from outside the table (a saved view). Columns without a sorter are left alone.
   */
  withSortOrder: <C extends { key?: Key; sorter?: unknown }>(columns: readonly C[]) => C[];
};

/** Keeps antd Table paging and sorting as the API's `page`, `page_size` and `sort`. */
export function usePagedTable<T>(defaultSort?: string): PagedTable<T> {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useState<PageParams>({ page: 1, page_size: DEFAULT_PAGE_SIZE, sort: defaultSort });

  const onChange = useCallback<NonNullable<TableProps<T>["onChange"]>>(
    (pagination, _filters, sorter) => setParams(tableChangeToParams(pagination, sorter, defaultSort)),
    [defaultSort],
  );

  const resetPage = useCallback(() => setParams((p) => ({ ...p, page: 1 })), []);

  const restore = useCallback(
    (next: { sort?: string; page_size?: number }) => setParams({ page: 1, page_size: next.page_size ?? DEFAULT_PAGE_SIZE, sort: next.sort ?? defaultSort }),
    [defaultSort],
  );

  const withSortOrder = <C extends { key?: Key; sorter?: unknown }>(columns: readonly C[]): C[] =>
    columns.map((c) => (c.sorter && c.key !== undefined ? { ...c, sortOrder: sortOrderOf(params.sort, String(c.key), defaultSort) } : c));

  const tableProps = (total: number | undefined, totalExact?: boolean) => {
    const pagination: TablePaginationConfig = {
      current: params.page,
      pageSize: params.page_size,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (count) => {
        const shown = totalDisplay(count, totalExact, i18n.language);
        return shown.atLeast ? t("common:table.totalAtLeast", { total: shown.count }) : t("common:table.total", { total: shown.count });
      },
    };
    return { pagination, onChange };
  };

  return { params, resetPage, tableProps, restore, withSortOrder };
}
