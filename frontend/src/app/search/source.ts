import type { SearchHit, SearchSource } from "../registry";
import { hasPermission } from "../../shared/permissions";
import type { Feature } from "../registry";

/** How many records each source shows for a query. */
export const SEARCH_PAGE_SIZE = 5;

/** A source's definition over the module's own (generated) record type. */
export type TypedSource<T> = Omit<SearchSource, "search"> & {
  find: (q: string, signal: AbortSignal) => Promise<T[]>;
  hit: (record: T) => Omit<SearchHit, "source">;
};

/** A source for the registry, keeping `hit` typed so the module's detail page records recents the same way. */
export function searchSource<T>(typed: TypedSource<T>): SearchSource & { hit: (record: T) => SearchHit } {
  const { find, hit, ...rest } = typed;
  const toHit = (record: T): SearchHit => ({ source: typed.key, ...hit(record) });
  return { ...rest, search: (q, signal) => find(q, signal).then((records) => records.map(toHit)), hit: toHit };
}

/** The sources of the registered features the user may read, in feature order. */
export function searchSourcesFor(features: readonly Feature[], permissions: readonly string[] | undefined): SearchSource[] {
  return features.flatMap((feature) => feature.search ?? []).filter((source) => hasPermission(permissions, source.permission));
}

/** The query's words as the server splits them: at spaces (a full-width one too), blanks dropped. */
export function queryWords(q: string): string[] {
  return q
    .trim()
    .split(/[\s\u3000]+/)
    .filter((word) => word !== "");
}

/** The query as sent: words joined by one space, so "  金陵　机械 " and "金陵 机械" share a cache entry. */
export function normalizeQuery(q: string): string {
  return queryWords(q).join(" ");
}

/**
 * How well a title answers the words: 0 the whole query is the title, 1 the title starts with it,
 * 2 the title holds every word, 3 the record matched on another field (a code, a phone…).
 */
export function titleRank(title: string, q: string): number {
  const text = title.toLowerCase();
  const query = normalizeQuery(q).toLowerCase();
  if (query === "") return 3;
  // Spaces aside: Chinese names have none, so "金陵 机械" is typed for "金陵机械".
  const bare = (s: string) => s.replace(/[\s\u3000]+/g, "");
  if (bare(text) === bare(query)) return 0;
  if (bare(text).startsWith(bare(query))) return 1;
  return queryWords(query).every((word) => text.includes(word)) ? 2 : 3;
}

/** The hits by title rank; within a rank the server's order stays. */
export function rankHits(hits: readonly SearchHit[], q: string): SearchHit[] {
  return hits
    .map((hit, index) => ({ hit, index, rank: titleRank(hit.title, q) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ hit }) => hit);
}

/** A text cut into the parts a query's words match (case-insensitively) and the parts between. */
export function highlightParts(text: string, q: string): { text: string; match: boolean }[] {
  const words = queryWords(q).map((word) => word.toLowerCase());
  if (words.length === 0 || text === "") return [{ text, match: false }];
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) marked.fill(true, at, at + word.length);
  }
  const parts: { text: string; match: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.match === marked[i]) last.text += text[i];
    else parts.push({ text: text[i] ?? "", match: marked[i] ?? false });
  }
  return parts;
}

export type SearchGroup = { source: SearchSource; hits: SearchHit[] };

/** The groups that found something, in source order, each ranked; and the same hits as one list for the keyboard. */
export function paletteResults(sources: readonly SearchSource[], found: ReadonlyMap<string, readonly SearchHit[]>, q: string): { groups: SearchGroup[]; flat: SearchHit[] } {
  const groups = sources
    .map((source) => ({ source, hits: rankHits(found.get(source.key) ?? [], q) }))
    .filter((group) => group.hits.length > 0);
  return { groups, flat: groups.flatMap((group) => group.hits) };
}
