// End to end: the follow-up campaign in the window — open it on demonstration data, mark
// two forms as sent, record one returned form, and print one pre-filled sheet.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { ROOT, tempHome, startDriver, openApp, choose } from "./webdriver.mjs";

const CAPTURES = join(ROOT, "target", "captures");
const CLI = join(ROOT, "target", "debug", "cesp");

const now = new Date();
const YEAR = now.getFullYear();
const TODAY = `${String(now.getDate()).padStart(2, "0")}/${String(now.getMonth() + 1).padStart(2, "0")}/${YEAR}`;

test("suivi annuel : campagne, envoi groupé, saisie d'un retour, impression d'une fiche", async () => {
  const home = tempHome();
  const demo = spawnSync(CLI, ["--db", home.db, "demo", "--signatories", "40"], { encoding: "utf8" });
  assert.equal(demo.status, 0, demo.stderr);
  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  const text = (id) => s.js(`document.querySelector('[data-testid="${id}"]')?.innerText ?? ""`);
  try {
    await s.click('[data-testid="nav-campaign"]');
    await s.until(async () => (await s.findAll('[data-testid="campaign-row"]')).length > 5, 15000, "les lignes de la campagne");
    assert.match(await s.bodyText(), new RegExp(`Campagne de suivi ${YEAR}`));
    const num = async (id) => Number((await text(id)).replace(/.*:/s, "").replace(/\D/g, ""));
    const toSend = await num("campaign-count-a_envoyer");
    const sent = await num("campaign-count-envoyee");
    assert.ok(toSend >= 2, `à envoyer : ${toSend}`);

    // Show the forms still to send, and mark the first two as sent.
    await s.click('[data-testid="campaign-count-a_envoyer"]');
    await s.until(async () => (await s.findAll('[data-testid="campaign-row"]')).length === Math.min(toSend, 50), 10000, "le filtre « à envoyer »");
    const checks = await s.findAll('[data-testid="campaign-row-check"]');
    await s.cmd("POST", `/element/${checks[0]}/click`, {});
    await s.cmd("POST", `/element/${checks[1]}/click`, {});
    await s.click('[data-testid="bulk-sent"]');
    await s.clear('[data-testid="bulk-date"]');
    await s.type('[data-testid="bulk-date"]', TODAY);
    await s.select('[data-testid="bulk-channel"]', "courrier");
    await s.click('[data-testid="bulk-confirm"]');
    await s.until(async () => /2/.test(await text("bulk-result")), 10000, "le compte rendu de l'envoi");
    await s.click('[data-testid="bulk-close"]');
    await s.until(async () => (await num("campaign-count-envoyee")) === sent + 2, 10000, "2 fiches envoyées de plus");
    assert.equal(await num("campaign-count-a_envoyer"), toSend - 2);
    await s.screenshot(join(CAPTURES, "campagne.png"));

    // Record the return of the first line.
    const firstId = Number(await s.js(`document.querySelector('[data-testid="campaign-row"]').dataset.id`));
    await s.click('[data-testid="row-record"]');
    await s.clear('[data-testid="answers-received_date"]');
    await s.type('[data-testid="answers-received_date"]', TODAY);
    await s.clear('[data-testid="answers-signature_date"]');
    await s.type('[data-testid="answers-signature_date"]', "31/02/2026");
    await s.click('[data-testid="answers-save"]');
    // An impossible date: the message next to the field, nothing saved, input kept.
    await s.waitForText((t) => /Date invalide « 31\/02\/2026 »/.test(t), 10000, "l'erreur sur la date de signature");
    await s.clear('[data-testid="answers-signature_date"]');
    await s.type('[data-testid="answers-signature_date"]', TODAY);
    await s.select('[data-testid="answers-project_mode"]', "liberal");
    await s.clear('[data-testid="answers-project_place"]');
    await s.type('[data-testid="answers-project_place"]', "Maison de santé de Pontivy");
    await s.click('[data-testid="answers-save"]');
    await s.until(async () => (await text("record-outcome")).length > 0, 10000, "le résultat de la saisie");
    await s.screenshot(join(CAPTURES, "retour-fiche.png"));

    // Print that signatory's sheet: the save dialog is native (not drivable), so its answer
    // is scripted, then the test calls the command the button calls.
    const pdf = join(home.dir, "fiche.pdf");
    await choose(s, home, pdf);
    const written = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('print_followup_sheet', { id: arguments[0], year: arguments[1], path: arguments[2] })" +
        ".then(done, (e) => done('ERREUR ' + JSON.stringify(e)));",
      args: [firstId, YEAR, pdf],
    });
    assert.equal(written, pdf);
    assert.ok(existsSync(pdf));
    const sheet = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout;
    assert.match(sheet, new RegExp(`Fiche de suivi annuelle ${YEAR}`));
    assert.match(sheet, /Maison de santé de Pontivy/);

    // The batch print, as the print dialog runs it: a merged PDF of three sheets, its
    // progress streamed through a Tauri channel.
    const ids = await s.js(`[...document.querySelectorAll('[data-testid="campaign-row"]')].slice(0, 3).map(r => Number(r.dataset.id))`);
    const merged = join(home.dir, "lot.pdf");
    await choose(s, home, merged);
    const batch = await s.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "const seen = [];" +
        "const id = window.__TAURI_INTERNALS__.transformCallback((m) => seen.push(m));" +
        "window.__TAURI_INTERNALS__.invoke('print_followup_batch', { year: arguments[0], ids: arguments[1], target: { kind: 'merged', path: arguments[2] }, onProgress: '__CHANNEL__:' + id })" +
        ".then((r) => setTimeout(() => done({ report: r, seen }), 300), (e) => done({ error: JSON.stringify(e) }));",
      args: [YEAR, ids, merged],
    });
    assert.equal(batch.error, undefined, batch.error);
    assert.equal(batch.report.sheets, ids.length);
    assert.ok(batch.seen.length >= 1, "aucune progression reçue");
    const info = spawnSync("pdfinfo", [merged], { encoding: "utf8" }).stdout;
    assert.ok(Number(/Pages:\s+(\d+)/.exec(info)[1]) >= ids.length, info);
  } finally {
    await s.close();
    await driver.stop();
  }
});
