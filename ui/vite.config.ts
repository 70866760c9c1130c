import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Served by Tauri: relative base so that assets load from the app bundle,
// fixed port that tauri.conf.json's devUrl points to.
export default defineConfig({
  plugins: [react()],
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
  },
});
