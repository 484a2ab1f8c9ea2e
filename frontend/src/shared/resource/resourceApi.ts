import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { Client } from "openapi-fetch";
import { api, ifMatch, unwrap, type FilePath, type FileQuery } from "../../api/client";
import type { paths } from "../../api/schema";
import { useFileDownload } from "../hooks/useFileDownload";

// Every type below is read off the generated `paths`, so a DTO change in openapi.json reaches the
// pages through the type checker; nothing here restates a schema by hand.

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;

/** A collection the API serves the usual way: `P` lists and creates, `P/{id}` reads, patches and deletes. */
export type ResourcePath = {
  [P in keyof paths]: P extends `${string}{${string}` ? never : `${P}/{id}` extends keyof paths ? P : never;
}[keyof paths];

type ItemPath<P extends ResourcePath> = `${P}/{id}` & keyof paths;

/** The list's documented query (paging, sort, q and the resource's filters). */
export type ListQuery<P extends ResourcePath> = NonNullable<paths[P]["get"]["parameters"]["query"]>;
/** One page of the list, as the API answers it. */
export type ListPage<P extends ResourcePath> = JsonOf<paths[P]["get"]["responses"][200]>;
/** One record, as GET `P/{id}` answers it. */
export type Item<P extends ResourcePath> = paths[ItemPath<P>] extends { get: { responses: { 200: infer R } } } ? JsonOf<R> : never;
/** What a create answers: usually the record, sometimes more (a new API token's secret). */
export type Created<P extends ResourcePath> = paths[P] extends { post: { responses: infer R } }
  ? R extends { 201: infer C }
    ? JsonOf<C>
    : R extends { 200: infer C }
      ? JsonOf<C>
      : never
  : never;
/** The body of a create. */
export type NewItem<P extends ResourcePath> = paths[P] extends { post: { requestBody?: infer B } } ? JsonOf<NonNullable<B>> : never;
/** The body of an update. */
export type ItemPatch<P extends ResourcePath> = paths[ItemPath<P>] extends { patch: { requestBody?: infer B } } ? JsonOf<NonNullable<B>> : never;
/** What identifies a record to write to: its id, and its version for If-Match where it has one. */
export type RecordRef = { id: string; version?: number | null };

type ExportPath<P extends ResourcePath> = Extract<`${P}/export`, FilePath>;

export type ResourceKeys = {
  /** Every query of the resource: lists, records and the lookups filed under its name. */
  all: readonly [string];
  lists: readonly [string, "list"];
  list: (query: object) => readonly [string, "list", object];
  detail: (id: string) => readonly [string, "detail", string];
};

/** Query keys that start with the resource's name, so invalidating the name reaches them all. */
export function resourceKeys(name: string): ResourceKeys {
  return {
    all: [name],
    lists: [name, "list"],
    list: (query) => [name, "list", query],
    detail: (id) => [name, "detail", id],
  };
}

/** `/api/v1/product-categories` → `product-categories`. */
export function resourceName(path: string): string {
  return path.split("/").filter(Boolean).pop() ?? path;
}

export type ResourceOptions = {
  /** Other caches that show this resource's records (names in another list, say); writes refresh them too. */
  alsoInvalidates?: readonly QueryKey[];
  /** Defaults to the last segment of the path. */
  name?: string;
  /** The client to call; tests pass one with their own fetch. */
  client?: Client<paths>;
};

type FetchResult = { data?: unknown; error?: unknown; response: Response };
type Init = { params?: { query?: object; path?: object; header?: object }; body?: unknown };
/**
 * openapi-fetch cannot check a call whose path is a type parameter; the factory's own signatures
 * carry the types instead, and this is the one place the path is passed on unchecked.
 */
type UntypedClient = Record<"GET" | "POST" | "PATCH" | "DELETE", (path: string, init?: Init) => Promise<FetchResult>>;

