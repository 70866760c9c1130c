// The entries of the journal of changes, newest first: when, who, what, from which value to
// which. Shared by a signatory's "Historique" tab and the "Journal" screen.
import { Anchor, Table, Text } from "@mantine/core";
import type { AuditRow } from "../bindings";

type Props = {
  rows: AuditRow[];
  /** The journal screen names the file of each entry (and opens it); the tab does not. */
  onOpen?: (id: number) => void;
  testId: string;
};

function who(r: AuditRow): string {
  return r.referent ? `${r.referent} (${r.os_user})` : r.os_user;
}

export function AuditTable({ rows, onOpen, testId }: Props) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped withTableBorder verticalSpacing="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Par</Table.Th>
            {onOpen && <Table.Th>Signataire</Table.Th>}
            <Table.Th>Élément</Table.Th>
            <Table.Th>Modification</Table.Th>
            <Table.Th>Avant</Table.Th>
            <Table.Th>Après</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{r.at}</Table.Td>
              <Table.Td>{who(r)}</Table.Td>
              {onOpen && (
                <Table.Td>
                  {r.signatory_id !== null ? (
                    <Anchor component="button" type="button" onClick={() => onOpen(r.signatory_id as number)}>
                      {r.signatory_label}
                    </Anchor>
                  ) : (
                    r.signatory_label
                  )}
                </Table.Td>
              )}
              <Table.Td>{r.entity_label}</Table.Td>
              <Table.Td>{r.field_label ? `${r.action_label} : ${r.field_label}` : r.action_label}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {r.old_value}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {r.new_value}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
