import type { TablePaginationConfig } from "antd";
import type { SorterResult, TableAction } from "antd/es/table/interface";

export type PageParams = { page: number; page_size: number; sort?: string };

export const DEFAULT_PAGE_SIZE = 10;

/** antd's sorter (one or several columns) as the API's `sort=-field,other`. */
export function sorterToSort<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const list = (Array.isArray(sorter) ? sorter : [sorter]).filter((s) => s.order);
  const parts = list.map((s) => {
    const field = Array.isArray(s.field) ? s.field.join(".") : String(s.columnKey ?? s.field ?? "");
    return s.order === "descend" ? `-${field}` : field;
  });
  const joined = parts.filter((p) => p !== "" && p !== "-").join(",");
  return joined === "" ? undefined : joined;
}

/** antd Table's onChange arguments as the API's list parameters. */
export function tableChangeToParams<T>(
  pagination: TablePaginationConfig,
  sorter: SorterResult<T> | SorterResult<T>[],
  defaultSort?: string,
): PageParams {
  return {
    page: pagination.current ?? 1,
    page_size: pagination.pageSize ?? DEFAULT_PAGE_SIZE,
    sort: sorterToSort(sorter) ?? defaultSort,
  };
}

/**
 * The list parameters after a Table change. Only a sort changes the sort: antd reports the sort of
 * the columns it shows, and a link or a saved view may sort by a hidden one, which paging would drop.
 */
export function nextPageParams<T>(
  previous: PageParams,
  action: TableAction,
  pagination: TablePaginationConfig,
  sorter: SorterResult<T> | SorterResult<T>[],
  defaultSort?: string,
): PageParams {
  const next = tableChangeToParams(pagination, sorter, defaultSort);
  return action === "sort" ? next : { ...next, sort: previous.sort };
}

/**
 * The arrow a sortable column shows for the API's `sort`: none while the list keeps its default
 * order (so clicking that column still cycles through both directions).
 */
export function sortOrderOf(sort: string | undefined, key: string, defaultSort?: string): "ascend" | "descend" | null {
  if (!sort || sort === defaultSort) return null;
  for (const part of sort.split(",")) {
    if (part === key) return "ascend";
    if (part === `-${key}`) return "descend";
  }
  return null;
}
