// End to end, in the real window: a candidate entered in « Candidatures », the documents of
// the file ticked, the commission's « retenu », the conversion into a signatory, and the new
// signatory found in the register without anything typed again.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempHome, startDriver, openApp } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const testid = (id) => `[data-testid="${id}"]`;

test("candidatures : saisir un candidat, cocher les pièces, le retenir, le convertir en signataire", async () => {
  const home = tempHome();
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.waitForText((t) => t.includes("Bienvenue"), 20000, "l'écran de premier lancement");
    await s.click(testid("start-empty"));
    await s.click(testid("nav-applications"));
    await s.type(testid("apps-ufr"), "Faculté de médecine de Brest");
    await s.click(testid("apps-show"));
    await s.click(testid("apps-new"));

    await s.select(testid("app-civility"), "Mme");
    await s.type(testid("app-last_name"), "Quéré");
    await s.type(testid("app-first_names"), "Nolwenn");
    await s.type(testid("app-birth_date"), "03/04/2003");
    await s.type(testid("app-email"), "nolwenn.quere@example.org");
    await s.select(testid("app-cycle"), "deuxieme_cycle");
    await s.type(testid("app-study_year"), "2");
    await s.select(testid("app-specialty"), "Médecine générale");
    await s.select(testid("app-project_zone"), "zip");
    await s.type(testid("app-project"), "Exercer en maison de santé dans les monts d'Arrée.");
    await s.click(testid("app-save"));
    await s.find(testid("app-documents"), 15000);
    const missing = await s.js(`document.querySelector('[data-testid="app-incomplete"]')?.innerText ?? ""`);
    assert.match(missing, /6 pièces manquantes/i);

    // Tick the six documents: the file becomes complete.
    for (const doc of ["formulaire", "piece_identite", "lettre_motivation", "releves_notes", "certificat_scolarite", "photo"]) {
      await s.click(testid(`doc-${doc}`));
      await s.until(async () => s.js(`document.querySelector('[data-testid="doc-${doc}"]')?.checked === true`), 10000, `la pièce ${doc} cochée`);
    }
    await s.find(testid("app-complete"), 10000);
    await s.screenshot(join(CAPTURES, "candidature.png"));

    // The commission's decision, then the conversion.
    await s.select(testid("app-decision"), "retenu");
    await s.type(testid("app-reason"), "Projet motivé en ZIP");
    await s.click(testid("app-decide"));
    await s.click(testid("app-convert"), 15000);
    await s.until(
      async () => /Candidat/.test(await s.js(`document.querySelector('[data-testid="signatory-status"]')?.textContent ?? ""`)),
      15000,
      "le nouveau dossier, au statut « Candidat »",
    );

    // In the register, with what was entered in the application.
    await s.click(testid("nav-signataires"));
    await s.type(testid("search-input"), "quere");
    const text = await s.waitForText((t) => t.includes("Quéré") && /\b1 signataire\b/.test(t), 10000, "le signataire dans le registre");
    assert.match(text, /Nolwenn/);

    // The campaign shows the candidate as converted, the contract to return.
    await s.click(testid("nav-applications"));
    const row = await s.until(
      async () => s.js(`document.querySelector('[data-testid="apps-table"]')?.innerText ?? ""`).then((t) => (/QUÉRÉ Nolwenn/.test(t) ? t : "")),
      10000,
      "la candidature dans la campagne",
    );
    assert.match(row, /Retenu/);
    assert.match(row, /Contrat à retourner avant le \d\d\/\d\d\/\d{4}/);
    await s.screenshot(join(CAPTURES, "candidatures.png"));
  } finally {
    await s.close();
    await driver.stop();
  }
});
