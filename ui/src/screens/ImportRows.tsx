// Step 3 of the import: the counts (which also filter), then every data row of the sheet
// with what the import does with it, 50 a page. A refused row says why, located as the
// user sees the sheet (row number, column letter and header); a kept row says which cells
// were set aside (their text goes to the file's notes) and what the file will lack. A refused
// or set-aside cell can be typed again in place (the core reads it instead of the file's, which
// is never modified) and a refused row left out.
import { Badge, Button, Group, List, Pagination, Stack, Table, Text, TextInput, UnstyledButton } from "@mantine/core";
import type { CellCorrection, ImportPreview, RowAction, RowPreview } from "../bindings";
import { formatCount } from "../format";
import { ACTION_COLORS, ACTION_LABELS, IMPORT_PAGE_SIZE, ROW_ACTIONS, problemText } from "../importForm";

type Props = {
  preview: ImportPreview;
  filter: RowAction | null;
  page: number; // 1-based
  onFilter: (filter: RowAction | null) => void;
  onPage: (page: number) => void;
  /** Opens a signatory's file; without it, names are plain text. */
  onOpen?: (id: number) => void;
  /** The grid's corrections and excluded rows (none without the callbacks below). */
  corrections?: readonly CellCorrection[];
  excluded?: readonly number[];
  /** Cells can be corrected and rows left out (not once imported). */
  editable?: boolean;
  onCorrect?: (row: number, column: number, value: string) => void;
  onUndoCorrection?: (row: number, column: number) => void;
  onExclude?: (row: number, excluded: boolean) => void;
};

/** What the row details need to correct a cell. */
type Editing = Pick<
  Props,
  "corrections" | "excluded" | "editable" | "onCorrect" | "onUndoCorrection" | "onExclude"
> & { letterOf: (column: number) => string };

const COUNT_LABELS: Record<RowAction, string> = {
  create: "Créations",
  update: "Mises à jour",
  unchanged: "Inchangées",
  rejected: "Refusées",
  skipped: "Ignorées (pas des signataires)",
};

export function ImportRows({ preview, filter, page, onFilter, onPage, onOpen, ...editing }: Props) {
  const letters = new Map(preview.columns.map((c) => [c.column, c.letter]));
  const edit: Editing = { ...editing, letterOf: (c) => letters.get(c) ?? String(c + 1) };
  const counts: Record<RowAction, number> = {
    create: preview.created,
    update: preview.updated,
    unchanged: preview.unchanged,
    rejected: preview.rejected,
    skipped: preview.skipped,
  };
  const rows = filter ? preview.rows.filter((r) => r.action === filter) : preview.rows;
  const pages = Math.max(1, Math.ceil(rows.length / IMPORT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const shown = rows.slice((current - 1) * IMPORT_PAGE_SIZE, current * IMPORT_PAGE_SIZE);

  const badge = (value: RowAction | null, label: string, count: number, testId: string) => {
    const active = filter === value;
    return (
      <Badge
        key={testId}
        component="button"
        type="button"
        size="lg"
        color={value ? ACTION_COLORS[value] : "bleuFrance"}
        variant={active ? "filled" : "light"}
        aria-pressed={active}
        onClick={() => onFilter(value)}
        data-testid={testId}
        style={{ cursor: "pointer", textTransform: "none" }}
      >
        {label} : {formatCount(count)}
      </Badge>
    );
  };

  return (
    <Stack gap="sm">
      <Group gap="xs" role="group" aria-label="Filtrer les lignes par résultat">
        {badge(null, "Toutes les lignes", preview.rows.length, "import-count-all")}
        {ROW_ACTIONS.map((a) => badge(a, COUNT_LABELS[a], counts[a], `import-count-${a}`))}
      </Group>

      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder striped verticalSpacing="xs" data-testid="import-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Ligne</Table.Th>
              <Table.Th w={260}>Nom</Table.Th>
              <Table.Th w={130}>Résultat</Table.Th>
              <Table.Th>Détails</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.row_number} data-testid="import-row" data-row={r.row_number} data-action={r.action}>
                <Table.Td>{r.row_number}</Table.Td>
                <Table.Td>
                  <RowName row={r} onOpen={onOpen} />
                </Table.Td>
                <Table.Td>
                  <Badge color={ACTION_COLORS[r.action]} variant="light" style={{ textTransform: "none" }}>
                    {ACTION_LABELS[r.action]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RowDetails row={r} edit={edit} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {shown.length === 0 && (
        <Text ta="center" c="dimmed" py="md">
          {filter ? "Aucune ligne avec ce résultat." : "Le tableur ne contient aucune ligne de données sous l'en-tête."}
        </Text>
      )}

      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={current}
            onChange={onPage}
            getControlProps={(control) => ({
              "aria-label": { first: "Première page", previous: "Page précédente", next: "Page suivante", last: "Dernière page" }[control],
            })}
            getItemProps={(p) => ({ "aria-label": `Page ${p}` })}
          />
        </Group>
      )}
    </Stack>
  );
}

