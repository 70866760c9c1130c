// "Importer un tableur" (issue #7): a register kept by hand in a spreadsheet becomes files.
// Four steps on one page: choose the file, check which field each column feeds, look at
// what every row would do, then import. Nothing is written before the last step, and the
// core writes everything in one transaction (or nothing when rows are refused, unless the
// user chose to leave them aside).
import { useEffect, useId, useRef, useState, type Dispatch, type FormEvent, type ReactNode, type SetStateAction } from "react";
import {
  Alert, Badge, Button, Checkbox, Group, List, Loader, Paper, Progress, Select, Stack, Text, TextInput, Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Channel } from "@tauri-apps/api/core";
import {
  commands, type CellCorrection, type ColumnChoice, type CommandError, type ImportInput, type ImportPreview,
  type ImportProgress, type RowAction,
} from "../bindings";
import {
  chooseCsvPath, chooseSpreadsheet, errorMessage, exceptionMessage, notifyFailure, notifySuccess,
  type Result,
} from "../api";
import { fieldErrors } from "../signatoryForm";
import {
  blockedText, columnOfError, importDoneText, progressText, progressValue, reportFileName, runLabel, toWrite,
  withChoice,
} from "../importForm";
import { ImportMapping } from "./ImportMapping";
import { ImportRows } from "./ImportRows";
import { notifyWritten } from "../written";

/** What the import screen holds; lives in App so that it survives a visit to a file. */
export type ImportState = {
  /** The path as typed or chosen in the dialog. */
  pathText: string;
  /** The file of the preview shown (null before a file was read). */
  path: string | null;
  /** The user's mapping; null while the core's proposal (or the saved mapping) is used. */
  columns: ColumnChoice[] | null;
  /** The sheet chosen; null for the one the core proposes. */
  sheet: string | null;
  /** Cells typed again in the preview's grid (the file itself is never modified). */
  corrections: CellCorrection[];
  /** Rows left out of the import, by the number the spreadsheet shows. */
  excluded: number[];
  skipRejected: boolean;
  preview: ImportPreview | null;
  filter: RowAction | null;
  page: number; // 1-based
  /** The core answered "Importer" for this preview (imported, or refused because of rejected rows). */
  ran: boolean;
};

export const initialImportState: ImportState = {
  pathText: "",
  path: null,
  columns: null,
  sheet: null,
  corrections: [],
  excluded: [],
  skipRejected: false,
  preview: null,
  filter: null,
  page: 1,
  ran: false,
};

type Props = {
  state: ImportState;
  onStateChange: Dispatch<SetStateAction<ImportState>>;
  /** Opens a signatory's file from the result table. */
  onOpen?: (id: number) => void;
};

/** An error of the core (or an exception) shown in the red alert, with what was being done. */
type Problem = { title: string; lines: string[]; fields: Record<string, string> };

type Busy = "read" | "remap" | "run" | "mapping" | "report" | null;

