// End to end: a fillable sheet comes back filled (by pypdf, as a signatory's reader would
// save it), is chosen in "Fiches retournées…", shown beside the file with its changes ticked,
// and recorded in one click; the same file read again by the CLI changes nothing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { ROOT, tempHome, startDriver, openApp, answerDialog } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const CLI = join(ROOT, "target", "debug", "cesp");
const FILL = join(ROOT, "tests", "tools", "fill_sheet.py");
const YEAR = new Date().getFullYear();

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} : ${r.stderr}`);
  return r.stdout;
}

test("fiches retournées : une fiche remplie est rapprochée de son dossier et enregistrée sans rien taper", async () => {
  const home = tempHome();
  run(CLI, ["--db", home.db, "demo", "--signatories", "30"]);
  run(CLI, ["--db", home.db, "settings", "set", "region", "Bretagne"]);
  const sheets = join(home.dir, "fiches");
  run(CLI, ["--db", home.db, "followup", "print", "--year", String(YEAR), "--out-dir", sheets]);
  const first = readdirSync(sheets).filter((f) => f.endsWith(".pdf")).sort()[0];
  const filled = join(home.dir, "fiche-remplie.pdf");
  run("/usr/bin/python3", [
    FILL,
    "fill",
    join(sheets, first),
    filled,
    JSON.stringify({ identite_courriel: "retour.fiche@exemple.fr", observations: "Thèse prévue à l'automne ; œuvre à Brest." }),
  ]);

  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.click('[data-testid="nav-campaign"]');
    await s.until(async () => (await s.findAll('[data-testid="campaign-row"]')).length > 3, 15000, "les lignes de la campagne");
    await s.click('[data-testid="returns-open"]');
    answerDialog(home, filled);
    await s.click('[data-testid="returns-choose"]');
    await s.until(async () => (await s.findAll('[data-testid="returned-fields"]')).length === 1, 15000, "les réponses de la fiche");
    await s.waitForText((t) => /retour\.fiche@exemple\.fr/.test(t) && /œuvre à Brest/.test(t), 10000, "les changements de la fiche");
    await s.screenshot(join(CAPTURES, "fiches-retournees.png"));
    await s.click('[data-testid="returned-record"]');
    await s.until(async () => (await s.findAll('[data-testid="returned-done"]')).length === 1, 15000, "la fiche enregistrée");
  } finally {
    await s.close();
    await driver.stop();
  }

  // Recorded once: read again, the CLI recognises it and records nothing.
  const again = spawnSync(CLI, ["--db", home.db, "followup", "returns", filled], { encoding: "utf8" });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /déjà enregistrée le/);
});
