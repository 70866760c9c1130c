// Helpers around the generated `commands` (kept out of bindings.ts, which is regenerated).
import { notifications } from "@mantine/notifications";
import type { CommandError } from "./bindings";

/** What every generated command resolves to (the shape tauri-specta's runtime returns). */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** Red notification for a backend "failure" (its message is already French). */
export function notifyFailure(message: string): void {
  notifications.show({ color: "red", title: "Erreur", message, autoClose: 10000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: "green", message });
}

/** Text for an unexpected exception (bindings rethrow JS Errors, e.g. outside Tauri). */
export function exceptionMessage(e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `Erreur inattendue : ${detail}`;
}

/** French sentence for any command error, when it cannot be shown next to a field. */
export function errorMessage(error: CommandError): string {
  if (error.kind === "failure" || error.kind === "damaged") return error.message;
  return error.fields.map((f) => f.message).join(" ");
}

/**
 * Runs a command and returns its data, or null after showing a red notification
 * (for commands whose errors are not shown next to form fields).
 */
export async function callOrNotify<T>(run: () => Promise<Result<T, CommandError>>): Promise<T | null> {
  try {
    const res = await run();
    if (res.status === "ok") return res.data;
    notifyFailure(errorMessage(res.error));
  } catch (e) {
    notifyFailure(exceptionMessage(e));
  }
  return null;
}

/**
 * Asks the user where to save a PDF (native "Enregistrer sous" dialog). Returns the
 * chosen path, or null if the dialog was cancelled.
 */
export async function choosePdfPath(defaultName: string): Promise<string | null> {
  const { save } = await import("./dialog");
  const path = await save({
    title: "Enregistrer le PDF",
    defaultPath: defaultName,
    filters: [{ name: "Document PDF", extensions: ["pdf"] }],
  });
  return path ?? null;
}

/**
 * Asks the user for a folder (native "Choisir un dossier" dialog). Returns the chosen
 * path, or null if the dialog was cancelled.
 */
export async function chooseFolder(title = "Choisir un dossier"): Promise<string | null> {
  const { open } = await import("./dialog");
  const path = await open({ title, directory: true, multiple: false });
  return typeof path === "string" ? path : null;
}

/**
 * Asks the user for a spreadsheet to import (native "Ouvrir" dialog). Returns the chosen
 * path, or null if the dialog was cancelled.
 */
export async function chooseSpreadsheet(): Promise<string | null> {
  const { open } = await import("./dialog");
  const path = await open({
    title: "Choisir le tableur à importer",
    multiple: false,
    filters: [{ name: "Tableurs", extensions: ["xlsx", "xls", "ods", "csv", "txt"] }],
  });
  return typeof path === "string" ? path : null;
}

/**
 * Asks the user where to save an export (native "Enregistrer sous" dialog), in `format`
 * ("csv", "xlsx" or "json"). Returns the chosen path, or null if cancelled.
 */
export async function chooseExportPath(
  defaultName: string,
  format: "csv" | "xlsx" | "json" | "pdf",
): Promise<string | null> {
  const { save } = await import("./dialog");
  const names = { csv: "Fichier CSV", xlsx: "Classeur Excel", json: "Fichier JSON", pdf: "Document PDF" };
  const path = await save({
    title: "Enregistrer l'export",
    defaultPath: defaultName,
    filters: [{ name: names[format], extensions: [format] }],
  });
  return path ?? null;
}

/**
 * Asks the user where to save a CSV file (native "Enregistrer sous" dialog). Returns the
 * chosen path, or null if the dialog was cancelled.
 */
export async function chooseCsvPath(defaultName: string): Promise<string | null> {
  const { save } = await import("./dialog");
  const path = await save({
    title: "Enregistrer le compte rendu",
    defaultPath: defaultName,
    filters: [{ name: "Fichier CSV", extensions: ["csv"] }],
  });
  return path ?? null;
}
