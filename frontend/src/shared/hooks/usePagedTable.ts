import { useState, type Key } from "react";
import type { TablePaginationConfig, TableProps } from "antd";
import { useTranslation } from "react-i18next";
import { totalDisplay } from "../total";
import { DEFAULT_PAGE_SIZE, nextPageParams, sortOrderOf, type PageParams } from "./pagedQuery";

/**
 * Paging and sorting held by the page instead of the hook, e.g. in the URL so that a link, a
 * reload or Back shows the same page; the hook then only reads `params` and reports changes.
 */
export type HeldPageParams = { params: PageParams; onChange: (next: PageParams) => void };

export type PagedTable<T> = {
  params: PageParams;
  /** Resets to the first page, e.g. when a filter changes. */
  resetPage: () => void;
  /**
   * Props for antd Table given the total from the last answer; `totalExact: false` shows the total
   * as a lower bound ("10,000+").
   */
  tableProps: (total: number | undefined, totalExact?: boolean) => Pick<TableProps<T>, "pagination" | "onChange">;
  /**
   * The columns with their sort arrows following `params.sort`, for pages whose sort can change
   * from outside the table (a saved view, the URL). Columns without a sorter are left alone.
   */
  withSortOrder: <C extends { key?: Key; sorter?: unknown }>(columns: readonly C[]) => C[];
};

/**
 * Keeps antd Table paging and sorting as the API's `page`, `page_size` and `sort`: in the hook's
 * own state, or in the page's when it passes `held`.
 */
export function usePagedTable<T>(defaultSort?: string, held?: HeldPageParams): PagedTable<T> {
  const { t, i18n } = useTranslation();
  const [own, setOwn] = useState<PageParams>({ page: 1, page_size: DEFAULT_PAGE_SIZE, sort: defaultSort });
  const params = held?.params ?? own;

  // Own state takes an updater, so calls made in one event build on each other.
  const update = (change: (p: PageParams) => PageParams) => (held ? held.onChange(change(held.params)) : setOwn(change));

  const onChange: NonNullable<TableProps<T>["onChange"]> = (pagination, _filters, sorter, { action }) =>
    update((p) => nextPageParams(p, action, pagination, sorter, defaultSort));

  const resetPage = () => update((p) => ({ ...p, page: 1 }));

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

  return { params, resetPage, tableProps, withSortOrder };
}
