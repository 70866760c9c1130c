// A minimal W3C WebDriver client for the end-to-end tests: it starts tauri-driver
// (which starts WebKitWebDriver, which starts the real application window) and speaks
// plain HTTP to it with Node's fetch. No npm dependency.

import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
export const ROOT = resolve(import.meta.dirname, "..", "..");
export const APP = process.env.CESP_APP_BINARY ?? join(ROOT, "target", "debug", "suivi-cesp");
const LOGS = join(ROOT, "target", "e2e-logs");

/** A temporary data folder for one test: its own database and its own webview data. */
export function tempHome() {
  const dir = mkdtempSync(join(tmpdir(), "cesp-e2e-"));
  mkdirSync(join(dir, "xdg"), { recursive: true });
  mkdirSync(join(dir, "config"), { recursive: true });
  // XDG_CONFIG_HOME too: the window's size and position are kept there.
  // The native dialogs cannot be driven: the window reads their answer from this file
  // instead (empty: cancelled). See src-tauri/src/dialogs.rs.
  const dialog = join(dir, "dialogue.txt");
  writeFileSync(dialog, "");
  return {
    dir,
    db: join(dir, "cesp.sqlite3"),
    dialog,
    env: {
      CESP_DB: join(dir, "cesp.sqlite3"),
      XDG_DATA_HOME: join(dir, "xdg"),
      XDG_CONFIG_HOME: join(dir, "config"),
      CESP_TEST_DIALOG: dialog,
    },
  };
}

/** The answer the next native dialog of the window gives (null: cancelled). */
export function answerDialog(home, path) {
  writeFileSync(home.dialog, path ?? "");
}

/** Chooses `path` in a dialog of `kind` ("save", "open" or "folder") as a button would ask
 *  for it: the window then accepts that path, and only that one, for what it was chosen. */
export async function choose(s, home, path, kind = "save") {
  answerDialog(home, path);
  const filter = { name: "Fichier", extensions: ["*"] };
  const request =
    kind === "folder"
      ? { kind, title: "Dossier" }
      : kind === "open"
        ? { kind, title: "Ouvrir", filter }
        : { kind, title: "Enregistrer", default_name: "fichier", filter };
  const chosen = await s.cmd("POST", "/execute/async", {
    script:
      "const done = arguments[arguments.length - 1];" +
      "window.__TAURI_INTERNALS__.invoke('choose_path', { request: arguments[0] })" +
      ".then(done, (e) => done('ERREUR ' + JSON.stringify(e)));",
    args: [request],
  });
  if (chosen !== path) throw new Error(`choose_path a répondu ${JSON.stringify(chosen)} au lieu de ${path}`);
}

let nextPort = 4444 + (process.pid % 200) * 2;

/** Starts tauri-driver with `env` (inherited by the application) and waits until it answers.
 *
 *  The driver gets its own process group and writes to a log file rather than to our
 *  stdout: WebKitWebDriver, the application and WebKit's helper processes all descend
 *  from it, and one of them left alive while holding the test runner's pipe keeps the
 *  runner (and CI) waiting for an end of file that never comes. `stop()` therefore ends
 *  the whole group, whatever state the session is in. */
export async function startDriver(env) {
  const port = nextPort;
  nextPort += 2;
  mkdirSync(LOGS, { recursive: true });
  const logFile = join(LOGS, `tauri-driver-${port}.log`);
  const log = openSync(logFile, "w");
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  return {
    base,
    logFile,
    // SIGTERM first, so that tauri-driver stops its WebKitWebDriver child cleanly; then,
    // after at most 5 s, SIGKILL to whatever is left of the group.
    async stop() {
      const group = -child.pid;
      const running = child.exitCode === null && child.signalCode === null;
      if (running) {
        const exited = new Promise((r) => child.once("exit", r));
        signal(group, "SIGTERM");
        await Promise.race([exited, sleep(5000)]);
      }
      signal(group, "SIGKILL");
    },
  };
}

function signal(group, name) {
  try {
    process.kill(group, name);
  } catch {
    /* the group is already empty */
  }
}

