// End to end: the window comes back at the size and place it was left (the state saved by
// tauri-plugin-window-state in the user's configuration folder), and the application saves
// its window's state while it runs (not only at a clean close).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempHome, startDriver, openApp } from "./webdriver.mjs";

const state = (home) => join(home.dir, "config", "fr.suivicesp.desktop", ".window-state.json");

test("fenêtre : taille et position retrouvées, état enregistré en cours de session, menu quand elle est étroite", async () => {
  const home = tempHome();
  mkdirSync(join(home.dir, "config", "fr.suivicesp.desktop"), { recursive: true });
  const left = { width: 1010, height: 690, x: 70, y: 30, prev_x: 70, prev_y: 30, maximized: false, visible: true, decorated: true, fullscreen: false };
  writeFileSync(state(home), JSON.stringify({ main: left }));
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.waitForText((t) => t.includes("Bienvenue"), 20000, "l'écran de premier lancement");
    const rect = await s.cmd("GET", "/window/rect");
    assert.deepEqual({ x: rect.x, y: rect.y, width: rect.width, height: rect.height }, { x: 70, y: 30, width: 1010, height: 690 });
    // Rewritten by the application itself once the window has settled.
    writeFileSync(state(home), "");
    await s.cmd("POST", "/window/rect", { width: 1100, height: 720 });
    await s.until(async () => existsSync(state(home)) && /"main"/.test(readFileSync(state(home), "utf8")), 10000, "l'état de la fenêtre enregistré");

    // Narrow (the minimum width, or a 1 920 px screen at 200 %): the screens are in a menu.
    await s.click('[data-testid="start-empty"]');
    await s.cmd("POST", "/window/rect", { width: 960, height: 700 });
    await s.until(async () => s.js(`document.querySelector('[data-testid="nav-menu"]')?.offsetParent !== null`), 10000, "le menu des écrans");
    assert.equal(await s.js(`document.querySelector('[data-testid="nav-journal"]').offsetParent`), null, "the header's links are hidden");
    await s.click('[data-testid="nav-menu"]');
    await s.click('[data-testid="menu-journal"]');
    await s.waitForText((t) => t.includes("Journal des modifications"), 10000, "l'écran Journal par le menu");
    const overflow = await s.js("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assert.ok(overflow <= 0, `nothing wider than the window (${overflow} px too wide)`);
  } finally {
    await s.close();
    await driver.stop();
  }
});
