// Start-up of the real window on a given database (under Xvfb): time from launching the
// application to its first screen being interactive (« À faire » computed and shown), then
// to the list's first page, and the resident memory of the application's processes.
// Usage: node bench/startup.mjs DB RUNS -> JSON {home_ms: [...], list_ms: [...], rss_kb}.
import { execSync } from "node:child_process";
import { startDriver, openApp } from "../tests/e2e/webdriver.mjs";

const [db, runs = "5"] = process.argv.slice(2);
const env = { CESP_DB: db };
const home = [];
const list = [];
let rss = 0;
const driver = await startDriver(env);
try {
  for (let i = 0; i < Number(runs); i++) {
    const t0 = performance.now();
    const s = await openApp(driver);
    await s.find('[data-testid="todo-total"]', 60000);
    const t1 = performance.now();
    await s.click('[data-testid="nav-signataires"]');
    await s.find('[data-testid="signatory-row"]', 60000);
    const t2 = performance.now();
    home.push(Math.round(t1 - t0));
    list.push(Math.round(t2 - t1));
    if (i === Number(runs) - 1) {
      // The application and the WebKit processes it starts (web content, network).
      const out = execSync("ps -eo rss=,comm= | grep -E 'suivi-cesp|WebKitWebProces|WebKitNetworkPr' || true").toString();
      rss = out
        .split("\n")
        .filter(Boolean)
        .reduce((n, l) => n + Number(l.trim().split(/\s+/)[0]), 0);
    }
    await s.close();
  }
} finally {
  await driver.stop();
}
console.log(JSON.stringify({ home_ms: home, list_ms: list, rss_kb: rss }));
