// End to end: the documents a campaign posts — its calendar (a holiday refused, a working
// day kept), the covering letters with their sheets printed from the "Courriers…" dialog,
// and a letter's template refused for an unknown field in Paramètres.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { ROOT, tempHome, startDriver, openApp, answerDialog } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const CLI = join(ROOT, "target", "debug", "cesp");
const YEAR = new Date().getFullYear();

test("courriers : calendrier de la campagne, courriers d'envoi avec les fiches, modèle refusé", async () => {
  const home = tempHome();
  for (const args of [["demo", "--signatories", "40"], ["settings", "set", "region", "Bretagne"], ["settings", "set", "contact.referent", "Camille Exemple"], ["settings", "set", "contact.courriel", "ars-cesp@exemple.fr"]]) {
    const r = spawnSync(CLI, ["--db", home.db, ...args], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  }
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.click('[data-testid="nav-campaign"]');
    await s.until(async () => (await s.findAll('[data-testid="campaign-row"]')).length > 5, 15000, "les lignes de la campagne");

    // The calendar: 1 January refused by name, with the next working day.
    await s.clear('[data-testid="campaign-dates-return_by"]');
    await s.type('[data-testid="campaign-dates-return_by"]', `01/01/${YEAR + 1}`);
    await s.click('[data-testid="campaign-dates-save"]');
    await s.waitForText((t) => /jour férié \(Jour de l'an\)/.test(t), 10000, "le refus du 1er janvier");
    const monday = spawnSync("date", ["-d", `${YEAR + 1}-01-05`, "+%u"], { encoding: "utf8" }).stdout.trim();
    const working = monday === "6" || monday === "7" ? `07/01/${YEAR + 1}` : `05/01/${YEAR + 1}`;
    await s.clear('[data-testid="campaign-dates-return_by"]');
    await s.type('[data-testid="campaign-dates-return_by"]', working);
    await s.click('[data-testid="campaign-dates-save"]');
    await s.waitForText((t) => !/jour férié/.test(t), 10000, "le calendrier enregistré");

    // The covering letters with their sheets, in one PDF where the dialog answers.
    await s.click('[data-testid="letters-open"]');
    await s.waitForText((t) => /Destinataires : tous les signataires de la campagne/.test(t), 10000, "le dialogue des courriers");
    await s.screenshot(join(CAPTURES, "courriers.png"));
    const pdf = join(home.dir, "courriers.pdf");
    answerDialog(home, pdf);
    await s.click('[data-testid="letters-print"]');
    await s.until(async () => existsSync(pdf), 20000, "le PDF des courriers");
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout;
    assert.match(text, new RegExp(`Objet : suivi annuel ${YEAR}`));
    assert.match(text, new RegExp(`avant le ${working.replace(/\//g, "\\/")}`));
    assert.match(text, /Fiche de suivi annuelle/);
    assert.match(text, /Camille Exemple/);

    // The same campaign as e-mail drafts, the fillable sheet attached, in a chosen folder.
    await s.click('[data-testid="letters-open"]');
    await s.waitForText((t) => /Destinataires : tous les signataires de la campagne/.test(t), 10000, "le dialogue des courriers");
    await s.select('[data-testid="letters-output"]', "emails");
    await s.waitForText((t) => /Écrire les brouillons/.test(t), 10000, "le choix des courriels");
    const mails = join(home.dir, "courriels");
    mkdirSync(mails);
    answerDialog(home, mails);
    await s.click('[data-testid="letters-print"]');
    await s.until(async () => readdirSync(mails).filter((f) => f.endsWith(".eml")).length > 5, 20000, "les brouillons de courriels");
    const eml = readFileSync(join(mails, readdirSync(mails).filter((f) => f.endsWith(".eml")).sort()[0]), "utf8");
    assert.match(eml, /^X-Unsent: 1$/m);
    assert.match(eml, /Content-Type: application\/pdf/);
    await s.waitForText((t) => /brouillons de courriel écrits/.test(t), 10000, "le compte rendu des brouillons");
    await s.screenshot(join(CAPTURES, "courriels.png"));
    await s.click('[data-testid="letters-close"]');

    // A template naming an unknown field: refused with the fields available, nothing saved.
    await s.click('[data-testid="nav-parametres"]');
    await s.until(async () => (await s.findAll('[data-testid="template-text"]')).length === 1, 15000, "l'éditeur des modèles");
    await s.type('[data-testid="template-text"]', " {{ nom_de_famille }}");
    await s.click('[data-testid="template-save"]');
    await s.waitForText((t) => /Champ inconnu : \{\{ nom_de_famille \}\}/.test(t), 10000, "le refus du champ inconnu");
    await s.js(`document.querySelector('[data-testid="template-text"]').scrollIntoView({ block: "center" })`);
    await s.screenshot(join(CAPTURES, "modeles-courriers.png"));
    const shown = spawnSync(CLI, ["--db", home.db, "settings", "show", "--json"], { encoding: "utf8" });
    assert.doesNotMatch(shown.stdout, /nom_de_famille/);
  } finally {
    await s.close();
    await driver.stop();
  }
});
