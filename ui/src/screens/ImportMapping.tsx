// Step 2 of the import: which field of the file each column of the sheet feeds. One native
// list per column (keyboard- and screen-reader-friendly); every change re-reads the plan.
import { Badge, List, NativeSelect, Stack, Table, Text } from "@mantine/core";
import type { ColumnChoice, ImportPreview } from "../bindings";
import { fieldOf, fieldOptions } from "../importForm";

type Props = {
  preview: ImportPreview;
  /** The user's choices, null while the core's proposal (or the saved mapping) is shown. */
  columns: ColumnChoice[] | null;
  /** Messages of the core about a column's choice, by 0-based column. */
  errors: Record<number, string>;
  disabled: boolean;
  onChange: (column: number, field: string | null) => void;
};

export function ImportMapping({ preview, columns, errors, disabled, onChange }: Props) {
  const options = fieldOptions(preview.fields);
  const chosen = preview.columns.map((c) => fieldOf(columns, c));
  // Said by the core, which knows that a "NOM Prénom" column gives both names.
  const missing = preview.missing_required;
  return (
    <Stack gap="sm">
      {missing.length > 0 && (
        <Text size="sm" c="red.8" data-testid="import-missing-required">
          Champs obligatoires pour créer un dossier qu'aucune colonne ne donne : {missing.join(", ")}. Les lignes
          de nouveaux signataires seront refusées.
        </Text>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder striped verticalSpacing="xs" data-testid="import-mapping">
          <Table.Caption>
            Colonnes de la feuille « {preview.sheet_name} » et champ du dossier que chacune renseigne.
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Colonne</Table.Th>
              <Table.Th>En-tête (ligne {preview.header_row})</Table.Th>
              <Table.Th>Exemples de valeurs (et comment ils sont lus)</Table.Th>
              <Table.Th w={300}>Champ du dossier</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.columns.map((c, i) => {
              const field = chosen[i] ?? null;
              const header = c.header.trim() ? `« ${c.header} »` : "sans en-tête";
              return (
                <Table.Tr key={c.column} data-testid="import-column" data-column={c.column}>
                  <Table.Td>
                    <Badge variant="outline" color="gray" style={{ textTransform: "none" }}>
                      {c.letter}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {c.header.trim() ? (
                      <Text size="sm" fw={600}>
                        {c.header}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed" fs="italic">
                        (sans en-tête)
                      </Text>
                    )}
                    {c.recognised_by_values && (
                      <Text size="xs" c="bleuFrance.7" data-testid="import-recognised">
                        reconnue d'après ses valeurs
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.samples.length === 0 ? (
                      <Text size="sm" c="dimmed" fs="italic">
                        (colonne vide)
                      </Text>
                    ) : (
                      <List size="sm" listStyleType="none" spacing={0}>
                        {c.samples.slice(0, 3).map((s, i) => {
                          // How the import reads it with the field chosen (from the core).
                          const read = c.read_as[i] ?? "";
                          const text = read ? `${s} → ${read}` : s;
                          return (
                            <List.Item key={i}>
                              <Text size="sm" lineClamp={1} title={text} data-testid="import-sample">
                                {s}
                                {read && (
                                  <Text span size="sm" c="dimmed">
                                    {" "}→ {read}
                                  </Text>
                                )}
                              </Text>
                            </List.Item>
                          );
                        })}
                      </List>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Champ renseigné par la colonne ${c.letter} (${header})`}
                      data={options}
                      value={field ?? ""}
                      onChange={(e) => onChange(c.column, e.currentTarget.value || null)}
                      error={errors[c.column]}
                      disabled={disabled}
                      data-testid={`import-col-${c.column}`}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        « (obligatoire) » : champ sans lequel un nouveau dossier ne peut pas être créé.
      </Text>
    </Stack>
  );
}
