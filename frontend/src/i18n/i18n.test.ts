import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "./resources";

const root = __dirname;
const LANGUAGES = ["zh-CN", "en"] as const;

function load(language: string, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, language, `${namespace}.json`), "utf8")) as Record<string, unknown>;
}

/** Every leaf key as a dotted path. */
function leafKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

describe("translations", () => {
  it("has the same namespace files in every language", () => {
    for (const language of LANGUAGES) {
      const files = readdirSync(join(root, language)).map((f) => f.replace(/\.json$/, "")).sort();
      expect(files, language).toEqual([...NAMESPACES].sort());
    }
  });

  it.each(NAMESPACES)("has the same keys in zh-CN and en for %s", (namespace) => {
    const zh = leafKeys(load("zh-CN", namespace)).sort();
    const en = leafKeys(load("en", namespace)).sort();
    expect(zh).toEqual(en);
  });

  it("has no empty message", () => {
    for (const language of LANGUAGES) {
      for (const namespace of NAMESPACES) {
        const messages = load(language, namespace);
        for (const key of leafKeys(messages)) {
          const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
          expect(typeof value === "string" && value.length > 0, `${language}/${namespace}:${key}`).toBe(true);
        }
      }
    }
  });

  it("defines every literal key the code uses", () => {
    const keys = new Map(NAMESPACES.map((ns) => [ns, new Set(leafKeys(load("en", ns)))]));
    const missing: string[] = [];
    const literal = /\bt\(\s*"([A-Za-z]+):([A-Za-z0-9_.-]+)"/g;
    const labelKey = /labelKey:\s*"([A-Za-z]+):([A-Za-z0-9_.-]+)"/g;
    for (const file of sourceFiles(join(root, ".."))) {
      const text = readFileSync(file, "utf8");
      for (const pattern of [literal, labelKey]) {
        for (const [, ns, key] of text.matchAll(pattern)) {
          if (!ns || !key) continue;
          const set = keys.get(ns as (typeof NAMESPACES)[number]);
          if (!set?.has(key)) missing.push(`${relative(root, file)}: ${ns}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
