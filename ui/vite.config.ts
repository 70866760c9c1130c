import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Served by Tauri: relative base so that assets load from the app bundle,
// fixed port that tauri.conf.json's devUrl points to.
export default defineConfig({
  plugins: [react()],
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  // A desktop app loads its bundle from disk: one 500 kB chunk costs nothing to fetch.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // Forms are typed key by key: on a shared 2-core CI machine that can exceed 5 s.
    testTimeout: 30000,
  },
});
