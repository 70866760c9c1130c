// End to end: on the demonstration data, « À faire » lists the follow-up forms sent on
// 1 October and not returned; one marked as dealt with leaves the list and the count.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { ROOT, tempHome, startDriver, openApp, choose } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");

const count = (s, kind) =>
  s.js(`(document.querySelector('[data-testid="todo-count-${kind}"]')?.innerText ?? "").match(/\\d+/)?.[0] ?? ""`);

test("à faire et statistiques : fiches non retournées, marquer comme traité, graphique, allocation versée, export XLSX, rapport PDF et sauvegarde", async () => {
  const home = tempHome();
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.waitForText((t) => t.includes("Bienvenue"), 20000, "l'écran de premier lancement");
    await s.select('[data-testid="settings-region"]', "Bretagne");
    await s.click('[data-testid="settings-save"]');
    await s.click('[data-testid="load-demo"]');
    await s.waitForText((t) => /\b300\s+signataires\b/.test(t), 20000, "les 300 signataires de démonstration");

    await s.click('[data-testid="nav-todo"]');
    const before = Number(await s.until(async () => count(s, "fiche_non_retournee"), 20000, "le compteur des fiches"));
    assert.ok(before > 0, "the demo's forms sent on 1 October are not all back");
    const text = await s.js(`document.querySelector('[data-testid="todo-table"]').innerText`);
    assert.match(text, /Fiche de suivi \d{4} envoyée le 01\/10\/\d{4}/);
    assert.match(text, /en retard/i);
    await s.screenshot(join(CAPTURES, "a-faire.png"));

    // Only the forms, then mark the first one as dealt with today.
    await s.click('[data-testid="todo-count-fiche_non_retournee"]');
    await s.click('[data-testid="todo-mark"]');
    await s.click('[data-testid="todo-done-confirm"]');
    await s.until(async () => Number(await count(s, "fiche_non_retournee")) === before - 1, 10000, "le compteur diminué");
    await s.waitForText((t) => t.includes("éléments traités (1)"), 10000, "l'élément traité compté à part");

    // The managers' counts: a chart beside each main table, and the XLSX export.
    await s.click('[data-testid="nav-stats"]');
    await s.until(
      async () => s.js(`document.querySelectorAll('[data-testid="chart-signatures_par_annee"] svg [data-testid="bar"]').length > 0`),
      20000,
      "le graphique des signatures par année",
    );
    const statut = await s.js(`document.querySelector('[data-testid="stat-statut"]').innerText`);
    assert.match(statut, /Total\s+\d+/);
    await s.screenshot(join(CAPTURES, "statistiques.png"));
    const xlsx = join(home.dir, "comptages.xlsx");
    await choose(s, home, xlsx);
    const written = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('export_counts', { asOf: '', format: 'xlsx', path: arguments[0] })" +
        ".then(done, (e) => done('ERREUR ' + JSON.stringify(e)));",
      args: [xlsx],
    });
    assert.equal(written, xlsx);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), "PK", "an XLSX file is a zip");
    // The allowance paid this year, with its total in euros, and the PDF report.
    const paid = await s.js(`document.querySelector('[data-testid="stat-allocation_versee"]').innerText`);
    assert.match(paid, /Montant brut/);
    assert.match(paid, /Total\s+[\d\s\u202f]+\s+[\d\s\u202f]+,\d\d\s€/);
    const pdf = join(home.dir, "comptages.pdf");
    await choose(s, home, pdf);
    const report = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('export_counts', { asOf: '', format: 'pdf', path: arguments[0] })" +
        ".then(done, (e) => done('ERREUR ' + JSON.stringify(e)));",
      args: [pdf],
    });
    assert.equal(report, pdf);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
    // « Ouvrir » opens only what this window wrote: any other path is refused by the shell.
    const refused = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('open_output', { path: '/etc/passwd' })" +
        ".then(() => done('ouvert'), (e) => done('refusé : ' + JSON.stringify(e)));",
      args: [],
    });
    assert.match(refused, /^refusé : .*n'a pas été écrit par cette fenêtre/);
    // A script in the window cannot name a path of its own: a "folder" named like an address,
    // or any file no dialog gave, is refused before the disk is touched.
    for (const path of ["https://exemple.org/comptages.pdf", join(home.dir, "pas-choisi.pdf")]) {
      const written = await s.cmd("POST", "/execute/async", {
        script:
          "const done = arguments[arguments.length - 1];" +
          "window.__TAURI_INTERNALS__.invoke('export_counts', { asOf: '', format: 'pdf', path: arguments[0] })" +
          ".then(() => done('écrit'), (e) => done('refusé : ' + JSON.stringify(e)));",
        args: [path],
      });
      assert.match(written, /^refusé : .*n'a pas été choisi dans une boîte de dialogue/);
    }
    assert.equal(existsSync(join(home.dir, "pas-choisi.pdf")), false);
    assert.equal(existsSync("https:"), false);

    // Settings › Sauvegardes: a backup made now is listed with its number of files, and the
    // check says the register is sound.
    await s.click('[data-testid="nav-parametres"]');
    // The panels above the backups load their data one after another: the button only
    // stays put once they all have.
    const listed = async () =>
      /Manuelle/.test(await s.js(`document.querySelector('[data-testid="backup-list"]')?.innerText ?? ""`));
    await s.clickUntil('[data-testid="backup-now"]', listed, "la sauvegarde manuelle listée");
    const sound = async () => s.js(`document.querySelector('[data-testid="check-ok"]') !== null`);
    await s.clickUntil('[data-testid="check-store"]', sound, "la base saine");

    // Conservation des dossiers: with one year, the demo's commitments ended in 2025 are
    // listed; one is anonymised after confirmation and stays listed, anonymised.
    await s.clear('[data-testid="archive-years"]');
    await s.type('[data-testid="archive-years"]', "1");
    const toArchive = async () => s.js(`document.querySelector('[data-testid="archive-list"]')?.innerText ?? ""`).then((t) => (/Engagement terminé le/.test(t) ? t : ""));
    await s.clickUntil('[data-testid="archive-years-save"]', toArchive, "les dossiers à archiver");
    const first = await s.js(`document.querySelector('[data-testid^="archive-anonymise-"]').dataset.testid.split("-").pop()`);
    await s.click(`[data-testid="archive-anonymise-${first}"]`);
    await s.click('[data-testid="archive-confirm"]');
    await s.until(
      async () => new RegExp(`Dossier anonymisé n° ${first}`).test(await s.js(`document.querySelector('[data-testid="archive-list"]')?.innerText ?? ""`)),
      10000,
      "le dossier anonymisé",
    );
    await s.settle();
    await s.screenshot(join(CAPTURES, "conservation-des-dossiers.png"));
  } finally {
    await s.close();
    await driver.stop();
  }
});