function RowName({ row, onOpen }: { row: RowPreview; onOpen?: (id: number) => void }) {
  const name = row.name.trim();
  if (row.action === "skipped") {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  if (row.signatory_id != null && onOpen) {
    const id = row.signatory_id;
    return (
      <UnstyledButton
        className="name-link"
        onClick={() => onOpen(id)}
        aria-label={`Ouvrir le dossier de ${name || `la ligne ${row.row_number}`}`}
        data-testid="import-open"
      >
        {name || "(sans nom)"}
      </UnstyledButton>
    );
  }
  return name ? (
    <Text size="sm">{name}</Text>
  ) : (
    <Text size="sm" c="dimmed" fs="italic">
      (sans nom)
    </Text>
  );
}

/** The cells of a row the user can type again: the refused and set-aside ones, and those
 * already corrected (which stay editable once the row is valid). */
type Fixable = { column: number; letter: string; original: string; value: string };

function fixableCells(row: RowPreview, edit: Editing): Fixable[] {
  const mine = (edit.corrections ?? []).filter((c) => c.row_number === row.row_number);
  const cells = new Map<number, Fixable>();
  for (const p of [...row.problems, ...row.set_aside]) {
    if (p.column == null || cells.has(p.column)) continue;
    cells.set(p.column, { column: p.column, letter: p.column_letter, original: p.value, value: p.value });
  }
  for (const c of mine) {
    const cell = cells.get(c.column) ?? { column: c.column, letter: edit.letterOf(c.column), original: "", value: "" };
    cells.set(c.column, { ...cell, value: c.value });
  }
  return [...cells.values()].sort((a, b) => a.column - b.column);
}

function RowDetails({ row, edit }: { row: RowPreview; edit: Editing }) {
  const kept = row.action === "create" || row.action === "update";
  const excluded = (edit.excluded ?? []).includes(row.row_number);
  const corrected = (column: number) =>
    (edit.corrections ?? []).some((c) => c.row_number === row.row_number && c.column === column);
  const fixable = edit.onCorrect && !excluded ? fixableCells(row, edit) : [];
  return (
    <Stack gap={2}>
      {row.problems.length > 0 && (
        <List size="sm" spacing={2}>
          {row.problems.map((p, i) => (
            <List.Item key={i} c="red.9" data-testid="import-problem">
              {problemText(p)}
            </List.Item>
          ))}
        </List>
      )}
      {row.changes.length > 0 && (
        <Text size="sm" data-testid="import-changes">
          Modifié : {row.changes.join(", ")}
        </Text>
      )}
      {row.note && (
        <Text size="sm" c="dimmed" data-testid="import-note">
          {row.note}
        </Text>
      )}
      {kept && row.set_aside.length > 0 && (
        <List size="sm" spacing={2}>
          {row.set_aside.map((p, i) => (
            <List.Item key={i} c="orange.9" data-testid="import-set-aside">
              Non repris (gardé dans les notes du dossier) — {problemText(p)}
            </List.Item>
          ))}
        </List>
      )}
      {kept && row.to_complete.length > 0 && (
        <Text size="sm" c="orange.9" data-testid="import-to-complete">
          À compléter : {row.to_complete.join(", ")}
        </Text>
      )}
      {fixable.length > 0 && (
        <Group gap="xs" align="flex-end" mt={4}>
          {fixable.map((cell) => {
            const name = `${cell.letter}${row.row_number}`;
            return (
              <Group key={cell.column} gap={4} align="flex-end" wrap="nowrap">
                <TextInput
                  size="xs"
                  w={170}
                  label={`Corriger ${name}`}
                  value={cell.value}
                  disabled={!edit.editable}
                  onChange={(e) => edit.onCorrect?.(row.row_number, cell.column, e.currentTarget.value)}
                  data-testid="import-fix"
                  data-cell={name}
                />
                {corrected(cell.column) && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    disabled={!edit.editable}
                    onClick={() => edit.onUndoCorrection?.(row.row_number, cell.column)}
                    aria-label={`Annuler la correction de ${name}${cell.original ? ` (valeur du fichier : ${cell.original})` : ""}`}
                    data-testid="import-fix-undo"
                  >
                    Valeur du fichier
                  </Button>
                )}
              </Group>
            );
          })}
        </Group>
      )}
      {edit.onExclude && (row.action === "rejected" || excluded) && (
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="light"
            color={excluded ? "bleuFrance" : "gray"}
            disabled={!edit.editable}
            onClick={() => edit.onExclude?.(row.row_number, !excluded)}
            data-testid={excluded ? "import-include" : "import-exclude"}
          >
            {excluded ? "Remettre la ligne dans l'import" : "Exclure cette ligne de l'import"}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
