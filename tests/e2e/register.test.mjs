// End to end, in the real window: create a signatory through the form, find it in the
// list with accents dropped, see the French error of an invalid form, restart the
// application and find the signatory again.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { APP, ROOT, tempHome, startDriver, openApp, fillSignatory } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
let home;
let driver;

before(async () => {
  assert.ok(existsSync(APP), `application introuvable : ${APP} (lancer scripts/test)`);
  home = tempHome();
  driver = await startDriver(home.env);
});

after(async () => {
  await driver?.stop();
});

test("registre : créer, rechercher, refuser un formulaire invalide, retrouver après redémarrage", async () => {
  let s = await openApp(driver);
  try {
    // First launch on an empty database: the welcome screen.
    await s.waitForText((t) => t.includes("Bienvenue"), 20000, "l'écran de premier lancement");
    await s.screenshot(join(CAPTURES, "premier-lancement.png"));
    await s.click('[data-testid="start-empty"]');
    await s.find('[data-testid="new-signatory"]');

    // The shell is locked down: a command no capability grants is refused.
    const denied = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('plugin:dialog|message', { message: 'x' })" +
        ".then(() => done('autorisé'), (e) => done('refusé : ' + String(e)));",
      args: [],
    });
    assert.match(denied, /^refusé : .*not allowed/);

    // Create a signatory through the form.
    await s.click('[data-testid="new-signatory"]');
    await fillSignatory(s, {
      civility: "Mme",
      last_name: "Lefèvre",
      first_names: "Hélène",
      birth_date: "14/02/2001",
      email: "helene.lefevre@example.org",
      discipline: "medecine",
      signature_date: "15/03/2024",
      status: "en_formation",
    });
    await s.screenshot(join(CAPTURES, "fiche-signataire.png"));
    await s.click('[data-testid="save-signatory"]');
    await s.find('[data-testid="search-input"]');
    await s.waitForText((t) => t.includes("Lefèvre"), 10000, "le nouveau signataire dans la liste");

    // An invalid form: the French message appears and nothing is saved.
    await s.click('[data-testid="new-signatory"]');
    await fillSignatory(s, { civility: "M", last_name: "Durand", discipline: "medecine", signature_date: "31/02/2024", status: "en_formation" });
    await s.click('[data-testid="save-signatory"]');
    await s.find('[data-testid="form-errors"]');
    const text = await s.waitForText((t) => t.includes("Le prénom est obligatoire"), 10000, "l'erreur sur le prénom");
    await s.screenshot(join(CAPTURES, "formulaire-invalide.png"));
    assert.match(text, /Date invalide « 31\/02\/2024 »/);
    assert.match(text, /Le formulaire contient 2 erreurs : rien n'a été enregistré/);
  } finally {
    await s.close();
  }

  // Restart the application on the same database: the signatory is still there, and the
  // search finds it with accents dropped.
  s = await openApp(driver);
  try {
    // A register in use opens on « À faire »; the list is one click away.
    await s.waitForText((t) => t.includes("À faire"), 15000, "l'écran « À faire »");
    await s.click('[data-testid="nav-signataires"]');
    await s.type('[data-testid="search-input"]', "helene lefe");
    const text = await s.waitForText((t) => t.includes("Lefèvre") && /\b1 signataire\b/.test(t), 10000, "le résultat de recherche");
    assert.ok(!text.includes("Durand"), "the invalid form must not have been saved");
    const rows = await s.findAll('[data-testid="signatory-row"]');
    assert.equal(rows.length, 1);
    assert.match(await s.text(rows[0]), /Hélène/);
    await s.screenshot(join(CAPTURES, "liste-recherche.png"));

    // A second launch on the same register raises this window and stops: no second
    // window writing to the same file.
    const second = spawnSync(APP, [], { env: { ...process.env, ...home.env }, timeout: 30000, encoding: "utf8" });
    assert.equal(second.status, 0, `second launch: ${second.stderr}`);
    assert.match(second.stdout, /déjà ouvert sur cette base/);
    await s.waitForText((t) => t.includes("Lefèvre"), 5000, "la fenêtre toujours là");
  } finally {
    await s.close();
  }
});

test("premier lancement : données de démonstration, filtre et tri", async () => {
  const demoHome = tempHome();
  const demoDriver = await startDriver(demoHome.env);
  const s = await openApp(demoDriver);
  try {
    await s.waitForText((t) => t.includes("Bienvenue"), 20000, "l'écran de premier lancement");
    await s.select('[data-testid="settings-region"]', "Bretagne");
    await s.click('[data-testid="settings-save"]');
    await s.waitForText((t) => t.includes("Bretagne"), 10000, "la région dans l'en-tête");
    await s.click('[data-testid="load-demo"]');
    await s.waitForText((t) => /\b300\s+signataires\b/.test(t), 20000, "les 300 signataires de démonstration");
    const rows = await s.findAll('[data-testid="signatory-row"]');
    assert.equal(rows.length, 50, "a page holds 50 rows");
    // Sorting by year of signature: ascending, then descending on a second click.
    const firstRow = () => s.js(`document.querySelector('[data-testid="signatory-row"]')?.innerText ?? ""`);
    await s.click("th:nth-child(4) .sort-button");
    await s.until(async () => (await firstRow()).includes("2010"), 10000, "le tri par année croissante");
    await s.click("th:nth-child(4) .sort-button");
    await s.until(async () => (await firstRow()).includes("2026"), 10000, "le tri par année décroissante");
    // The status filter narrows the count.
    await s.select('[data-testid="filter-status"]', "installe");
    const filtered = await s.waitForText((t) => !/\b300\s+signataires\b/.test(t), 10000, "le filtre par statut");
    assert.match(filtered, /Installé/);
    await s.screenshot(join(CAPTURES, "liste.png"));
  } finally {
    await s.close();
    await demoDriver.stop();
  }
});
