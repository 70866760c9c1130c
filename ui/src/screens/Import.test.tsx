import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { open, save } from "../dialog";
import { commands, type ImportPreview, type ImportProgress, type RowPreview } from "../bindings";
import { renderWithProviders } from "../test/render";
import { Import, initialImportState, type ImportState } from "./Import";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    importPreview: vi.fn(),
    importRun: vi.fn(),
    cancelImport: vi.fn(),
    saveImportMapping: vi.fn(),
    saveImportReport: vi.fn(),
  },
}));
vi.mock("../dialog", () => ({ save: vi.fn(), open: vi.fn() }));
// A fake Channel: the test plays the core and sends the progress messages itself.
const channels = vi.hoisted(() => [] as { onmessage: (m: ImportProgress) => void }[]);
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (m: ImportProgress) => void = () => {};
    constructor() {
      channels.push(this);
    }
  },
}));
const mocked = vi.mocked(commands);

const PATH = "/home/referent/Documents/registre CESP 2024.xlsx";

const row = (row_number: number, name: string, extra: Partial<RowPreview> = {}): RowPreview => ({
  row_number, action: "create", signatory_id: null, name, problems: [], changes: [], note: "", set_aside: [], to_complete: [], readings: [], ...extra,
});

const rows: RowPreview[] = [
  row(4, "LEFÈVRE Hélène", {
    set_aside: [
      {
        column_letter: "F", column: 5, column_header: "Né(e) le", field_label: "Date de naissance", value: "31/04/1998",
        message: "Attendu : une date qui existe.",
      },
    ],
    to_complete: ["civilité", "date de naissance"],
  }),
  row(5, "MARTIN Léa", { action: "update", signatory_id: 12, changes: ["Courriel", "Statut"] }),
  row(6, "DUBOIS Hugo", {
    action: "rejected",
    problems: [
      {
        column_letter: "T", column: 19, column_header: "Date signature CESP", field_label: "Date de signature",
        value: "31/02/2019", message: "Attendu : une date jj/mm/aaaa qui existe.",
      },
    ],
  }),
  row(7, "MARTIN Léa", { action: "unchanged", signatory_id: 12, note: "Identique à la ligne 5 : ignorée." }),
  // 60 more creations, to need a second page.
  ...Array.from({ length: 60 }, (_, i) => row(8 + i, `EXEMPLE Personne ${i + 1}`)),
  row(70, "", { action: "skipped", note: "Pas une ligne de signataire : ligne de total (« TOTAL »)." }),
];

const preview = (extra: Partial<ImportPreview> = {}): ImportPreview => ({
  file_name: "registre CESP 2024.xlsx",
  sheet_name: "Signataires",
  sheets: [{ name: "Signataires", filled_rows: 65, hidden: false }],
  header_row: 3,
  columns: [
    {
      column: 0, letter: "A", header: "NOM", field: "last_name", samples: ["Lefèvre", "Martin", "Dubois"],
      read_as: ["", "", ""], recognised_by_values: false,
    },
    {
      column: 1, letter: "B", header: "Prénom", field: "first_names", samples: ["Hélène", "Léa"], read_as: ["", ""],
      recognised_by_values: false,
    },
    { column: 2, letter: "C", header: "Observations", field: null, samples: [], read_as: [], recognised_by_values: false },
    {
      column: 3, letter: "D", header: "Info 2", field: "study_year", samples: ["DFASM2", "Interne"],
      read_as: ["2e cycle, 2e année", "3e cycle"], recognised_by_values: true,
    },
  ],
  fields: [
    { key: "civility", label: "Civilité", required: false },
    { key: "discipline", label: "Discipline", required: true },
    { key: "last_name", label: "Nom", required: true },
    { key: "first_names", label: "Prénoms", required: true },
    { key: "notes", label: "Notes", required: false },
  ],
  rows,
  created: 61,
  updated: 1,
  unchanged: 1,
  rejected: 1,
  skipped: 1,
  warnings: [],
  missing_required: ["Discipline"],
  saved_mapping_used: false,
  imported: false,
  ...extra,
});

function Harness({ onOpen = vi.fn() }: { onOpen?: (id: number) => void }) {
  const [state, setState] = useState<ImportState>(initialImportState);
  return <Import state={state} onStateChange={setState} onOpen={onOpen} />;
}

