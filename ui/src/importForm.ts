// Pure logic of the "Importer un tableur" screen (no React), unit-tested in importForm.test.ts.
// The reading of the file, the mapping proposal and every check are the Rust core's: this
// file only shapes what the core says for display.
import type {
  ColumnChoice, ColumnView, FieldOption, ImportPreview, ImportProgress, RowAction, RowProblem,
} from "./bindings";
import { countLabel, formatCount } from "./format";

/** Rows shown per page of the preview table. */
export const IMPORT_PAGE_SIZE = 50;

/** The outcomes of a row, in the order of the counts. */
export const ROW_ACTIONS: readonly RowAction[] = ["create", "update", "unchanged", "rejected", "skipped"];

export const ACTION_LABELS: Record<RowAction, string> = {
  create: "Création",
  update: "Mise à jour",
  unchanged: "Inchangé",
  rejected: "Refusée",
  skipped: "Ignorée",
};

export const ACTION_COLORS: Record<RowAction, string> = {
  create: "green",
  update: "bleuFrance",
  unchanged: "gray",
  rejected: "red",
  skipped: "dark",
};

/** "Colonne T (« Date signature CESP ») — Date de signature « 31/02/2019 » : Attendu : …". */
export function problemText(p: RowProblem): string {
  const where = p.column_letter
    ? `Colonne ${p.column_letter}${p.column_header ? ` (« ${p.column_header} »)` : ""} — `
    : "";
  const value = p.value.trim() ? ` « ${p.value} »` : "";
  return `${where}${p.field_label}${value} : ${p.message}`;
}

/** The whole column list sent to the core, with one column's field changed (null = ignored). */
export function withChoice(
  current: readonly ColumnChoice[] | null,
  columns: readonly ColumnView[],
  column: number,
  field: string | null,
): ColumnChoice[] {
  const base = current ?? columns.map((c) => ({ column: c.column, field: c.field }));
  return base.map((c) => (c.column === column ? { column: c.column, field } : { ...c }));
}

/** The field chosen for a column: the user's choice when there is one, else the core's. */
export function fieldOf(current: readonly ColumnChoice[] | null, col: ColumnView): string | null {
  if (current) return current.find((c) => c.column === col.column)?.field ?? null;
  return col.field;
}

/** Options of a column's list: "— Ignorer —" then every field, the required ones marked. */
export function fieldOptions(fields: readonly FieldOption[]): { value: string; label: string }[] {
  return [
    { value: "", label: "— Ignorer —" },
    ...fields.map((f) => ({ value: f.key, label: f.required ? `${f.label} (obligatoire)` : f.label })),
  ];
}

/** Rows the import would write. */
export function toWrite(p: ImportPreview): number {
  return p.created + p.updated;
}

/** "Importer 22 lignes", "Importer 1 ligne". */
export function runLabel(n: number): string {
  return `Importer ${countLabel(n, "ligne", "lignes")}`;
}

/** "22 dossiers créés, 0 mis à jour" (+ the rejected rows left aside, if any). */
export function importDoneText(p: ImportPreview): string {
  const base = `${countLabel(p.created, "dossier créé", "dossiers créés")}, ${formatCount(p.updated)} mis à jour`;
  return p.rejected > 0
    ? `${base} ; ${countLabel(p.rejected, "ligne refusée laissée", "lignes refusées laissées")} de côté`
    : base;
}

/** What the bar of a running import says: the file being read, then the rows checked, then written. */
export function progressText(p: ImportProgress | null): string {
  if (!p) return "Lecture du fichier…";
  const counts = `${formatCount(p.done)} / ${formatCount(p.total)}`;
  return p.stage === "verification" ? `Vérification des lignes : ${counts}` : `Enregistrement des dossiers : ${counts}`;
}

/** The bar's value in percent: checking is the first half, writing the second. */
export function progressValue(p: ImportProgress | null): number {
  if (!p || p.total === 0) return 0;
  const half = (50 * p.done) / p.total;
  return p.stage === "verification" ? half : 50 + half;
}

/** Why nothing was written when rows are rejected and the user did not choose to skip them. */
export function blockedText(rejected: number): string {
  return (
    `Rien n'a été importé : ${countLabel(rejected, "ligne refusée", "lignes refusées")}. ` +
    "Corrigez le tableur puis relisez-le, ou cochez « Importer les lignes valides même si d'autres sont refusées »."
  );
}

/** Default name of the CSV report: "registre 2024.xlsx" → "registre 2024 - compte rendu d'import.csv". */
export function reportFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, "").trim() || "import";
  return `${stem} - compte rendu d'import.csv`;
}

/** "columns.3" → 3; anything else → null. */
export function columnOfError(field: string): number | null {
  const m = /^columns\.(\d+)$/.exec(field);
  return m ? Number(m[1]) : null;
}
