import React from "react";
import ReactDOM from "react-dom/client";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
// Local font files, bundled by Vite (no remote font: the CSP forbids it).
import "@fontsource/source-sans-3/latin-400.css";
import "@fontsource/source-sans-3/latin-600.css";
import "@fontsource/source-sans-3/latin-700.css";
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/spotlight/styles.css";
import "./app.css";
import { cssVariablesResolver, theme } from "./theme";
import { App } from "./App";

function render() {
  ReactDOM.createRoot(document.getElementById("root")!).render(
    <React.StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        {/* Bottom: top-right would cover the navigation links. */}
        <Notifications position="bottom-right" />
        <App />
      </MantineProvider>
    </React.StrictMode>,
  );
}

// `npm run dev` in a plain browser (no Tauri runtime): use an in-memory fake
// backend. The condition is false in production builds, so the module is dropped.
if (import.meta.env.DEV && !("__TAURI_INTERNALS__" in window)) {
  import("./dev/mockBackend").then(render);
} else {
  render();
}
