/** A region as the cascaders offer it: the name is the value, as the API stores names, not codes. */
export type RegionOption = {
  value: string;
  label: string;
  /** The GB/T 2260 code (a municipality's own city level has its `xx0100`). */
  code: string;
  children?: RegionOption[];
};

/** A node of the data set's compact file: code, name, children. */
export type LevelNode = { c: string; n: string; d?: LevelNode[] };

/** `xx9000`: "省直辖县级行政区划", a heading of the data set, not a place anyone writes down. */
function isDirectCountyGroup(node: LevelNode): boolean {
  return /9000$/.test(node.c);
}

/** A county-level code (`xxxx01`…), as opposed to a prefecture's (`xxxx00`). */
function isCountyCode(code: string): boolean {
  return !code.endsWith("00");
}

function option(node: LevelNode, children?: RegionOption[]): RegionOption {
  return { value: node.n, label: node.n, code: node.c, ...(children && children.length > 0 ? { children } : {}) };
}

function cityOptions(province: LevelNode): RegionOption[] {
  const nodes = province.d ?? [];
  // Municipalities and the special administrative regions list their districts right under the
  // province; people write the city as the province's name (北京市 / 北京市 / 东城区).
  if (nodes.length > 0 && nodes.every((node) => isCountyCode(node.c))) {
    return [{ value: province.n, label: province.n, code: `${province.c.slice(0, 2)}0100`, children: nodes.map((node) => option(node)) }];
  }
  // County-level cities governed by the province (济源市, 仙桃市…) sit beside the prefectures.
  return nodes.flatMap((city) => (isDirectCountyGroup(city) ? (city.d ?? []).map((node) => option(node)) : [option(city, (city.d ?? []).map((node) => option(node)))]));
}

/** The data set as province → city → district options. */
export function regionOptions(provinces: readonly LevelNode[]): RegionOption[] {
  return provinces.map((province) => option(province, cityOptions(province)));
}

/** Only the first `depth` levels (the list's filter offers provinces and cities). */
export function trimRegions(options: readonly RegionOption[], depth: number): RegionOption[] {
  return options.map(({ children, ...rest }) => (depth > 1 && children ? { ...rest, children: trimRegions(children, depth - 1) } : rest));
}

/**
 * The stored names as a path of the data set, or null when one of them is not there under the one
 * before (an old free-text value, a place abroad). Blank trailing levels are left off; a gap
 * (a district without a city) is not a path.
 */
export function regionPath(options: readonly RegionOption[], names: readonly (string | null | undefined)[]): string[] | null {
  const given = names.map((name) => name?.trim() ?? "");
  while (given.length > 0 && given[given.length - 1] === "") given.pop();
  if (given.length === 0 || given.includes("")) return null;
  let level: readonly RegionOption[] | undefined = options;
  for (const name of given) {
    const found: RegionOption | undefined = level?.find((o) => o.value === name);
    if (!found) return null;
    level = found.children;
  }
  return given;
}

/** The names of a GB/T 2260 code's province, city and district, or null when the code is unknown. */
export function regionByCode(options: readonly RegionOption[], code: string): string[] | null {
  const walk = (level: readonly RegionOption[], path: string[]): string[] | null => {
    for (const o of level) {
      if (o.code === code) return [...path, o.value];
      const below = o.children && walk(o.children, [...path, o.value]);
      if (below) return below;
    }
    return null;
  };
  return walk(options, []);
}

/** Cascader search: every typed word (space-separated) in some level's name, e.g. "江苏 鼓楼". */
export function regionSearchMatch(input: string, path: readonly { label?: unknown }[]): boolean {
  const words = input.trim().toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
  const labels = path.map((o) => String(o.label ?? "").toLowerCase());
  return words.every((word) => labels.some((label) => label.includes(word)));
}

/**
 * The path of the data set that short names stand for ("江苏", "南京" → 江苏省 / 南京市): each name
 * must be the start of exactly one region under the one before. Null when a name fits none or several.
 */
export function suggestRegion(options: readonly RegionOption[], names: readonly (string | null | undefined)[]): string[] | null {
  const given = names.map((name) => name?.trim() ?? "");
  while (given.length > 0 && given[given.length - 1] === "") given.pop();
  if (given.length === 0 || given.includes("")) return null;
  const path: string[] = [];
  let level: readonly RegionOption[] | undefined = options;
  for (const name of given) {
    const exact: RegionOption | undefined = level?.find((o) => o.value === name);
    const fits: RegionOption[] = exact ? [exact] : (level ?? []).filter((o) => o.value.startsWith(name));
    if (fits.length !== 1 || !fits[0]) return null;
    path.push(fits[0].value);
    level = fits[0].children;
  }
  return path;
}
