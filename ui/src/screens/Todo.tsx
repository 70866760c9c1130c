// "À faire", the home screen: everything due or late in the region, computed by the core
// (forms not returned, interviews, definitive-suspension deadlines, diplomas without a
// declaration, commitments ending, contract warnings). Counts per category at the top act as
// filters; each line opens the signatory and can be marked as dealt with on a date.
import { useEffect, useState } from "react";
import {
  Alert, Badge, Button, Center, Checkbox, Group, Loader, Pagination, Paper, SimpleGrid, Stack, Table, Text, TextInput,
  Title, UnstyledButton,
} from "@mantine/core";
import { commands, type ApplicationRef, type TodoItem, type TodoKind, type TodoPage } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { todayFr } from "../format";
import { DATE_PROPS } from "../followupForm";
import { fieldErrors } from "../signatoryForm";

type Props = {
  onOpen: (id: number) => void;
  /** A reminder of the selection campaign about a candidate who is not a signatory yet. */
  onOpenApplication: (app: ApplicationRef) => void;
};

/** Lines per page: a whole region can have tens of thousands. */
export const TODO_PAGE = 100;

export function Todo({ onOpen, onOpenApplication }: Props) {
  const [list, setList] = useState<TodoPage | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<TodoKind | null>(null);
  const [includeDone, setIncludeDone] = useState(false);
  const [reload, setReload] = useState(0);
  // The line being marked as dealt with, and the date typed for it.
  const [marking, setMarking] = useState<{ item: TodoItem; date: string; error?: string } | null>(null);

  useEffect(() => {
    let alive = true;
    commands
      .todoList({ include_done: includeDone, kind, offset: (page - 1) * TODO_PAGE, limit: TODO_PAGE })
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setList(res.data);
        else setError(errorMessage(res.error));
      })
      .catch((e) => alive && setError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [includeDone, kind, page, reload]);

  async function markDone() {
    if (!marking || marking.item.signatory_id === null) return;
    try {
      const res = await commands.markTodoDone(marking.item.signatory_id, marking.item.key, marking.date);
      if (res.status === "ok") {
        notifySuccess("Marqué comme traité");
        setMarking(null);
        setReload((r) => r + 1);
      } else if (res.error.kind === "validation") {
        setMarking({ ...marking, error: fieldErrors(res.error).date ?? errorMessage(res.error) });
      } else {
        notifyFailure(res.error.message);
      }
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
  }

  async function unmark(item: TodoItem) {
    if (item.signatory_id === null) return;
    const res = await commands.unmarkTodo(item.signatory_id, item.key);
    if (res.status === "ok") setReload((r) => r + 1);
    else notifyFailure(errorMessage(res.error));
  }

  if (error) {
    return (
      <Alert color="red" title="La liste « À faire » n'a pas pu être calculée">
        {error}
      </Alert>
    );
  }
  if (!list) {
    return (
      <Center py="xl">
        <Loader aria-label="Chargement" />
      </Center>
    );
  }

  const shown = list.items;
  const total = list.counts.reduce((n, c) => n + c.count, 0);
  const pages = Math.max(1, Math.ceil(list.total / TODO_PAGE));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>À faire</Title>
        <Text fw={600} data-testid="todo-total">
          {total === 0 ? "Rien à faire aujourd'hui" : `${total} élément${total > 1 ? "s" : ""} à traiter`}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        {list.counts.map((c) => (
          <UnstyledButton
            key={c.kind}
            onClick={() => {
              setKind(kind === c.kind ? null : c.kind);
              setPage(1);
            }}
            aria-pressed={kind === c.kind}
            data-testid={`todo-count-${c.kind}`}
          >
            <Paper withBorder p="sm" bg={kind === c.kind ? "#e3e3fd" : undefined}>
              <Text size="sm">{c.label}</Text>
              <Group gap="xs">
                <Text fw={700} size="xl">
                  {c.count}
                </Text>
                {c.overdue > 0 && (
                  <Badge color="red" variant="light">
                    {c.overdue} en retard
                  </Badge>
                )}
              </Group>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {kind ? "Filtré sur une catégorie : cliquez à nouveau sur son compteur pour tout voir." : "Toutes les catégories."}
        </Text>
        <Checkbox
          label={`Afficher aussi les éléments traités (${list.done})`}
          checked={includeDone}
          onChange={(e) => {
            setIncludeDone(e.currentTarget.checked);
            setPage(1);
          }}
          data-testid="todo-include-done"
        />
      </Group>
      {shown.length === 0 ? (
        <Text>Aucun élément.</Text>
      ) : (
        <Table striped withTableBorder data-testid="todo-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Échéance</Table.Th>
              <Table.Th>Signataire</Table.Th>
              <Table.Th>À faire</Table.Th>
              <Table.Th>Suivi</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((i) => (
              <Table.Tr key={`${i.signatory_id ?? "c"}-${i.application?.id ?? ""}-${i.key}`} data-testid="todo-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {i.due || "—"}
                    {i.overdue && !i.done_on && (
                      <Badge color="red" variant="light">
                        En retard
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <UnstyledButton
                    className="name-link"
                    onClick={() => {
                      if (i.signatory_id !== null) onOpen(i.signatory_id);
                      else if (i.application) onOpenApplication(i.application);
                    }}
                    data-testid="todo-open"
                  >
                    {i.name}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{i.what}</Text>
                  <Text size="xs" c="dimmed">
                    {i.kind_label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {i.signatory_id === null ? (
                    <Text size="xs" c="dimmed">
                      Disparaît quand le dossier est complet ou la décision saisie
                    </Text>
                  ) : i.done_on ? (
                    <Group gap="xs">
                      <Text size="sm">Traité le {i.done_on}</Text>
                      <Button size="xs" variant="subtle" onClick={() => unmark(i)}>
                        Remettre
                      </Button>
                    </Group>
                  ) : marking?.item.key === i.key && marking.item.signatory_id === i.signatory_id ? (
                    <Group gap="xs" align="flex-start">
                      <TextInput
                        size="xs"
                        w={120}
                        aria-label="Traité le"
                        {...DATE_PROPS}
                        value={marking.date}
                        onChange={(e) => setMarking({ ...marking, date: e.currentTarget.value, error: undefined })}
                        error={marking.error}
                        data-testid="todo-done-date"
                      />
                      <Button size="xs" onClick={markDone} data-testid="todo-done-confirm">
                        Valider
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setMarking(null)}>
                        Annuler
                      </Button>
                    </Group>
                  ) : (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setMarking({ item: i, date: todayFr() })}
                      data-testid="todo-mark"
                    >
                      Marquer comme traité
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination value={page} onChange={setPage} total={pages} aria-label="Pages de la liste" data-testid="todo-pages" />
        </Group>
      )}
    </Stack>
  );
}