export function Import({ state, onStateChange, onOpen }: Props) {
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The running import's progress (null until the core reports), and whether "Annuler" was pressed.
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const cancelRequested = useRef(false);
  // Only the answer to the latest preview request is shown (a slow old one never wins).
  const requestId = useRef(0);
  const errorRef = useRef<HTMLDivElement>(null);

  const update = (patch: Partial<ImportState>) => onStateChange((s) => ({ ...s, ...patch }));
  const { preview } = state;

  // The error alert takes the focus, so that keyboard and screen-reader users land on it.
  useEffect(() => {
    if (problem) errorRef.current?.focus();
  }, [problem]);

  /** Runs a command; on error, returns the problem to show (labelled for the user). */
  async function call<T>(
    run: () => Promise<Result<T, CommandError>>,
    title: string,
  ): Promise<{ ok: true; data: T } | { ok: false; problem: Problem }> {
    try {
      const res = await run();
      if (res.status === "ok") return { ok: true, data: res.data };
      const lines =
        res.error.kind === "validation"
          ? res.error.fields.map((f) => `${errorLabel(f.field)} : ${f.message}`)
          : [errorMessage(res.error)];
      return { ok: false, problem: { title, lines, fields: fieldErrors(res.error) } };
    } catch (e) {
      return { ok: false, problem: { title, lines: [exceptionMessage(e)], fields: {} } };
    }
  }

  function errorLabel(field: string): string {
    if (field === "path") return "Fichier";
    const column = columnOfError(field);
    if (column == null) return field;
    const view = preview?.columns.find((c) => c.column === column);
    return view ? `Colonne ${view.letter}${view.header.trim() ? ` (« ${view.header} »)` : ""}` : `Colonne n° ${column + 1}`;
  }

  const inputOf = (s: ImportState, columns = s.columns, sheet = s.sheet): ImportInput => ({
    path: s.path ?? "",
    columns,
    skip_rejected: s.skipRejected,
    sheet,
    corrections: s.corrections,
    excluded_rows: s.excluded,
  });

  async function read(path: string) {
    const id = ++requestId.current;
    setBusy("read");
    setProblem(null);
    const out = await call(
      () => commands.importPreview({ path, columns: null, skip_rejected: false }),
      "Le fichier n'a pas pu être lu",
    );
    if (id !== requestId.current) return;
    setBusy(null);
    if (out.ok) {
      update({
        pathText: path, path, columns: null, sheet: null, corrections: [], excluded: [], preview: out.data, filter: null,
        page: 1, ran: false,
      });
    } else {
      // The preview of another file would be misleading next to this error.
      update({
        path: null, columns: null, sheet: null, corrections: [], excluded: [], preview: null, filter: null, page: 1,
        ran: false,
      });
      setProblem(out.problem);
    }
  }

  function onRead(e: FormEvent) {
    e.preventDefault();
    void read(state.pathText.trim());
  }

  async function browse() {
    try {
      const path = await chooseSpreadsheet();
      if (!path) return;
      update({ pathText: path });
      await read(path);
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
  }

  async function remap(column: number, field: string | null) {
    if (!preview || !state.path) return;
    const columns = withChoice(state.columns, preview.columns, column, field);
    const input = inputOf(state, columns);
    update({ columns, ran: false });
    await refresh(input, "La correspondance n'a pas pu être appliquée");
  }

  /** Another sheet of the workbook: its own header and columns, so the mapping starts again. */
  async function chooseSheet(sheet: string) {
    if (!preview || !state.path || sheet === preview.sheet_name) return;
    // The corrections were of the other sheet's cells.
    const input = { ...inputOf(state, null, sheet), corrections: [], excluded_rows: [] };
    update({ columns: null, sheet, corrections: [], excluded: [], ran: false });
    await refresh(input, "La feuille n'a pas pu être lue", { filter: null, page: 1 });
  }

  /** The plan read again for `input` (another mapping, sheet, correction); only the latest
   *  answer is shown, with `patch` applied to the state. */
  async function refresh(
    input: ImportInput,
    title = "La correction n'a pas pu être appliquée",
    patch: Partial<ImportState> = {},
  ) {
    const id = ++requestId.current;
    setBusy("remap");
    setProblem(null);
    const out = await call(() => commands.importPreview(input), title);
    if (id !== requestId.current) return;
    setBusy(null);
    if (out.ok) update({ ...patch, preview: out.data });
    else setProblem(out.problem);
  }

  // A cell is revalidated as it is typed: the core reads the plan again a moment after the
  // last key, not at every key.
  const correctionTimer = useRef<number | null>(null);
  useEffect(() => () => {
    if (correctionTimer.current != null) window.clearTimeout(correctionTimer.current);
  }, []);

  function correct(row_number: number, column: number, value: string) {
    if (!state.path) return;
    const corrections = [
      ...state.corrections.filter((c) => !(c.row_number === row_number && c.column === column)),
      { row_number, column, value },
    ];
    const input = { ...inputOf(state), corrections };
    update({ corrections, ran: false });
    if (correctionTimer.current != null) window.clearTimeout(correctionTimer.current);
    correctionTimer.current = window.setTimeout(() => void refresh(input), 350);
  }

  function undoCorrection(row_number: number, column: number) {
    if (!state.path) return;
    const corrections = state.corrections.filter((c) => !(c.row_number === row_number && c.column === column));
    update({ corrections, ran: false });
    void refresh({ ...inputOf(state), corrections });
  }

  function exclude(row_number: number, excluded: boolean) {
    if (!state.path) return;
    const rows = state.excluded.filter((r) => r !== row_number);
    const next = excluded ? [...rows, row_number] : rows;
    update({ excluded: next, ran: false });
    void refresh({ ...inputOf(state), excluded_rows: next });
  }

  async function saveMapping() {
    if (!state.path) return;
    setBusy("mapping");
    const out = await call(() => commands.saveImportMapping(inputOf(state)), "La correspondance n'a pas été enregistrée");
    setBusy(null);
    if (out.ok) notifySuccess("Correspondance enregistrée : elle sera proposée pour les prochains imports.");
    else notifyFailure(out.problem.lines.join(" "));
  }

  async function runImport() {
    if (!state.path) return;
    const id = ++requestId.current;
    setBusy("run");
    setProblem(null);
    setProgress(null);
    setCancelling(false);
    cancelRequested.current = false;
    const channel = new Channel<ImportProgress>();
    channel.onmessage = (p) => {
      if (id === requestId.current) setProgress(p);
    };
    const out = await call(
      () => commands.importRun(inputOf(state), channel),
      "L'import n'a pas abouti : rien n'a été enregistré",
    );
    if (id !== requestId.current) return;
    setBusy(null);
    setProgress(null);
    setCancelling(false);
    if (out.ok) {
      update({ preview: out.data, ran: true });
      if (out.data.imported) notifySuccess(`Import terminé : ${importDoneText(out.data)}.`);
    } else if (cancelRequested.current) {
      // What the user asked for: said plainly, not as an error.
      notifications.show({ color: "orange", message: out.problem.lines.join(" ") });
    } else {
      setProblem(out.problem);
    }
  }

  async function cancelImport() {
    cancelRequested.current = true;
    setCancelling(true);
    try {
      const res = await commands.cancelImport();
      if (res.status === "ok") return;
      notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
    // Not heard: the import goes on, and may be cancelled again.
    cancelRequested.current = false;
    setCancelling(false);
  }

  async function saveReport() {
    if (!state.path || !preview) return;
    let target: string | null;
    try {
      target = await chooseCsvPath(reportFileName(preview.file_name));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
      return;
    }
    if (!target) return;
    setBusy("report");
    // The report of what is shown: the preview, or the result of the import once it ran.
    const out = await call(() => commands.saveImportReport(preview, target), "Le compte rendu n'a pas été enregistré");
    setBusy(null);
    if (out.ok) notifyWritten("Compte rendu enregistré", out.data);
    else notifyFailure(out.problem.lines.join(" "));
  }

  const columnErrors: Record<number, string> = {};
  for (const [key, message] of Object.entries(problem?.fields ?? {})) {
    const column = columnOfError(key);
    if (column != null) columnErrors[column] = message;
  }
  const n = preview ? toWrite(preview) : 0;
  const blocked = state.ran && preview !== null && !preview.imported;
  const working = busy === "read" || busy === "remap" || busy === "run";

  return (
    <Stack gap="lg">
      <Title order={2}>Importer un tableur</Title>
      <Text>
        Reprise d'un registre tenu dans un tableur : chaque ligne crée un dossier ou met à jour le dossier du même
        signataire (même référence de contrat, ou mêmes nom, prénoms et date de naissance). Rien n'est enregistré
        avant l'étape 4.
      </Text>

      {problem && (
        <Alert ref={errorRef} tabIndex={-1} color="red" title={problem.title} data-testid="import-error">
          {problem.lines.length === 1 ? (
            <Text size="sm">{problem.lines[0]}</Text>
          ) : (
            <List size="sm">
              {problem.lines.map((line, i) => (
                <List.Item key={i}>{line}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}

      <Step title="1. Choisir le fichier">
        <form onSubmit={onRead} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Formats acceptés : Excel (.xlsx, .xls), OpenDocument (.ods), CSV ou texte (.csv, .txt). Le fichier
              n'est jamais modifié. La feuille la plus remplie est lue ; une autre se choisit à l’étape 2.
            </Text>
            <Group align="flex-end" gap="sm" wrap="nowrap">
              {/* Read-only: the window reads only a file chosen in the dialog ("Parcourir…"). */}
              <TextInput
                label="Fichier choisi"
                placeholder="Choisissez le fichier avec « Parcourir… »"
                value={state.pathText}
                readOnly
                error={problem?.fields.path}
                style={{ flex: 1 }}
                data-testid="import-path"
              />
              <Button variant="default" onClick={browse} disabled={working} data-testid="import-browse">
                Parcourir…
              </Button>
              <Button type="submit" loading={busy === "read"} disabled={working && busy !== "read"} data-testid="import-read">
                Lire le fichier
              </Button>
            </Group>
          </Stack>
        </form>
      </Step>

      {preview && (
        <>
          <Step title="2. Correspondance des colonnes">
            <Stack gap="sm">
              <Group gap="sm">
                <Text size="sm" data-testid="import-header-row">
                  Fichier « {preview.file_name} », feuille « {preview.sheet_name} » : en-têtes lus à la ligne{" "}
                  {preview.header_row}.
                </Text>
                {preview.sheets.length > 1 && (
                  <Select
                    label="Feuille"
                    size="xs"
                    w={280}
                    allowDeselect={false}
                    value={preview.sheet_name}
                    onChange={(v) => v && void chooseSheet(v)}
                    disabled={working}
                    data={preview.sheets.map((s) => ({
                      value: s.name,
                      label: `${s.name} (${s.filled_rows} ligne${s.filled_rows > 1 ? "s" : ""}${s.hidden ? ", masquée" : ""})`,
                    }))}
                    data-testid="import-sheet"
                  />
                )}
                {preview.saved_mapping_used && (
                  <Badge color="green" variant="light" style={{ textTransform: "none" }} data-testid="import-saved-mapping">
                    Modèle enregistré utilisé
                  </Badge>
                )}
              </Group>
              {preview.warnings.length > 0 && (
                <Alert color="orange" title="Correspondance à vérifier" role="status" data-testid="import-warnings">
                  <List size="sm">
                    {preview.warnings.map((w, i) => (
                      <List.Item key={i}>{w}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              <ImportMapping
                preview={preview}
                columns={state.columns}
                errors={columnErrors}
                disabled={busy === "read" || busy === "run" || preview.imported}
                onChange={(column, field) => void remap(column, field)}
              />
              <Group gap="sm">
                <Button
                  variant="light"
                  onClick={saveMapping}
                  loading={busy === "mapping"}
                  disabled={working}
                  data-testid="import-save-mapping"
                >
                  Enregistrer cette correspondance pour les prochains imports
                </Button>
                {busy === "remap" && (
                  <Group gap={6} aria-live="polite">
                    <Loader size="xs" aria-hidden />
                    <Text size="sm">Mise à jour de l'aperçu…</Text>
                  </Group>
                )}
              </Group>
            </Stack>
          </Step>

          <Step title="3. Aperçu">
            <ImportRows
              preview={preview}
              filter={state.filter}
              page={state.page}
              onFilter={(filter) => update({ filter, page: 1 })}
              onPage={(page) => update({ page })}
              onOpen={onOpen}
              corrections={state.corrections}
              excluded={state.excluded}
              editable={!preview.imported && busy !== "run" && busy !== "read"}
              onCorrect={correct}
              onUndoCorrection={undoCorrection}
              onExclude={exclude}
            />
          </Step>

          <Step title="4. Importer">
            <Stack gap="sm">
              {preview.imported ? (
                <Alert color="green" title="Import terminé" role="status" data-testid="import-done">
                  {importDoneText(preview)}. Le tableau ci-dessus indique le dossier créé ou mis à jour par chaque
                  ligne.
                </Alert>
              ) : (
                <>
                  <Checkbox
                    label="Importer les lignes valides même si d'autres sont refusées"
                    description="Sans cette case, rien n'est importé tant qu'une ligne est refusée."
                    checked={state.skipRejected}
                    onChange={(e) => update({ skipRejected: e.currentTarget.checked, ran: false })}
                    data-testid="import-skip-rejected"
                  />
                  {blocked && (
                    <Alert color="red" title="Import non effectué" data-testid="import-blocked">
                      {blockedText(preview.rejected)}
                    </Alert>
                  )}
                </>
              )}
              {busy === "run" && (
                <Group gap="sm" align="flex-end" data-testid="import-progress">
                  <Stack gap={4} style={{ flex: 1 }}>
                    <Progress value={progressValue(progress)} aria-label="Avancement de l'import" size="lg" />
                    <Text size="sm" aria-live="polite">
                      {progressText(progress)}
                    </Text>
                  </Stack>
                  <Button
                    color="red"
                    variant="outline"
                    onClick={cancelImport}
                    disabled={cancelling}
                    data-testid="import-cancel"
                  >
                    {cancelling ? "Annulation…" : "Annuler l'import"}
                  </Button>
                </Group>
              )}
              <Group gap="sm">
                {!preview.imported && (
                  <Button onClick={runImport} loading={busy === "run"} disabled={n === 0 || working} data-testid="import-run">
                    {runLabel(n)}
                  </Button>
                )}
                <Button
                  variant="default"
                  onClick={saveReport}
                  loading={busy === "report"}
                  disabled={working}
                  data-testid="import-report"
                >
                  Enregistrer le compte rendu (CSV)
                </Button>
              </Group>
              {!preview.imported && n === 0 && (
                <Text size="sm" c="dimmed">
                  Aucune ligne à créer ni à mettre à jour.
                </Text>
              )}
            </Stack>
          </Step>
        </>
      )}
    </Stack>
  );
}

function Step({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
