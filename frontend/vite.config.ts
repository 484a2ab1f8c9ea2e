import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { gzipSync, constants as zlib } from "node:zlib";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// The API reference at /api/docs uses Swagger UI from the npm package, copied into the build
// so that the binary serves it itself: no CDN, works offline.
const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const swaggerAssets = {
  name: "copy-swagger-ui",
  writeBundle() {
    const out = join("dist", "api-docs-assets");
    mkdirSync(out, { recursive: true });
    for (const f of ["swagger-ui.css", "swagger-ui-bundle.js"]) {
      copyFileSync(join(swaggerDir, f), join(out, f));
    }
  },
};

// Every text asset also as `<file>.gz` at gzip's best level, which the binary sends to browsers
// that take gzip: a third fewer bytes than the server's on-the-fly gzip (which favours speed),
// and no compression work per request. Runs after the Swagger copy, so its files get one too.
const COMPRESSIBLE = /\.(js|css|html|json|svg|txt|map)$/;
function gzipTree(dir: string) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) gzipTree(path);
    else if (COMPRESSIBLE.test(name) && statSync(path).size >= 1024) {
      writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: zlib.Z_BEST_COMPRESSION }));
    }
  }
}
const precompress = {
  name: "precompress-gzip",
  apply: "build" as const,
  enforce: "post" as const,
  closeBundle() {
    gzipTree("dist");
  },
};

// antd's form context (which Modal, Input, Select... read) imports FormProvider from rc-field-form's
// index, and that index attaches Field, List, useForm... to the Form it exports, a side effect that
// keeps all of rc-field-form and its validator in any chunk that shows a modal or an input: in the
// first chunk, for pages with no form. FormProvider lives in its own module; import it from there.
const FORM_CONTEXT = /[\\/]antd[\\/]es[\\/]form[\\/]context\.js$/;
const FORM_CONTEXT_IMPORT = "import { FormProvider as RcFormProvider } from 'rc-field-form';";
const antdFormContext = {
  name: "antd-form-context-import",
  enforce: "pre" as const,
  transform(code: string, id: string) {
    if (!FORM_CONTEXT.test(id)) return null;
    // Fail loudly when an antd upgrade changes the line, rather than quietly grow the first page.
    if (!code.includes(FORM_CONTEXT_IMPORT)) throw new Error(`antd-form-context-import: ${id} no longer has the expected import`);
    return code.replace(FORM_CONTEXT_IMPORT, "import { FormProvider as RcFormProvider } from 'rc-field-form/es/FormContext';");
  },
};

// rc-resize-observer (under antd's tooltips, menus and overflow) imports a ResizeObserver polyfill,
// ~3 kB gzipped on every page; every browser the SPA supports has ResizeObserver. Build only: the
// unit tests run in jsdom, which has none.
const NATIVE_RESIZE_OBSERVER = "\0native-resize-observer";
const nativeResizeObserver = {
  name: "native-resize-observer",
  apply: "build" as const,
  enforce: "pre" as const,
  resolveId: (source: string) => (source === "resize-observer-polyfill" ? NATIVE_RESIZE_OBSERVER : null),
  load: (id: string) => (id === NATIVE_RESIZE_OBSERVER ? "export default globalThis.ResizeObserver;" : null),
};

// The SPA is served by the `crm` binary from `dist/` at the site root; in development (and in
// `vite preview`) Vite proxies the API to a locally running backend, by default on :8080.
const apiTarget = process.env.CRM_API_URL ?? "http://127.0.0.1:8080";
const proxy = { "/api": apiTarget, "/healthz": apiTarget };

export default defineConfig({
  base: "/",
  plugins: [react(), swaggerAssets, antdFormContext, nativeResizeObserver, precompress],
  server: {
    port: 5173,
    proxy,
  },
  preview: {
    port: 4173,
    proxy,
  },
  build: {
    outDir: "dist",
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        experimentalMinChunkSize: 8_000,
      },
    },
  },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
    setupFiles: ["src/i18n/testSetup.ts"],
    // Rendering tests take seconds on a loaded 2-core machine; the default 5 s failed them
    // there while they pass alone in under one.
    testTimeout: 20_000,
  },
});