async function call(base, method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json.value)}`);
  }
  return json.value;
}

/** Opens the application window and returns a session bound to it. */
export async function openApp(driver) {
  const value = await call(driver.base, "POST", "/session", {
    capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: APP } } },
  });
  return new Session(driver.base, value.sessionId);
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }
  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }
  async close() {
    await this.cmd("DELETE", "");
  }
  /** Waits for an element (CSS selector) to exist, up to `ms`. */
  async find(css, ms = 15000) {
    const end = Date.now() + ms;
    let last;
    while (Date.now() < end) {
      try {
        const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
        return v[ELEMENT];
      } catch (e) {
        last = e;
        await sleep(100);
      }
    }
    throw new Error(`élément introuvable : ${css} (${last})`);
  }
  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => e[ELEMENT]);
  }
  /** Clicks an element, retrying while it is still rendering (not interactable, stale). */
  async click(css, ms = 10000) {
    const end = Date.now() + ms;
    for (;;) {
      let el;
      try {
        el = await this.find(css);
        await this.cmd("POST", `/element/${el}/click`, {});
        return;
      } catch (e) {
        if (Date.now() > end || !/not interactable|stale element|click intercepted/.test(String(e))) throw e;
        // An element "in view" but under the fixed header, or under a notification in the
        // corner (as a user would, close the notifications): bring it to the middle first.
        if (el && /click intercepted/.test(String(e))) {
          await this.cmd("POST", "/execute/sync", {
            script:
              "document.querySelectorAll('[aria-label=\"Fermer la notification\"]').forEach((b) => b.click());" +
              "arguments[0].scrollIntoView({ block: 'center' }); return true;",
            args: [{ [ELEMENT]: el }],
          }).catch(() => undefined);
        }
        await sleep(150);
      }
    }
  }
  async clear(css) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/clear`, {});
  }
  async type(css, text) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/value`, { text });
  }
  async text(el) {
    return this.cmd("GET", `/element/${el}/text`);
  }
  /** The page's text as the user reads it (WebKitWebDriver's element text drops some
   *  Mantine labels, innerText does not). */
  async bodyText() {
    return this.cmd("POST", "/execute/sync", { script: "return document.body.innerText", args: [] });
  }
  /** Waits until `predicate(bodyText)` holds, returning the text. */
  async waitForText(predicate, ms = 15000, what = "le texte attendu") {
    const end = Date.now() + ms;
    let text = "";
    while (Date.now() < end) {
      text = await this.bodyText();
      if (predicate(text)) return text;
      await sleep(150);
    }
    throw new Error(`${what} n'est pas apparu ; page : ${text.slice(0, 2000)}`);
  }
  /** Waits until the page stops moving: its height unchanged for `quiet` ms. A screen whose
   *  panels load one after another shifts what is below them, and a click computed before a
   *  shift lands on something else (on a slow machine, a button far down the page). */
  async settle(ms = 15000, quiet = 600) {
    const end = Date.now() + ms;
    let last = -1;
    let since = Date.now();
    while (Date.now() < end) {
      const h = await this.js("document.body.scrollHeight");
      if (h !== last) {
        last = h;
        since = Date.now();
      } else if (Date.now() - since >= quiet) return;
      await sleep(100);
    }
    throw new Error(`la page n'a pas cessé de bouger en ${ms} ms`);
  }
  /** Clicks `css` once the page has settled, until `check()` holds: a click that a late
   *  layout shift sent elsewhere is made again (at most `tries` times). */
  async clickUntil(css, check, what, tries = 3, ms = 8000) {
    for (let i = 1; ; i++) {
      await this.settle();
      await this.click(css);
      try {
        return await this.until(check, ms, what);
      } catch (e) {
        if (i >= tries) throw new Error(`${e.message} ; page : ${(await this.bodyText()).slice(0, 3000)}`);
      }
    }
  }
  /** Picks an option of a native <select> by its value. */
  async select(css, value) {
    await this.click(`${css} option[value="${value}"]`);
  }
  /** Evaluates `return <expression>` in the page. */
  js(expression) {
    return this.cmd("POST", "/execute/sync", { script: `return ${expression}`, args: [] });
  }
  /** Polls `check()` until it returns a truthy value, up to `ms`. */
  async until(check, ms = 10000, what = "la condition attendue") {
    const end = Date.now() + ms;
    let last;
    while (Date.now() < end) {
      try {
        last = await check();
      } catch (e) {
        // The page re-rendered between finding an element and reading it: look again.
        if (!/stale element/.test(String(e))) throw e;
        last = undefined;
      }
      if (last) return last;
      await sleep(100);
    }
    throw new Error(`${what} n'est pas survenu (dernière valeur : ${JSON.stringify(last)})`);
  }
  async screenshot(file) {
    const png = await this.cmd("GET", "/screenshot");
    mkdirSync(resolve(file, ".."), { recursive: true });
    writeFileSync(file, Buffer.from(png, "base64"));
  }
}

/** Fills the signatory form: native selects by value, text inputs by typing. */
export async function fillSignatory(s, fields) {
  for (const [key, value] of Object.entries(fields)) {
    if (["civility", "discipline", "status", "cycle", "managing_body"].includes(key)) {
      await s.select(`[data-testid="field-${key}"]`, value);
    } else {
      await s.clear(`[data-testid="field-${key}"]`);
      await s.type(`[data-testid="field-${key}"]`, value);
    }
  }
}
