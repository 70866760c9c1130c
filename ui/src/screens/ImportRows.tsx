// Step 3 of the import: the counts (which also filter), then every data row of the sheet
// with what the import does with it, 50 a page. A refused row says why, located as the
// user sees the sheet (row number, column letter and header); a kept row says which cells
// were set aside (their text goes to the file's notes) and what the file will lack.
import { Badge, Group, List, Pagination, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import type { ImportPreview, RowAction, RowPreview } from "../bindings";
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
};

const COUNT_LABELS: Record<RowAction, string> = {
  create: "Créations",
  update: "Mises à jour",
  unchanged: "Inchangées",
  rejected: "Refusées",
  skipped: "Ignorées (pas des signataires)",
};

export function ImportRows({ preview, filter, page, onFilter, onPage, onOpen }: Props) {
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
                  <RowDetails row={r} />
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

function RowDetails({ row }: { row: RowPreview }) {
  const kept = row.action === "create" || row.action === "update";
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
    </Stack>
  );
}
