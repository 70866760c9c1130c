// End to end: import the committed fictitious register (tests/data/registre-ars.xlsx) in
// the window — preview with the rejected rows located, import blocked by them, then
// imported without them, and found in the list; a second import changes nothing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempHome, startDriver, openApp, answerDialog } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const FILE = join(ROOT, "tests", "data", "registre-ars.xlsx");

test("import d'un tableur : aperçu, refus localisés, import, réimport sans effet", async () => {
  const home = tempHome();
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  const text = (id) => s.js(`document.querySelector('[data-testid="${id}"]')?.innerText ?? ""`);
  const num = async (id) => Number((await text(id)).replace(/.*:/s, "").replace(/\D/g, ""));
  try {
    await s.click('[data-testid="start-empty"]');
    await s.click('[data-testid="nav-import"]');
    // "Parcourir…": the dialog answers with the file (the path cannot be typed).
    const read = async () => {
      answerDialog(home, FILE);
      await s.click('[data-testid="import-browse"]');
    };
    await read();
    await s.until(async () => (await num("import-count-create")) === 22, 15000, "22 créations à l'aperçu");
    assert.equal(await num("import-count-rejected"), 3);
    const problems = await s.js(`[...document.querySelectorAll('[data-testid="import-problem"]')].map(e => e.innerText).join("\\n")`);
    assert.match(problems, /Colonne T/);
    assert.match(problems, /31\/02\/2019/);
    await s.screenshot(join(CAPTURES, "import-apercu.png"));

    // Rejected rows block the import by default: nothing written.
    await s.click('[data-testid="import-run"]');
    await s.until(async () => (await text("import-blocked")).length > 0, 10000, "l'import bloqué");

    // Import the valid rows.
    await s.click('[data-testid="import-skip-rejected"]');
    await s.click('[data-testid="import-run"]');
    await s.until(async () => (await text("import-done")).length > 0, 15000, "l'import terminé");

    await s.click('[data-testid="nav-signataires"]');
    await s.until(async () => /22/.test(await text("list-total")), 10000, "22 signataires dans la liste");

    // The same file again: nothing to create or change.
    await s.click('[data-testid="nav-import"]');
    await read();
    await s.until(async () => (await num("import-count-unchanged")) === 23, 15000, "23 lignes inchangées");
    assert.equal(await num("import-count-create"), 0);
    assert.equal(await num("import-count-update"), 0);
  } finally {
    await s.close();
    await driver.stop();
  }
});
