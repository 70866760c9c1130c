import { describe, expect, it } from "vitest";
import type { ColumnView, FieldOption, ImportPreview, RowProblem } from "./bindings";
import { NNBSP } from "./format";
import {
  blockedText, columnOfError, fieldOf, fieldOptions, importDoneText, problemText, progressText,
  progressValue, reportFileName, runLabel, withChoice,
} from "./importForm";

const problem = (extra: Partial<RowProblem> = {}): RowProblem => ({
  column_letter: "T", column: 19, column_header: "Date signature CESP", field_label: "Date de signature",
  value: "31/02/2019", message: "Attendu : une date jj/mm/aaaa qui existe.", ...extra,
});

const columns: ColumnView[] = [
  { column: 0, letter: "A", header: "NOM", field: "last_name", samples: [], read_as: [], recognised_by_values: false },
  { column: 1, letter: "B", header: "Prénom", field: null, samples: [], read_as: [], recognised_by_values: false },
];

const fields: FieldOption[] = [
  { key: "civility", label: "Civilité", required: true },
  { key: "last_name", label: "Nom", required: true },
  { key: "notes", label: "Notes", required: false },
];

const counts = (created: number, updated: number, rejected: number) =>
  ({ created, updated, rejected, unchanged: 0 }) as ImportPreview;

describe("importForm", () => {
  it("says where a running import is: reading, checking the rows, then writing them", () => {
    expect(progressText(null)).toBe("Lecture du fichier…");
    expect(progressValue(null)).toBe(0);
    expect(progressText({ stage: "verification", done: 2500, total: 10000 })).toBe(
      `Vérification des lignes : 2${NNBSP}500 / 10${NNBSP}000`,
    );
    expect(progressValue({ stage: "verification", done: 2500, total: 10000 })).toBe(12.5);
    expect(progressText({ stage: "ecriture", done: 3, total: 4 })).toBe("Enregistrement des dossiers : 3 / 4");
    expect(progressValue({ stage: "ecriture", done: 4, total: 4 })).toBe(100);
    expect(progressValue({ stage: "ecriture", done: 0, total: 0 })).toBe(0);
  });

  it("locates a problem as the user sees the sheet", () => {
    expect(problemText(problem())).toBe(
      "Colonne T (« Date signature CESP ») — Date de signature « 31/02/2019 » : Attendu : une date jj/mm/aaaa qui existe.",
    );
    // A field no column gives, an empty cell, a column without header.
    expect(problemText(problem({ column_letter: "", column_header: "", field_label: "Statut", value: "", message: "Aucune colonne." })))
      .toBe("Statut : Aucune colonne.");
    expect(problemText(problem({ column_header: "", value: " " }))).toBe(
      "Colonne T — Date de signature : Attendu : une date jj/mm/aaaa qui existe.",
    );
  });

  it("sends the whole column list with one choice changed", () => {
    expect(withChoice(null, columns, 1, "notes")).toEqual([
      { column: 0, field: "last_name" },
      { column: 1, field: "notes" },
    ]);
    const current = [{ column: 0, field: null }, { column: 1, field: "notes" }];
    expect(withChoice(current, columns, 1, null)).toEqual([{ column: 0, field: null }, { column: 1, field: null }]);
    expect(current[1]!.field).toBe("notes"); // not mutated
    expect(fieldOf(null, columns[0]!)).toBe("last_name");
    expect(fieldOf(current, columns[0]!)).toBeNull();
  });

  it("lists the fields with the required ones marked", () => {
    expect(fieldOptions(fields)).toEqual([
      { value: "", label: "— Ignorer —" },
      { value: "civility", label: "Civilité (obligatoire)" },
      { value: "last_name", label: "Nom (obligatoire)" },
      { value: "notes", label: "Notes" },
    ]);
  });

  it("phrases the counts in French", () => {
    expect(runLabel(1)).toBe("Importer 1 ligne");
    expect(runLabel(1200)).toBe(`Importer 1${NNBSP}200 lignes`);
    expect(importDoneText(counts(22, 0, 0))).toBe("22 dossiers créés, 0 mis à jour");
    expect(importDoneText(counts(1, 3, 2))).toBe("1 dossier créé, 3 mis à jour ; 2 lignes refusées laissées de côté");
    expect(blockedText(1)).toMatch(/^Rien n'a été importé : 1 ligne refusée\. Corrigez le tableur/);
    expect(blockedText(3)).toContain("3 lignes refusées");
  });

  it("names the report after the file, and reads column error keys", () => {
    expect(reportFileName("registre 2024.xlsx")).toBe("registre 2024 - compte rendu d'import.csv");
    expect(reportFileName("")).toBe("import - compte rendu d'import.csv");
    expect(columnOfError("columns.12")).toBe(12);
    expect(columnOfError("path")).toBeNull();
  });
});
