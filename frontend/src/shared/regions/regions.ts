import type { Region } from "../../api/types";

export type { Region };

/**
 * The region tree as the server serves it (`GET /regions`): provinces → cities → districts, each
 * `{ code, name }`. The cascaders take it as it is (code as the value, name as the label); these are
 * the lookups the forms and filters need on top.
 */

/** Only the first `depth` levels (the list's filter and a supplier offer provinces and cities). */
export function trimRegions(regions: readonly Region[], depth: number): Region[] {
  return regions.map(({ children, ...rest }) => (depth > 1 && children ? { ...rest, children: trimRegions(children, depth - 1) } : rest));
}

/** The regions from the province down to the one with this GB/T 2260 code, or null when the code is unknown. */
export function regionByCode(regions: readonly Region[], code: string | null | undefined): Region[] | null {
  if (!code) return null;
  const walk = (level: readonly Region[], path: Region[]): Region[] | null => {
    for (const region of level) {
      if (region.code === code) return [...path, region];
      // Not narrowed by the code's digits: 重庆市's counties (5002xx) sit under its city level 500100.
      const below = region.children ? walk(region.children, [...path, region]) : null;
      if (below) return below;
    }
    return null;
  };
  return walk(regions, []);
}

/** The trimmed names of a stored province, city, district; blank trailing levels left off, null for a gap or nothing. */
function givenNames(names: readonly (string | null | undefined)[]): string[] | null {
  const given = names.map((name) => name?.trim() ?? "");
  while (given.length > 0 && given[given.length - 1] === "") given.pop();
  return given.length === 0 || given.includes("") ? null : given;
}

/**
 * The stored names as a path of the data set, or null when one of them is not there under the one
 * before (an old free-text value, a place abroad). A gap (a district without a city) is not a path.
 */
export function regionPath(regions: readonly Region[], names: readonly (string | null | undefined)[]): Region[] | null {
  const given = givenNames(names);
  if (!given) return null;
  const path: Region[] = [];
  let level: readonly Region[] | undefined = regions;
  for (const name of given) {
    const found: Region | undefined = level?.find((r) => r.name === name);
    if (!found) return null;
    path.push(found);
    level = found.children;
  }
  return path;
}

/**
 * The path of the data set that short names stand for ("江苏", "南京" → 江苏省 / 南京市): each name
 * must be the start of exactly one region under the one before. Null when a name fits none or several.
 */
export function suggestRegion(regions: readonly Region[], names: readonly (string | null | undefined)[]): Region[] | null {
  const given = givenNames(names);
  if (!given) return null;
  const path: Region[] = [];
  let level: readonly Region[] | undefined = regions;
  for (const name of given) {
    const exact: Region | undefined = level?.find((r) => r.name === name);
    const fits: Region[] = exact ? [exact] : (level ?? []).filter((r) => r.name.startsWith(name));
    if (fits.length !== 1 || !fits[0]) return null;
    path.push(fits[0]);
    level = fits[0].children;
  }
  return path;
}

/** The names along a path, as the forms keep them in their text fields and the lists show them. */
export function regionNames(path: readonly Region[]): string[] {
  return path.map((region) => region.name);
}

/** Cascader search: every typed word (space-separated) in some level's name, e.g. "江苏 鼓楼". */
export function regionSearchMatch(input: string, path: readonly { name?: unknown }[]): boolean {
  const words = input.trim().toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
  const names = path.map((r) => String(r.name ?? "").toLowerCase());
  return words.every((word) => names.some((name) => name.includes(word)));
}
