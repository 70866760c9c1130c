// End to end: the "Contrat et allocation" tab computes the worked example of domain.md §6,
// gives the same figures as `cesp simulate`, and records a rupture that sets the status.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, tempHome, startDriver, openApp, fillSignatory, choose } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const CLI = join(ROOT, "target", "debug", "cesp");

/** "40 038,83 €" (narrow no-break spaces) → "40038.83". */
const plain = (t) => t.replace(/[\s\u202f\u00a0€%]/g, "").replace(",", ".");

test("contrat et allocation : calcul, simulation identique à la CLI, rupture", async () => {
  const home = tempHome();
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.click('[data-testid="start-empty"]');
    await s.click('[data-testid="new-signatory"]');
    await fillSignatory(s, {
      civility: "M",
      last_name: "Quéré",
      first_names: "Loïc",
      discipline: "medecine",
      signature_date: "15/03/2015",
      status: "installe",
    });
    await s.click('[data-testid="save-signatory"]');
    await s.type('[data-testid="search-input"]', "quere");
    await s.until(async () => (await s.findAll('[data-testid="signatory-row"]')).length === 1, 10000, "la ligne du signataire");
    await s.click('[data-testid="signatory-row"] td');
    await s.click('[data-testid="tab-contrat"]');

    const dates = {
      allocation_start: "01/10/2015",
      allocation_end: "30/09/2020",
      diploma_date: "15/10/2020",
      practice_start: "01/11/2020",
    };
    for (const [key, value] of Object.entries(dates)) {
      await s.clear(`[data-testid="ledger-${key}"]`);
      await s.type(`[data-testid="ledger-${key}"]`, value);
    }
    await s.click('[data-testid="save-ledger"]');
    await s.until(async () => /60/.test(await s.js(`document.querySelector('[data-testid="ledger-months-paid"]')?.innerText ?? ""`)), 10000, "les 60 mois versés");
    const net = await s.js(`document.querySelector('[data-testid="ledger-net-total"]').innerText`);
    assert.equal(plain(net).match(/[\d.]+/)[0], "66412.80");
    const end = await s.js(`document.querySelector('[data-testid="ledger-commitment-end"]').innerText`);
    assert.match(end, /31\/10\/2025/);

    // "Simuler une rupture" in the window…
    await s.clear('[data-testid="rupture-date"]');
    await s.type('[data-testid="rupture-date"]', "31/10/2024");
    await s.click('[data-testid="simulate-rupture"]');
    const total = await s.until(
      async () => s.js(`document.querySelector('[data-testid="rupture-total"]')?.innerText ?? ""`),
      10000,
      "le total de la simulation",
    );
    await s.screenshot(join(CAPTURES, "contrat-et-allocation.png"));
    // …and `cesp simulate` on the same contract give the same total.
    const cli = spawnSync(CLI, ["simulate"], {
      input: JSON.stringify({
        discipline: "medecine",
        allocation_start: "2015-10-01",
        allocation_end: "2020-09-30",
        diploma_date: "2020-10-15",
        practice_start: "2020-11-01",
        rupture_date: "2024-10-31",
        as_of: "2024-10-31",
      }),
      encoding: "utf8",
    });
    assert.equal(cli.status, 0, cli.stderr);
    const out = JSON.parse(cli.stdout);
    assert.equal(out.rupture.total, "40038.83");
    assert.equal(plain(total), out.rupture.total);
    const result = await s.js(`document.querySelector('[data-testid="rupture-result"]').innerText`);
    assert.match(result, /46,3344/);

    // The printed justification: the save dialog is native (not drivable by WebDriver): the
    // path is chosen through it (scripted answer), then the button's command is called.
    const pdf = join(home.dir, "simulation-rupture.pdf");
    await choose(s, home, pdf);
    const written = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('print_rupture_simulation', { id: 1, date: '31/10/2024', path: arguments[0] })" +
        ".then(done, (e) => done('ERREUR ' + JSON.stringify(e)));",
      args: [pdf],
    });
    assert.equal(written, pdf);
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
    assert.match(text, /Simulation du coût d'une rupture du CESP/);
    assert.match(text, /Loïc QUÉRÉ/);
    assert.match(plain(text), /40038\.?83|40038,83/);

    // Record the rupture: the status becomes "Rupture".
    await s.select('[data-testid="end-kind"]', "rupture");
    await s.clear('[data-testid="end-date"]');
    await s.type('[data-testid="end-date"]', "31/10/2024");
    await s.click('[data-testid="record-end"]');
    await s.click('[data-testid="confirm-end"]');
    await s.screenshot(join(CAPTURES, "fin-de-contrat.png"));
    await s.until(async () => /rupture/i.test(await s.js(`document.querySelector('[data-testid="signatory-status"]')?.textContent ?? ""`)), 10000, "le statut « Rupture »");
    const amount = await s.until(async () => s.js(`document.querySelector('[data-testid="contract-end-amount"]')?.innerText ?? ""`), 10000, "le montant dû");
    assert.equal(plain(amount).match(/[\d.]+/)[0], "40038.83");

    // The journal: the file's Historique tab, then the Journal screen, say who changed what.
    await s.click('[data-testid="tab-historique"]');
    const history = await s.until(
      async () => s.js(`document.querySelector('[data-testid="history-table"]')?.innerText ?? ""`).then((t) => (/Fin du contrat/.test(t) ? t : "")),
      10000,
      "l'historique du dossier",
    );
    assert.match(history, /Modification : Statut/);
    assert.match(history, /Création/);
    assert.match(history, /\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d/);
    await s.settle();
    await s.screenshot(join(CAPTURES, "historique.png"));
    await s.click('[data-testid="nav-journal"]');
    const journal = await s.until(
      async () => s.js(`document.querySelector('[data-testid="journal-table"]')?.innerText ?? ""`).then((t) => (/Fin du contrat/.test(t) ? t : "")),
      10000,
      "le journal des modifications",
    );
    assert.match(journal, /Contrat et allocation/);
    await s.screenshot(join(CAPTURES, "journal.png"));
  } finally {
    await s.close();
    await driver.stop();
  }
});
