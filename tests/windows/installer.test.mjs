// The Windows installer (src-tauri/windows/installateur.nsi), built by scripts/test with
// Debian's makensis, run under Wine as an IT department would deploy it: silently, per
// machine. Checked: the files, the shortcuts, the entry in "Applications installées", the
// installed command line writing the register to the user's own data folder, then the
// uninstaller removing everything but that register.
//
// The window itself (WebView2) cannot run under Wine: only its files are checked here.
//
// Run by scripts/test with CESP_WINDOWS_INSTALLER=<setup.exe> and WINEPREFIX set.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;
const version = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
const installer = process.env.CESP_WINDOWS_INSTALLER;
const prefix = process.env.WINEPREFIX;
const env = { ...process.env, WINEDEBUG: "-all", DISPLAY: "" };

const driveC = (...parts) => join(prefix, "drive_c", ...parts);
const programDir = driveC("Program Files", "Suivi CESP");
const key = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\SuiviCESP";

function wine(args, options = {}) {
  let out;
  try {
    out = execFileSync("wine", args, { env, encoding: "utf8", timeout: 180000, ...options });
  } catch (e) {
    // Wine 8 now and then fails to start a program at all ("Internal error", os error 1359;
    // seen once in ten runs of this suite, never on Windows): one more try, after the
    // wineserver has settled, tells that apart from a real failure, which fails again.
    process.stderr.write(`wine ${args.join(" ")} : premier essai en échec (${e.status}) : ${e.stderr ?? ""}\n`);
    execFileSync("wineserver", ["-w"], { env, timeout: 180000 });
    out = execFileSync("wine", args, { env, encoding: "utf8", timeout: 180000, ...options });
  }
  // The programs Wine started in the background (the uninstaller's copy of itself) end first.
  execFileSync("wineserver", ["-w"], { env, timeout: 180000 });
  return out;
}

function registry(value) {
  try {
    // /reg:64: `wine reg` is the 32-bit reg.exe, which would read the WOW6432Node view.
    // Without the second try of `wine`: before installation the key is missing on purpose.
    return execFileSync("wine", ["reg", "query", key, "/v", value, "/reg:64"], {
      env,
      encoding: "utf8",
      timeout: 180000,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
}

/// The UTF-16LE bytes of `text`, as Windows stores strings in resources and shortcuts.
const utf16 = (text) => Buffer.from(text, "utf16le");

function userDataDir() {
  const users = driveC("users");
  const user = readdirSync(users).find((u) => u !== "Public");
  return join(users, user, "AppData", "Local", "suivi-cesp");
}

test("installateur Windows : installation silencieuse, ligne de commande installée, désinstallation qui garde les registres", () => {
  assert.ok(installer && existsSync(installer), `CESP_WINDOWS_INSTALLER=${installer} must name the built setup.exe`);
  assert.ok(prefix && existsSync(join(prefix, "drive_c")), `WINEPREFIX=${prefix} must be a Wine prefix`);
  const setup = readFileSync(installer);
  // The version resource of the installer itself: French (040C, Unicode), with our version.
  assert.ok(setup.includes(utf16("040c04b0")), "the version information is in French (040C)");
  assert.ok(setup.includes(utf16("Installation de Suivi CESP")));
  assert.ok(setup.includes(utf16(version)), `version ${version} in the installer's resource`);

  const data = userDataDir();
  rmSync(data, { recursive: true, force: true });
  try {
    wine([installer, "/S"]);
    for (const f of ["suivi-cesp.exe", "cesp.exe", "WebView2Loader.dll", "uninstall.exe"]) {
      assert.ok(existsSync(join(programDir, f)), `${f} installed in Program Files`);
    }
    // Shortcuts for every account: the Start menu and the public desktop, to the window.
    const menu = driveC("ProgramData", "Microsoft", "Windows", "Start Menu", "Programs", "Suivi CESP.lnk");
    const desktop = driveC("users", "Public", "Desktop", "Suivi CESP.lnk");
    for (const lnk of [menu, desktop]) {
      assert.ok(existsSync(lnk), `shortcut ${lnk}`);
      const bytes = readFileSync(lnk);
      assert.ok(
        bytes.includes(Buffer.from("suivi-cesp.exe")) || bytes.includes(utf16("suivi-cesp.exe")),
        `${lnk} points to suivi-cesp.exe`,
      );
    }
    // "Applications installées": name, version, silent removal.
    assert.match(registry("DisplayName") ?? "", /Suivi CESP/);
    assert.match(registry("DisplayVersion") ?? "", new RegExp(version.replaceAll(".", "\\.")));
    assert.match(registry("QuietUninstallString") ?? "", /uninstall\.exe" \/S/);

    // The installed command line: its register lands in the user's own data folder.
    const out = wine([join(programDir, "cesp.exe"), "init"]);
    assert.match(out, /suivi-cesp/);
    assert.ok(existsSync(join(data, "cesp.sqlite3")), `register created in ${data}`);
    assert.match(wine([join(programDir, "cesp.exe"), "--version"]), new RegExp(version.replaceAll(".", "\\.")));

    wine([join(programDir, "uninstall.exe"), "/S"]);
    assert.ok(!existsSync(programDir), "Program Files\\Suivi CESP removed");
    assert.ok(!existsSync(menu) && !existsSync(desktop), "shortcuts removed");
    assert.equal(registry("DisplayName"), null, "entry removed from the installed applications");
    assert.ok(existsSync(join(data, "cesp.sqlite3")), "the register is kept by the uninstaller");
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