async function readFile(user: ReturnType<typeof userEvent.setup>) {
  vi.mocked(open).mockResolvedValue(PATH);
  await user.click(screen.getByTestId("import-browse"));
  await screen.findAllByTestId("import-row");
}

describe("Import", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.importPreview.mockResolvedValue({ status: "ok", data: preview() });
  });

  it("reads the typed path with the proposed mapping and shows the counts, the mapping and the rows", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    renderWithProviders(<Harness onOpen={onOpen} />);
    expect(screen.queryByTestId("import-run")).not.toBeInTheDocument();
    await readFile(user);

    expect(mocked.importPreview).toHaveBeenCalledTimes(1);
    expect(mocked.importPreview).toHaveBeenCalledWith({ path: PATH, columns: null, skip_rejected: false });
    expect(screen.getByTestId("import-count-create")).toHaveTextContent("Créations : 61");
    expect(screen.getByTestId("import-count-update")).toHaveTextContent("Mises à jour : 1");
    expect(screen.getByTestId("import-count-unchanged")).toHaveTextContent("Inchangées : 1");
    expect(screen.getByTestId("import-count-rejected")).toHaveTextContent("Refusées : 1");
    expect(screen.getByTestId("import-count-skipped")).toHaveTextContent("Ignorées (pas des signataires) : 1");
    expect(screen.getByTestId("import-header-row")).toHaveTextContent("en-têtes lus à la ligne 3");
    expect(screen.queryByTestId("import-saved-mapping")).not.toBeInTheDocument();

    // The mapping: the core's proposal, required fields marked, an ignored column.
    expect(screen.getByTestId("import-col-0")).toHaveValue("last_name");
    expect(screen.getByTestId("import-col-2")).toHaveValue("");
    expect(within(screen.getByTestId("import-col-0")).getByRole("option", { name: "Discipline (obligatoire)" })).toBeInTheDocument();
    expect(within(screen.getByTestId("import-col-0")).getByRole("option", { name: "— Ignorer —" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Champ renseigné par la colonne A (« NOM »)" })).toBeInTheDocument();
    expect(screen.getByTestId("import-missing-required")).toHaveTextContent("Discipline");
    // How the samples are read, and a column recognised by its values.
    const year = screen.getAllByTestId("import-column")[3]!;
    expect(within(year).getAllByTestId("import-sample")[0]).toHaveTextContent("DFASM2 → 2e cycle, 2e année");
    expect(within(year).getByTestId("import-recognised")).toHaveTextContent("reconnue d'après ses valeurs");
    expect(within(screen.getAllByTestId("import-column")[0]!).getAllByTestId("import-sample")[0]).toHaveTextContent(
      /^Lefèvre$/,
    );

    // 64 rows, 50 a page.
    const lines = screen.getAllByTestId("import-row");
    expect(lines).toHaveLength(50);
    expect(lines[0]).toHaveAttribute("data-row", "4");
    expect(lines[0]).toHaveAttribute("data-action", "create");
    expect(lines[0]).toHaveTextContent("LEFÈVRE Hélène");
    expect(lines[0]).toHaveTextContent("Création");
    expect(lines[1]).toHaveTextContent("Mise à jour");
    expect(within(lines[1]!).getByTestId("import-changes")).toHaveTextContent("Modifié : Courriel, Statut");
    expect(within(lines[3]!).getByTestId("import-note")).toHaveTextContent("Identique à la ligne 5 : ignorée.");
    await user.click(within(lines[1]!).getByTestId("import-open"));
    expect(onOpen).toHaveBeenCalledWith(12);

    await user.click(screen.getByRole("button", { name: "Page 2" }));
    expect(screen.getAllByTestId("import-row")).toHaveLength(15);

    // The run button counts what would be written.
    expect(screen.getByTestId("import-run")).toHaveTextContent("Importer 62 lignes");
    expect(screen.getByTestId("import-run")).toBeEnabled();
    expect(screen.getByTestId("import-skip-rejected")).not.toBeChecked();
  });

  it("shows a refused row's problem with its row number and column, and filters by result", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await readFile(user);

    await user.click(screen.getByTestId("import-count-rejected"));
    expect(screen.getByTestId("import-count-rejected")).toHaveAttribute("aria-pressed", "true");
    const lines = screen.getAllByTestId("import-row");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveAttribute("data-row", "6");
    expect(lines[0]).toHaveAttribute("data-action", "rejected");
    expect(lines[0]).toHaveTextContent(/^6/);
    expect(lines[0]).toHaveTextContent("Refusée");
    expect(within(lines[0]!).getByTestId("import-problem")).toHaveTextContent(
      "Colonne T (« Date signature CESP ») — Date de signature « 31/02/2019 » : Attendu : une date jj/mm/aaaa qui existe.",
    );

    await user.click(screen.getByTestId("import-count-all"));
    expect(screen.getAllByTestId("import-row")).toHaveLength(50);
  });

  it("shows a kept row's cells set aside and what its file will lack", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await readFile(user);
    const line = screen.getAllByTestId("import-row")[0]!;
    expect(line).toHaveAttribute("data-action", "create");
    expect(within(line).getByTestId("import-set-aside")).toHaveTextContent(
      "Non repris (gardé dans les notes du dossier) — Colonne F (« Né(e) le ») — Date de naissance « 31/04/1998 » : Attendu : une date qui existe.",
    );
    expect(within(line).getByTestId("import-to-complete")).toHaveTextContent("À compléter : civilité, date de naissance");
  });

  it("reads a refused cell typed again in the grid, then lets the correction go, and leaves a row out", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await readFile(user);
    await user.click(screen.getByTestId("import-count-rejected"));
    const line = screen.getAllByTestId("import-row")[0]!;
    const fix = within(line).getByTestId("import-fix");
    expect(fix).toHaveAttribute("data-cell", "T6");
    expect(fix).toHaveValue("31/02/2019");
    expect(within(line).getByLabelText("Corriger T6")).toBe(fix);

    // The core reads the plan again once typing stops, with the cell as typed.
    mocked.importPreview.mockResolvedValue({
      status: "ok",
      data: preview({
        rows: rows.map((r) => (r.row_number === 6 ? { ...r, action: "create", problems: [] } : r)),
        created: 62,
        rejected: 0,
      }),
    });
    await user.clear(fix);
    await user.type(fix, "28/02/2019");
    await waitFor(() =>
      expect(mocked.importPreview).toHaveBeenLastCalledWith(
        expect.objectContaining({ corrections: [{ row_number: 6, column: 19, value: "28/02/2019" }] }),
      ),
    );
    await waitFor(() => expect(screen.getByTestId("import-count-create")).toHaveTextContent("Créations : 62"));
    // Valid now, the row keeps its corrected cell, editable, and the file's value can come back.
    await user.click(screen.getByTestId("import-count-all"));
    const fixed = screen.getAllByTestId("import-row").find((r) => r.getAttribute("data-row") === "6")!;
    expect(within(fixed).getByTestId("import-fix")).toHaveValue("28/02/2019");
    const calls = mocked.importPreview.mock.calls.length;
    mocked.importPreview.mockResolvedValue({ status: "ok", data: preview() });
    await user.click(within(fixed).getByTestId("import-fix-undo"));
    await waitFor(() => expect(mocked.importPreview).toHaveBeenCalledTimes(calls + 1));
    expect(mocked.importPreview.mock.calls.at(-1)![0].corrections).toEqual([]);

    // A refused row left out of the import.
    await waitFor(() => expect(screen.getByTestId("import-count-rejected")).toHaveTextContent("Refusées : 1"));
    await user.click(screen.getByTestId("import-count-rejected"));
    await user.click(within(screen.getAllByTestId("import-row")[0]!).getByTestId("import-exclude"));
    await waitFor(() => expect(mocked.importPreview.mock.calls.at(-1)![0].excluded_rows).toEqual([6]));
  });

  it("re-reads the plan with the whole column list when a column's field changes", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await readFile(user);
    mocked.importPreview.mockResolvedValue({
      status: "ok",
      data: preview({
        columns: preview().columns.map((c) => (c.column === 2 ? { ...c, field: "notes" } : c)),
        warnings: ["Le champ « Notes » est donné par les colonnes C et D : seule la colonne C est lue."],
      }),
    });

    await user.selectOptions(screen.getByTestId("import-col-2"), "notes");
    await waitFor(() => expect(mocked.importPreview).toHaveBeenCalledTimes(2));
    expect(mocked.importPreview).toHaveBeenLastCalledWith({
      path: PATH,
      columns: [
        { column: 0, field: "last_name" },
        { column: 1, field: "first_names" },
        { column: 2, field: "notes" },
        { column: 3, field: "study_year" },
      ],
      skip_rejected: false,
      sheet: null,
      corrections: [],
      excluded_rows: [],
    });
    expect(await screen.findByTestId("import-warnings")).toHaveTextContent("seule la colonne C est lue");
    await expectAccessible();
    expect(screen.getByTestId("import-col-2")).toHaveValue("notes");

    // Ignoring a column sends null for it, the other choices kept.
    await user.selectOptions(screen.getByTestId("import-col-0"), "");
    await waitFor(() => expect(mocked.importPreview).toHaveBeenCalledTimes(3));
    expect(mocked.importPreview.mock.calls.at(-1)![0].columns).toEqual([
      { column: 0, field: null },
      { column: 1, field: "first_names" },
      { column: 2, field: "notes" },
      { column: 3, field: "study_year" },
    ]);

    // The mapping saved is the one shown.
    mocked.saveImportMapping.mockResolvedValue({ status: "ok", data: null });
    await user.click(screen.getByTestId("import-save-mapping"));
    await waitFor(() => expect(mocked.saveImportMapping).toHaveBeenCalledTimes(1));
    expect(mocked.saveImportMapping.mock.calls[0]![0].columns).toEqual([
      { column: 0, field: null },
      { column: 1, field: "first_names" },
      { column: 2, field: "notes" },
      { column: 3, field: "study_year" },
    ]);
    expect(await screen.findByText(/Correspondance enregistrée/)).toBeInTheDocument();
  });

  it("shows the core's message next to a refused column choice", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await readFile(user);
    mocked.importPreview.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "columns.1", message: "Champ inconnu « prenom »." }] },
    });
    await user.selectOptions(screen.getByTestId("import-col-1"), "civility");
    const alert = await screen.findByTestId("import-error");
    expect(alert).toHaveAttribute("role", "alert");
    expect(alert).toHaveTextContent("Colonne B (« Prénom ») : Champ inconnu « prenom ».");
    expect(screen.getByTestId("import-col-1")).toHaveAttribute("aria-invalid", "true");
  });

  it("offers the workbook's other sheets and reads the one chosen, its mapping started again", async () => {
    const user = userEvent.setup();
    const sheets = [
      { name: "Signataires", filled_rows: 65, hidden: false },
      { name: "Notes", filled_rows: 1, hidden: false },
    ];
    mocked.importPreview.mockResolvedValue({ status: "ok", data: preview({ sheets }) });
    renderWithProviders(<Harness />);
    await readFile(user);
    const select = screen.getByTestId("import-sheet");
    expect(select).toHaveValue("Signataires (65 lignes)");
    mocked.importPreview.mockResolvedValue({ status: "ok", data: preview({ sheets, sheet_name: "Notes" }) });
    await user.click(select);
    await user.click(await screen.findByRole("option", { name: "Notes (1 ligne)", hidden: true }));
    await waitFor(() =>
      expect(mocked.importPreview).toHaveBeenLastCalledWith({
        path: PATH, columns: null, skip_rejected: false, sheet: "Notes", corrections: [], excluded_rows: [],
      }),
    );
    expect(await screen.findByTestId("import-header-row")).toHaveTextContent("feuille « Notes »");
  });

  it("shows no sheet choice for a single sheet", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await readFile(user);
    expect(screen.queryByTestId("import-sheet")).not.toBeInTheDocument();
  });

  it("says the saved mapping was used", async () => {
    const user = userEvent.setup();
    mocked.importPreview.mockResolvedValue({ status: "ok", data: preview({ saved_mapping_used: true }) });
    renderWithProviders(<Harness />);
    await readFile(user);
    expect(screen.getByTestId("import-saved-mapping")).toHaveTextContent("Modèle enregistré utilisé");
  });

  it("says nothing was imported when rows are refused and the box is not ticked", async () => {
    const user = userEvent.setup();
    mocked.importRun.mockResolvedValue({ status: "ok", data: preview({ imported: false }) });
    renderWithProviders(<Harness />);
    await readFile(user);

    await user.click(screen.getByTestId("import-run"));
    const blocked = await screen.findByTestId("import-blocked");
    expect(mocked.importRun).toHaveBeenCalledWith({ path: PATH, columns: null, skip_rejected: false, sheet: null, corrections: [], excluded_rows: [] },
      expect.anything(),
    );
    expect(blocked).toHaveAttribute("role", "alert");
    expect(blocked).toHaveTextContent("Rien n'a été importé : 1 ligne refusée.");
    expect(blocked).toHaveTextContent("Corrigez le tableur");
    expect(screen.queryByTestId("import-done")).not.toBeInTheDocument();

    // Ticking the box makes the message obsolete.
    await user.click(screen.getByTestId("import-skip-rejected"));
    expect(screen.queryByTestId("import-blocked")).not.toBeInTheDocument();
  });

  it("imports the valid rows when asked to leave the refused ones aside, then shows the result", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const done = preview({
      imported: true,
      created: 22,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      rows: [
        row(4, "LEFÈVRE Hélène", { signatory_id: 301 }),
        row(6, "DUBOIS Hugo", { action: "rejected", problems: rows[2]!.problems }),
      ],
    });
    mocked.importRun.mockResolvedValue({ status: "ok", data: done });
    renderWithProviders(<Harness onOpen={onOpen} />);
    await readFile(user);

    await user.click(screen.getByTestId("import-skip-rejected"));
    await user.click(screen.getByTestId("import-run"));
    await waitFor(() => expect(mocked.importRun).toHaveBeenCalledTimes(1));
    expect(mocked.importRun).toHaveBeenCalledWith({ path: PATH, columns: null, skip_rejected: true, sheet: null, corrections: [], excluded_rows: [] },
      expect.anything(),
    );

    expect(await screen.findByText("Import terminé : 22 dossiers créés, 0 mis à jour ; 1 ligne refusée laissée de côté."))
      .toBeInTheDocument();
    expect(screen.getByTestId("import-done")).toHaveTextContent("22 dossiers créés, 0 mis à jour");
    expect(screen.queryByTestId("import-blocked")).not.toBeInTheDocument();
    // The table is the one returned by the import, with the new files.
    const lines = screen.getAllByTestId("import-row");
    expect(lines).toHaveLength(2);
    await user.click(within(lines[0]!).getByTestId("import-open"));
    expect(onOpen).toHaveBeenCalledWith(301);
    // Importing twice is not offered.
    expect(screen.queryByTestId("import-run")).not.toBeInTheDocument();
  });

  it("shows the core's message as is when the file cannot be read", async () => {
    const user = userEvent.setup();
    const message =
      "Le fichier « registre.xlsx » est endommagé ou n'est pas un classeur Excel : ouvrez-le dans votre tableur, enregistrez-le à nouveau puis recommencez.";
    mocked.importPreview.mockResolvedValue({ status: "error", error: { kind: "failure", message } });
    renderWithProviders(<Harness />);
    vi.mocked(open).mockResolvedValue("/tmp/registre.xlsx");
    await user.click(screen.getByTestId("import-browse"));

    const alert = await screen.findByTestId("import-error");
    expect(alert).toHaveAttribute("role", "alert");
    expect(alert).toHaveTextContent("Le fichier n'a pas pu être lu");
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveFocus();
    expect(screen.queryByTestId("import-row")).not.toBeInTheDocument();
    expect(screen.queryByTestId("import-run")).not.toBeInTheDocument();
  });

  it("asks for a file when the path is empty, next to the field", async () => {
    const user = userEvent.setup();
    mocked.importPreview.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "path", message: "Choisissez le fichier à importer." }] },
    });
    renderWithProviders(<Harness />);
    await user.click(screen.getByTestId("import-read"));
    expect(await screen.findByTestId("import-error")).toHaveTextContent("Fichier : Choisissez le fichier à importer.");
    expect(screen.getByTestId("import-path")).toHaveAttribute("aria-invalid", "true");
    expect(mocked.importPreview).toHaveBeenCalledWith({ path: "", columns: null, skip_rejected: false });
  });

  it("reads only a file chosen in the dialog: the path cannot be typed", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(screen.getByTestId("import-path"), "/etc/passwd");
    expect(screen.getByTestId("import-path")).toHaveValue("");
  });

  it("reads the file chosen in the open dialog", async () => {
    const user = userEvent.setup();
    vi.mocked(open).mockResolvedValue(PATH);
    renderWithProviders(<Harness />);
    await user.click(screen.getByTestId("import-browse"));
    await screen.findAllByTestId("import-row");
    expect(open).toHaveBeenCalledWith(
      expect.objectContaining({
        multiple: false,
        filters: [{ name: "Tableurs", extensions: ["xlsx", "xls", "ods", "csv", "txt"] }],
      }),
    );
    expect(mocked.importPreview).toHaveBeenCalledWith({ path: PATH, columns: null, skip_rejected: false });
    expect(screen.getByTestId("import-path")).toHaveValue(PATH);
  });

  it("saves the CSV report of what is shown where the user chose", async () => {
    const user = userEvent.setup();
    vi.mocked(save).mockResolvedValue("/home/referent/compte rendu.csv");
    mocked.saveImportReport.mockResolvedValue({ status: "ok", data: "/home/referent/compte rendu.csv" });
    renderWithProviders(<Harness />);
    await readFile(user);
    await user.click(screen.getByTestId("import-report"));
    await waitFor(() => expect(mocked.saveImportReport).toHaveBeenCalledTimes(1));
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultPath: "registre CESP 2024 - compte rendu d'import.csv",
        filters: [{ name: "Fichier CSV", extensions: ["csv"] }],
      }),
    );
    const [shown, target] = mocked.saveImportReport.mock.calls[0]! as [ImportPreview, string];
    expect(shown.file_name).toBe("registre CESP 2024.xlsx");
    expect(shown.rows.length).toBeGreaterThan(0);
    expect(target).toBe("/home/referent/compte rendu.csv");
    expect(await screen.findByText("Compte rendu enregistré")).toBeInTheDocument();
    expect(screen.getByText("/home/referent/compte rendu.csv")).toBeInTheDocument();
  });

  it("shows the import's progress and cancels it: nothing written, said without an error", async () => {
    const user = userEvent.setup();
    let finish: (v: Awaited<ReturnType<typeof commands.importRun>>) => void = () => {};
    mocked.importRun.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    mocked.cancelImport.mockResolvedValue({ status: "ok", data: null });
    renderWithProviders(<Harness />);
    await readFile(user);
    await user.click(screen.getByTestId("import-skip-rejected"));
    await user.click(screen.getByTestId("import-run"));

    const bar = await screen.findByTestId("import-progress");
    expect(bar).toHaveTextContent("Lecture du fichier…");
    const channel = channels[channels.length - 1]!;
    act(() => channel.onmessage({ stage: "verification", done: 32, total: 64 }));
    expect(bar).toHaveTextContent("Vérification des lignes : 32 / 64");
    expect(within(bar).getByRole("progressbar", { name: "Avancement de l'import" })).toHaveAttribute("aria-valuenow", "25");
    act(() => channel.onmessage({ stage: "ecriture", done: 1200, total: 2400 }));
    // (toHaveTextContent folds the narrow no-break spaces into plain ones.)
    expect(bar).toHaveTextContent("Enregistrement des dossiers : 1 200 / 2 400");
    await expectAccessible(bar);

    await user.click(screen.getByTestId("import-cancel"));
    expect(mocked.cancelImport).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("import-cancel")).toHaveTextContent("Annulation…");
    act(() =>
      finish({
        status: "error",
        error: { kind: "failure", message: "Import annulé : rien n'a été enregistré, la base est inchangée." },
      }),
    );
    expect(await screen.findByText("Import annulé : rien n'a été enregistré, la base est inchangée.")).toBeInTheDocument();
    expect(screen.queryByTestId("import-error")).not.toBeInTheDocument();
    expect(screen.queryByTestId("import-progress")).not.toBeInTheDocument();
    expect(screen.getByTestId("import-run")).toBeEnabled();
  });

  it("offers no import when no row would be created or updated", async () => {
    const user = userEvent.setup();
    mocked.importPreview.mockResolvedValue({
      status: "ok",
      data: preview({ created: 0, updated: 0, unchanged: 0, rejected: 1, rows: [rows[2]!] }),
    });
    renderWithProviders(<Harness />);
    await readFile(user);
    expect(screen.getByTestId("import-run")).toBeDisabled();
    expect(screen.getByTestId("import-run")).toHaveTextContent("Importer 0 ligne");
  });
});
