import { useCallback, useState } from "react";
import type { TablePaginationConfig, TableProps } from "antd";
import { useTranslation } from "react-i18next";
import { DEFAULT_PAGE_SIZE, tableChangeToParams, type PageParams } from "./pagedQuery";

export type PagedTable<T> = {
  params: PageParams;
  /** Resets to the first page, e.g. when a filter changes. */
  resetPage: () => void;
  /** Props for antd Table given the total from the last answer. */
  tableProps: (total: number | undefined) => Pick<TableProps<T>, "pagination" | "onChange">;
};

/** Keeps antd Table paging and sorting as the API's `page`, `page_size` and `sort`. */
export function usePagedTable<T>(defaultSort?: string): PagedTable<T> {
  const { t } = useTranslation();
  const [params, setParams] = useState<PageParams>({ page: 1, page_size: DEFAULT_PAGE_SIZE, sort: defaultSort });

  const onChange = useCallback<NonNullable<TableProps<T>["onChange"]>>(
    (pagination, _filters, sorter) => setParams(tableChangeToParams(pagination, sorter, defaultSort)),
    [defaultSort],
  );

  const resetPage = useCallback(() => setParams((p) => ({ ...p, page: 1 })), []);

  const tableProps = (total: number | undefined) => {
    const pagination: TablePaginationConfig = {
      current: params.page,
      pageSize: params.page_size,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (count) => t("common:table.total", { total: count }),
    };
    return { pagination, onChange };
  };

  return { params, resetPage, tableProps };
}
