// "Entretiens à tenir": every interview due in the region today, computed by the core from
// each signatory's dates and status (overdue first); a line opens the signatory's file.
import { useEffect, useState } from "react";
import { Alert, Badge, Center, Checkbox, Group, Loader, Pagination, Stack, Table, Text, Title, UnstyledButton } from "@mantine/core";
import { commands, type ReferenceLists, type RegionDue } from "../bindings";
import { errorMessage, exceptionMessage } from "../api";
import { countLabel, labelOf } from "../format";

type Props = { refs: ReferenceLists; onOpen: (id: number) => void };

export function DueInterviews({ refs, onOpen }: Props) {
  const [rows, setRows] = useState<RegionDue[] | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const PER_PAGE = 100;

  useEffect(() => {
    let alive = true;
    setRows(null);
    setPage(1);
    commands
      .regionDueInterviews(overdueOnly)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setRows(res.data);
        else setError(errorMessage(res.error));
      })
      .catch((e) => alive && setError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [overdueOnly]);

  const late = rows?.filter((r) => r.overdue).length ?? 0;
  return (
    <Stack gap="md">
      <Title order={2}>Entretiens à tenir</Title>
      <Text size="sm" c="dimmed">
        Première année après la signature, avant les ECN/EDN, chaque année du 3e cycle, année précédant
        l'installation, convocation annuelle des internes suspendus. Un entretien tenu après le début de la
        période compte pour elle, même en retard.
      </Text>
      <Group justify="space-between">
        <Checkbox
          label="Seulement les entretiens en retard"
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
          data-testid="due-overdue-only"
        />
        {rows && (
          <Text fw={600} data-testid="due-count">
            {countLabel(rows.length, "entretien", "entretiens")} dont {late} en retard
          </Text>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!rows && !error && (
        <Center py="xl">
          <Loader aria-label="Chargement" />
        </Center>
      )}
      {rows && rows.length === 0 && <Text>Aucun entretien à tenir.</Text>}
      {rows && rows.length > 0 && (
        <Table striped highlightOnHover withTableBorder data-testid="due-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Signataire</Table.Th>
              <Table.Th>Statut</Table.Th>
              <Table.Th>Entretien</Table.Th>
              <Table.Th>Au plus tard le</Table.Th>
              <Table.Th>Dernier entretien</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((r, i) => (
              <Table.Tr key={`${r.signatory_id}-${r.reason}-${r.due_iso}-${i}`}>
                <Table.Td>
                  <UnstyledButton className="name-link" data-testid="due-open" onClick={() => onOpen(r.signatory_id)}>
                    {r.last_name.toUpperCase()} {r.first_names}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>{labelOf(refs.statuses, r.status)}</Table.Td>
                <Table.Td>{r.reason_label}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {r.due}
                    {r.overdue && (
                      <Badge color="red" variant="light">
                        En retard
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{r.last_interview || "aucun"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows && rows.length > PER_PAGE && (
        <Group justify="center">
          <Pagination value={page} onChange={setPage} total={Math.ceil(rows.length / PER_PAGE)} aria-label="Pages de la liste" />
        </Group>
      )}
    </Stack>
  );
}
