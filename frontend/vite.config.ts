import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { copyFileSync, mkdirSync } from "node:fs";
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

// The SPA is served by the `crm` binary from `dist/` at the site root; in development (and in
// `vite preview`) Vite proxies the API to a locally running backend, by default on :8080.
const apiTarget = process.env.CRM_API_URL ?? "http://127.0.0.1:8080";
const proxy = { "/api": apiTarget, "/healthz": apiTarget };

export default defineConfig({
  base: "/",
  plugins: [react(), swaggerAssets],
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
