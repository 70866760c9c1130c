// The native "Enregistrer sous", "Ouvrir" and "Choisir un dossier" dialogs, with the options
// of @tauri-apps/plugin-dialog, but shown by the Rust side (command choose_path): the window
// can only read or write the paths the user chose there, never one a script would name.
import { commands } from "./bindings";
import { errorMessage } from "./api";

type Filter = { name: string; extensions: string[] };

function firstFilter(filters: Filter[] | undefined): Filter {
  return filters?.[0] ?? { name: "Tous les fichiers", extensions: ["*"] };
}

async function ask(request: Parameters<typeof commands.choosePath>[0]): Promise<string | null> {
  const res = await commands.choosePath(request);
  if (res.status === "ok") return res.data;
  throw new Error(errorMessage(res.error));
}

/** "Enregistrer sous": the path chosen, or null if cancelled. */
export async function save(o: { title?: string; defaultPath?: string; filters?: Filter[] }): Promise<string | null> {
  return ask({
    kind: "save",
    title: o.title ?? "Enregistrer sous",
    default_name: o.defaultPath ?? "",
    filter: firstFilter(o.filters),
  });
}

/** "Ouvrir" a file, or "Choisir un dossier" with `directory`: the path chosen, or null. */
export async function open(o: { title?: string; directory?: boolean; multiple?: boolean; filters?: Filter[] }): Promise<string | null> {
  if (o.directory) return ask({ kind: "folder", title: o.title ?? "Choisir un dossier" });
  return ask({ kind: "open", title: o.title ?? "Ouvrir", filter: firstFilter(o.filters) });
}