export type ResourceApi<P extends ResourcePath> = {
  path: P;
  keys: ResourceKeys;
  /** Refreshes every query the resource's writes affect. */
  invalidate: (queryClient: QueryClient) => Promise<unknown>;
  useList: (query: ListQuery<P>, options?: { enabled?: boolean }) => ReturnType<typeof useQuery<ListPage<P>, Error, ListPage<P>>>;
  useGet: (id: string, options?: { enabled?: boolean }) => ReturnType<typeof useQuery<Item<P>, Error, Item<P>>>;
  useCreate: () => ReturnType<typeof useMutation<Created<P>, Error, NewItem<P>>>;
  useUpdate: () => ReturnType<typeof useMutation<Item<P>, Error, { record: RecordRef; patch: ItemPatch<P> }>>;
  useDelete: () => ReturnType<typeof useMutation<void, Error, RecordRef>>;
  /**
   * Downloads `P/export` with the list's query (and its `format`); only resources that have an
   * export offer a usable one. `name` is the file's name without its extension, for when the
   * server names none.
   */
  useExport: (name: string) => { download: (query: FileQuery<ExportPath<P>>) => Promise<void>; downloading: boolean; path: string };
};

/**
 * Typed hooks for one collection of the API, with query keys under the resource's name and the
 * invalidations writes imply: a create, update or delete refreshes the lists and the record (and
 * `alsoInvalidates`); an update also puts the saved record in the cache at once.
 */
export function resourceApi<P extends ResourcePath>(path: P, options: ResourceOptions = {}): ResourceApi<P> {
  const keys = resourceKeys(options.name ?? resourceName(path));
  const client = () => (options.client ?? api) as unknown as UntypedClient;
  const itemPath = `${path}/{id}`;
  const invalidate = (queryClient: QueryClient) =>
    Promise.all([keys.all, ...(options.alsoInvalidates ?? [])].map((queryKey) => queryClient.invalidateQueries({ queryKey })));

  return {
    path,
    keys,
    invalidate,
    useList: (query, { enabled = true } = {}) =>
      useQuery({
        queryKey: keys.list(query),
        queryFn: () => unwrap(client().GET(path, { params: { query } })) as Promise<ListPage<P>>,
        placeholderData: keepPreviousData,
        enabled,
      }),
    useGet: (id, { enabled = true } = {}) =>
      useQuery({
        queryKey: keys.detail(id),
        queryFn: () => unwrap(client().GET(itemPath, { params: { path: { id } } })) as Promise<Item<P>>,
        enabled: enabled && id !== "",
      }),
    useCreate: () => {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: (body: NewItem<P>) => unwrap(client().POST(path, { body })) as Promise<Created<P>>,
        onSuccess: () => invalidate(queryClient),
      });
    },
    useUpdate: () => {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: ({ record, patch }: { record: RecordRef; patch: ItemPatch<P> }) =>
          unwrap(client().PATCH(itemPath, { params: { path: { id: record.id }, header: ifMatch(record.version) }, body: patch })) as Promise<Item<P>>,
        onSuccess: (saved, { record }) => {
          queryClient.setQueryData(keys.detail(record.id), saved);
          return invalidate(queryClient);
        },
      });
    },
    useDelete: () => {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: (record: RecordRef) =>
          unwrap(client().DELETE(itemPath, { params: { path: { id: record.id }, header: ifMatch(record.version) } })).then(() => undefined),
        onSuccess: () => invalidate(queryClient),
      });
    },
    useExport: (name) => useFileExport(`${path}/export` as ExportPath<P>, name),
  };
}

/** What an export offers: the two file formats every list export writes. */
export type ExportFormat = "csv" | "xlsx";

/**
 * A list's export at `path`: `download` takes the list's query with a `format` and saves the file
 * the server names (`<name>.<format>` when it names none). `useExport` of a resource, and lists
 * without a resourceApi (the interactions), use it.
 */
export function useFileExport<P extends FilePath>(path: P, name: string) {
  const { download, downloading } = useFileDownload();
  return {
    download: (query: FileQuery<P>) => {
      const format = (query as { format?: ExportFormat }).format ?? "csv";
      return download(path, query, `${name}.${format}`);
    },
    downloading,
    /** The list's export path, which names it for a background export. */
    path: path as string,
  };
}
