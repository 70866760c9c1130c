// End to end: the register's file is damaged (its header overwritten) after a backup. The
// window says so, offers the backups under its message, and restores the chosen one: the
// damaged file is kept aside, and the register opens again with its files.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { openSync, readdirSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempHome, startDriver, openApp } from "./webdriver.mjs";

const CLI = join(ROOT, "target", "debug", "cesp");

function cli(db, ...args) {
  const out = spawnSync(CLI, ["--db", db, ...args], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

test("base endommagée : l'erreur, les sauvegardes proposées, la restauration", async () => {
  const home = tempHome();
  cli(home.db, "demo", "--signatories", "40");
  cli(home.db, "backup");
  const fd = openSync(home.db, "r+");
  writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
  closeSync(fd);

  const driver = await startDriver(home.env);
  const s = await openApp(driver);
  try {
    await s.waitForText((t) => t.includes("est endommagée"), 20000, "le message de base endommagée");
    await s.until(
      async () => /Manuelle/.test(await s.js(`document.querySelector('[data-testid="backup-list"]')?.innerText ?? ""`)),
      20000,
      "la liste des sauvegardes",
    );
    await s.js(
      `[...document.querySelectorAll('[data-testid="backup-list"] button')].find((b) => b.innerText.includes("Restaurer")).click()`,
    );
    await s.click('[data-testid="confirm-restore"]');
    // The window reloads on the restored register.
    await s.until(async () => s.js(`document.querySelector('[data-testid="nav-todo"]') !== null`), 30000, "l'application ouverte");
    const aside = readdirSync(join(home.dir, "sauvegardes")).filter((f) => f.includes("endommagee"));
    assert.equal(aside.length, 1, "the damaged file is kept aside");
    assert.match(cli(home.db, "check"), /Base saine/);
  } finally {
    await s.close();
    await driver.stop();
  }
});
