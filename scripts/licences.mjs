#!/usr/bin/env node
// Writes assets/licences.json: the libraries shipped in the application (the Rust crates
// linked into suivi-cesp and cesp, the npm packages bundled into ui/dist) with their version
// and licence, for the "À propos" screen. scripts/test regenerates it and fails when the
// committed file has drifted (a dependency added or updated without it).
//
// Usage: node scripts/licences.mjs [OUT]   (default: assets/licences.json)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");

function rust() {
  // The host's platform only: the crates of other platforms are not downloaded by a build
  // here (nor shipped), and --offline must not need them.
  const host = execFileSync("rustc", ["-vV"]).toString().match(/^host: (.+)$/m)?.[1] ?? "x86_64-unknown-linux-gnu";
  const metadata = (offline) =>
    execFileSync(
      "cargo",
      ["metadata", "--format-version", "1", "--locked", "--filter-platform", host, ...(offline ? ["--offline"] : [])],
      { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] },
    ).toString();
  // Offline when the builds fetched everything (the usual case), else from crates.io.
  let text;
  try {
    text = metadata(true);
  } catch {
    text = metadata(false);
  }
  const meta = JSON.parse(text);
  const packages = new Map(meta.packages.map((p) => [p.id, p]));
  const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
  const roots = meta.packages.filter((p) => (p.name === "suivi-cesp" || p.name === "cesp") && p.source === null).map((p) => p.id);
  // What is linked into the binaries built here (Linux): normal dependencies, not those of
  // the build scripts or the tests, nor those of other platforms.
  const otherPlatform = (t) => t !== null && /windows|macos|ios|android|wasm/.test(t);
  const seen = new Set();
  const todo = [...roots];
  while (todo.length) {
    const id = todo.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dep of nodes.get(id).deps) {
      if (dep.dep_kinds.some((k) => k.kind === null && !otherPlatform(k.target))) todo.push(dep.pkg);
    }
  }
  return [...seen]
    .map((id) => packages.get(id))
    .filter((p) => p.source !== null)
    .map((p) => ({ name: p.name, version: p.version, licence: p.license ?? "voir le paquet" }));
}

function npm() {
  const tree = JSON.parse(
    execFileSync("npm", ["ls", "--omit=dev", "--all", "--json"], { cwd: join(ROOT, "ui"), maxBuffer: 64 * 1024 * 1024 }).toString(),
  );
  const found = new Map();
  const walk = (deps) => {
    for (const [name, d] of Object.entries(deps ?? {})) {
      const key = `${name}@${d.version}`;
      if (found.has(key)) continue;
      const pkg = join(ROOT, "ui", "node_modules", name, "package.json");
      let licence = "voir le paquet";
      if (existsSync(pkg)) {
        const lic = JSON.parse(readFileSync(pkg, "utf8")).license;
        licence = typeof lic === "string" ? lic : (lic?.type ?? licence);
      }
      found.set(key, { name, version: d.version ?? "", licence });
      walk(d.dependencies);
    }
  };
  walk(tree.dependencies);
  return [...found.values()];
}

const byName = (a, b) => (a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1);
const out = process.argv[2] ?? join(ROOT, "assets", "licences.json");
writeFileSync(out, JSON.stringify({ rust: rust().sort(byName), npm: npm().sort(byName) }, null, 1) + "\n");
