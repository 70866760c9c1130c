// The table of one page of a campaign: a checkbox per line (and one for the page), the
// name opening the file, where the form stands, and the per-line actions.
import { Button, Checkbox, Group, Stack, Table, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import type { CampaignRow, ReferenceLists } from "../bindings";
import { formatDateFr, fullName, labelOf } from "../format";
import { FormStatusBadge } from "./FollowupFacts";

type Props = {
  rows: CampaignRow[];
  refs: ReferenceLists;
  selected: ReadonlySet<number>;
  onToggle: (id: number, checked: boolean) => void;
  onTogglePage: (checked: boolean) => void;
  onOpen: (id: number) => void;
  onRecord: (row: CampaignRow) => void;
  onPrint: (row: CampaignRow) => void;
};

export function CampaignTable({ rows, refs, selected, onToggle, onTogglePage, onOpen, onRecord, onPrint }: Props) {
  const onPage = rows.filter((r) => selected.has(r.signatory_id)).length;
  const all = rows.length > 0 && onPage === rows.length;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table withTableBorder striped verticalSpacing="xs" data-testid="campaign-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Sélectionner toutes les lignes de la page"
                checked={all}
                indeterminate={onPage > 0 && !all}
                onChange={(e) => onTogglePage(e.currentTarget.checked)}
                disabled={rows.length === 0}
                data-testid="campaign-select-page"
              />
            </Table.Th>
            <Table.Th>Nom</Table.Th>
            <Table.Th>Discipline / études</Table.Th>
            <Table.Th>Statut de la fiche</Table.Th>
            <Table.Th>Envoyée</Table.Th>
            <Table.Th>Relances</Table.Th>
            <Table.Th>Reçue</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const name = fullName(r.last_name, r.first_names);
            const missing = r.form_status === "incomplete" && r.missing.length > 0 ? r.missing.join(" ; ") : "";
            return (
              <Table.Tr key={r.signatory_id} data-testid="campaign-row" data-id={r.signatory_id}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Sélectionner ${name}`}
                    checked={selected.has(r.signatory_id)}
                    onChange={(e) => onToggle(r.signatory_id, e.currentTarget.checked)}
                    data-testid="campaign-row-check"
                  />
                </Table.Td>
                <Table.Td>
                  <UnstyledButton
                    className="name-link"
                    onClick={() => onOpen(r.signatory_id)}
                    aria-label={`Ouvrir le dossier de ${name}`}
                    data-testid="campaign-name"
                  >
                    {name}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{labelOf(refs.disciplines, r.discipline)}</Text>
                  {r.studies && (
                    <Text size="xs" c="dimmed">
                      {r.studies}
                    </Text>
                  )}
                  {r.specialty && (
                    <Text size="xs" c="dimmed">
                      {r.specialty}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td title={missing ? `Manque : ${missing}` : undefined}>
                  <Stack gap={2} align="flex-start">
                    <FormStatusBadge status={r.form_status} refs={refs} testId="campaign-form-status" />
                    {missing && (
                      <Text size="xs" c="red" data-testid="campaign-missing">
                        Manque : {missing}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateFr(r.sent_date)}</Text>
                  {r.sent_channel && (
                    <Text size="xs" c="dimmed">
                      {labelOf(refs.channels, r.sent_channel)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.reminders.map(formatDateFr).join(", ")}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateFr(r.received_date)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="light" onClick={() => onRecord(r)} data-testid="row-record">
                      Saisir le retour
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => onPrint(r)}
                      aria-label={`Imprimer la fiche de ${name}`}
                      data-testid="row-print"
                    >
                      Imprimer la fiche
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
