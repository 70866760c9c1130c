// End to end: with the demo zonage imported, an interview is recorded (the interviews due
// disappear), then a declaration in a ZIP commune chosen by autocomplete: the signatory
// becomes « installé » and the commitment end appears in the contract tab.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempHome, startDriver, openApp, fillSignatory, choose } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const ZONAGE = join(ROOT, "assets", "zonage", "zonage-demo.csv");

test("entretien et déclaration d'installation dans une commune en ZIP", async () => {
  const home = tempHome();
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.click('[data-testid="start-empty"]');

    // The zonage: the file dialog is native (not drivable), so its answer is scripted, then
    // the test calls the command the "Importer le zonage" button calls.
    await choose(s, home, ZONAGE, "open");
    const imported = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('import_zonage', { path: arguments[0], effective: '01/02/2024' })" +
        ".then((r) => done(r.version.zip + '/' + r.version.zac), (e) => done('ERREUR ' + JSON.stringify(e)));",
      args: [ZONAGE],
    });
    assert.equal(imported, "9/10");
    await s.click('[data-testid="nav-parametres"]');
    await s.until(
      async () => /22 \(ZIP 9, ZAC 10, hors zone 3\)/.test(await s.js(`document.querySelector('[data-testid="zonage-versions"]')?.innerText ?? ""`)),
      10000,
      "la version du zonage dans les paramètres",
    );

    // An intern in the 3rd cycle, diploma obtained.
    await s.click('[data-testid="nav-signataires"]');
    await s.click('[data-testid="new-signatory"]');
    await fillSignatory(s, {
      civility: "Mme",
      last_name: "Le Bihan",
      first_names: "Maëlle",
      discipline: "medecine",
      cycle: "troisieme_cycle",
      signature_date: "15/03/2021",
      status: "en_formation",
    });
    await s.click('[data-testid="save-signatory"]');
    await s.type('[data-testid="search-input"]', "bihan");
    await s.until(async () => (await s.findAll('[data-testid="signatory-row"]')).length === 1, 10000, "la ligne du signataire");
    await s.click('[data-testid="signatory-row"] td');
    await s.click('[data-testid="tab-contrat"]');
    for (const [key, value] of Object.entries({
      allocation_start: "01/11/2021",
      allocation_end: "31/10/2025",
      diploma_date: "20/10/2025",
    })) {
      await s.clear(`[data-testid="ledger-${key}"]`);
      await s.type(`[data-testid="ledger-${key}"]`, value);
    }
    await s.click('[data-testid="save-ledger"]');
    await s.until(async () => /48/.test(await s.js(`document.querySelector('[data-testid="ledger-months-paid"]')?.innerText ?? ""`)), 10000, "les 48 mois versés");

    // Interviews: the yearly ones are due; one held today answers them.
    await s.click('[data-testid="tab-entretiens"]');
    await s.until(async () => /Entretien annuel du 3e cycle/.test(await s.js(`document.querySelector('[data-testid="interviews-due"]')?.innerText ?? ""`)), 10000, "les entretiens à tenir");
    await s.click('[data-testid="interview-new"]');
    await s.select('[data-testid="interview-mode"]', "ars");
    await s.select('[data-testid="interview-reason"]', "annuel_troisieme_cycle");
    await s.type('[data-testid="interview-attendees"]', "Référente CESP, Mme Le Bihan");
    await s.type('[data-testid="interview-report"]', "Projet d'installation en MSP à Carhaix ; stage prévu.");
    await s.click('[data-testid="interview-save"]');
    await s.until(async () => (await s.findAll('[data-testid="interview-card"]')).length === 1, 10000, "l'entretien enregistré");
    const due = await s.js(`document.querySelector('[data-testid="interviews-due"]').innerText`);
    assert.match(due, /Aucun entretien à tenir/);

    // The declaration: the commune is chosen as one types, its zone shows.
    await s.click('[data-testid="tab-installation"]');
    await s.click('[data-testid="declaration-new"]');
    await s.clear('[data-testid="declaration-declaration_date"]');
    await s.type('[data-testid="declaration-declaration_date"]', "15/10/2025");
    await s.type('[data-testid="declaration-practice_start"]', "01/11/2025");
    await s.type('[data-testid="place-0-commune"]', "carhaix");
    await s.click('[data-testid="place-0-option"]', 10000);
    await s.until(async () => /ZIP/.test(await s.js(`document.querySelector('[data-testid="place-0-zone"]')?.innerText ?? ""`)), 10000, "la zone de la commune");
    await s.select('[data-testid="place-0-mode"]', "liberal");
    await s.select('[data-testid="place-0-sector"]', "secteur_1");
    await s.select('[data-testid="place-0-structure"]', "msp");
    await s.type('[data-testid="place-0-half-days"]', "9");
    await s.click('[data-testid="declaration-save"]');
    await s.until(async () => (await s.findAll('[data-testid="declaration-card"]')).length === 1, 10000, "la déclaration enregistrée");
    const place = await s.js(`document.querySelector('[data-testid="place-row"]').innerText`);
    assert.match(place, /Carhaix-Plouguer \(29024\)/);
    assert.match(place, /ZIP/);
    await s.screenshot(join(CAPTURES, "installation.png"));

    // Installed, and the contract shows the end of the commitment (48 months from 01/11/2025).
    await s.until(async () => /Installé/.test(await s.js(`document.querySelector('[data-testid="signatory-status"]')?.textContent ?? ""`)), 10000, "le statut « Installé »");
    await s.click('[data-testid="tab-contrat"]');
    const end = await s.until(
      async () => s.js(`document.querySelector('[data-testid="ledger-commitment-end"]')?.innerText ?? ""`).then((t) => (/\d/.test(t) ? t : "")),
      10000,
      "la fin d'engagement",
    );
    assert.match(end, /31\/10\/2029/);
  } finally {
    await s.close();
    await driver.stop();
  }
});
