// The installed package: the .deb built by scripts/test (tauri build), installed with dpkg,
// launched from /usr/bin on a fresh database under Xvfb. The window opens on the first-launch
// screen, with the application's name and the version of the package.
//
// Run by scripts/test with CESP_APP_BINARY=/usr/bin/suivi-cesp (webdriver.mjs launches it).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { APP, ROOT, tempHome, startDriver, openApp } from "../e2e/webdriver.mjs";

const version = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];

test("paquet installé : la fenêtre s'ouvre sur une base neuve, avec la version du paquet", async () => {
  assert.ok(APP.endsWith("/usr/bin/suivi-cesp"), `the installed binary is tested, not ${APP}`);
  const home = tempHome();
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.waitForText((t) => t.includes("Bienvenue"), 30000, "l'écran de premier lancement");
    assert.equal(await s.cmd("GET", "/title"), "Suivi CESP");
    const info = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('app_info').then((i) => done(i.version + '|' + i.db_path), (e) => done('ERREUR ' + JSON.stringify(e)));",
      args: [],
    });
    assert.equal(info, `${version}|${home.db}`);
  } finally {
    await s.close();
    await driver.stop();
  }
});
