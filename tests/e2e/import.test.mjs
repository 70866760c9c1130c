// End to end: import registers in the window. The committed fictitious register
// (tests/data/registre-ars.xlsx) is kept whole: its three bad cells are set aside, not refused.
// The register of issue #17 (tests/data/incomplet-virgule.csv: no civility, status nor
// signature date) imports in one pass; its only refused row is corrected in the grid, then
// the files are in the list and "À faire" lists what they lack; a second import changes nothing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempHome, startDriver, openApp, answerDialog } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const REGISTER = join(ROOT, "tests", "data", "registre-ars.xlsx");
const INCOMPLETE = join(ROOT, "tests", "data", "incomplet-virgule.csv");

test("import d'un tableur : incomplet n'est pas invalide, correction dans la grille, réimport sans effet", async () => {
  const home = tempHome();
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  const text = (id) => s.js(`document.querySelector('[data-testid="${id}"]')?.innerText ?? ""`);
  const all = (id) => s.js(`[...document.querySelectorAll('[data-testid="${id}"]')].map(e => e.innerText).join("\\n")`);
  const num = async (id) => Number((await text(id)).replace(/.*:/s, "").replace(/\D/g, ""));
  try {
    await s.click('[data-testid="start-empty"]');
    await s.click('[data-testid="nav-import"]');
    // "Parcourir…": the dialog answers with the file (the path cannot be typed).
    const read = async (file) => {
      answerDialog(home, file);
      await s.click('[data-testid="import-browse"]');
    };

    // The committed register: 25 files, the bad cells set aside and said where.
    await read(REGISTER);
    await s.until(async () => (await num("import-count-create")) === 25, 15000, "25 créations à l'aperçu");
    assert.equal(await num("import-count-rejected"), 0);
    const setAside = await all("import-set-aside");
    assert.match(setAside, /Colonne T/);
    assert.match(setAside, /31\/02\/2019/);

    // The register of the issue: one row refused (no birth date, no contract reference).
    await read(INCOMPLETE);
    await s.until(async () => (await num("import-count-create")) === 6, 15000, "6 créations à l'aperçu");
    assert.equal(await num("import-count-rejected"), 1);
    assert.match(await text("import-warnings"), /Aucune colonne ne donne le statut/);
    assert.match(await all("import-to-complete"), /À compléter : civilité, date de signature/);
    // How the mapping reads the samples: two-digit years, the faculties' names of the years.
    const samples = await all("import-sample");
    assert.match(samples, /12\/03\/98 → 12\/03\/1998/);
    assert.match(samples, /DFASM2 → 2e cycle, 2e année/);
    await s.screenshot(join(CAPTURES, "import-apercu.png"));

    // The refused row's birth date typed in the grid: read again as it is typed.
    const cell = '[data-testid="import-fix"][data-cell="B9"]';
    await s.type(cell, "08/08/96");
    await s.until(async () => (await num("import-count-rejected")) === 0, 15000, "la ligne 9 corrigée");
    assert.equal(await num("import-count-create"), 7);
    await s.screenshot(join(CAPTURES, "import-correction.png"));

    await s.click('[data-testid="import-run"]');
    await s.until(async () => (await text("import-done")).length > 0, 15000, "l'import terminé");

    await s.click('[data-testid="nav-signataires"]');
    await s.until(async () => /\b7\b/.test(await text("list-total")), 10000, "7 signataires dans la liste");

    // "À faire": the files to complete, with what each lacks.
    await s.click('[data-testid="nav-todo"]');
    await s.waitForText((t) => t.includes("Dossiers à compléter") && t.includes("À compléter : civilité"), 15000, "la catégorie « Dossiers à compléter »");

    // The same file again, with the same correction: nothing to create or change.
    await s.click('[data-testid="nav-import"]');
    await read(INCOMPLETE);
    await s.until(async () => (await num("import-count-rejected")) === 1, 15000, "la ligne 9 de nouveau refusée (correction oubliée avec le fichier)");
    await s.type(cell, "08/08/96");
    await s.until(async () => (await num("import-count-unchanged")) === 7, 15000, "7 lignes inchangées");
    assert.equal(await num("import-count-create"), 0);
    assert.equal(await num("import-count-update"), 0);
  } finally {
    await s.close();
    await driver.stop();
  }
});
