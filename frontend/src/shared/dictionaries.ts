import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../api/client";
import type { paths } from "../api/schema";
import type { DictionaryItem } from "../api/types";

/** Every dictionary the API keeps (industry, customer source…), as its path names them. */
export type DictionaryKindCode = paths["/api/v1/dictionaries/{kind}"]["get"]["parameters"]["path"]["kind"];
type NewDictionaryItem = NonNullable<paths["/api/v1/dictionaries/{kind}"]["post"]["requestBody"]>["content"]["application/json"];
type DictionaryItemPatch = NonNullable<paths["/api/v1/dictionaries/{kind}/{code}"]["patch"]["requestBody"]>["content"]["application/json"];

// A record listing each kind once: the type checker says so when the API adds a kind.
const KINDS: Record<DictionaryKindCode, true> = {
  industry: true,
  customer_source: true,
  customer_level: true,
  follow_up_type: true,
  contract_category: true,
  payment_method: true,
  lost_reason: true,
};
export const ALL_DICTIONARY_KINDS = Object.keys(KINDS) as DictionaryKindCode[];

export function isDictionaryKind(value: string | undefined): value is DictionaryKindCode {
  return value !== undefined && value in KINDS;
}

export const dictionaryKeys = {
  all: ["dictionaries"] as const,
  kind: (kind: DictionaryKindCode) => ["dictionaries", kind] as const,
};

/** A dictionary's entries, disabled ones included (old records still show them). */
export function useDictionary(kind: DictionaryKindCode) {
  return useQuery({
    queryKey: dictionaryKeys.kind(kind),
    queryFn: () => unwrap(api.GET("/api/v1/dictionaries/{kind}", { params: { path: { kind } } })).then((list) => list.items),
    staleTime: 5 * 60_000,
  });
}

// Writes refresh the kind everywhere it shows: pickers and labels on records read the same cache.
function useRefreshKind(kind: DictionaryKindCode) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: dictionaryKeys.kind(kind) });
}

export function useCreateDictionaryItem(kind: DictionaryKindCode) {
  const refresh = useRefreshKind(kind);
  return useMutation({
    mutationFn: (body: NewDictionaryItem) => unwrap(api.POST("/api/v1/dictionaries/{kind}", { params: { path: { kind } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateDictionaryItem(kind: DictionaryKindCode) {
  const refresh = useRefreshKind(kind);
  return useMutation({
    mutationFn: ({ item, patch }: { item: DictionaryItem; patch: DictionaryItemPatch }) =>
      unwrap(api.PATCH("/api/v1/dictionaries/{kind}/{code}", { params: { path: { kind, code: item.code }, header: ifMatch(item.version) }, body: patch })),
    onSuccess: refresh,
  });
}
