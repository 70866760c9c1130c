// Tab "Entretiens" of a signatory: the interviews due (computed by the core from the dates
// and the status), the interviews held with their report and follow-up actions, and the
// form to record or correct one. Each interview prints as a PDF report for the file.
import { useEffect, useState, type FormEvent } from "react";
import {
  Alert, Badge, Button, Card, Center, Group, List, Loader, NativeSelect, Paper, SimpleGrid, Stack, Table, Text,
  TextInput, Textarea, Title,
} from "@mantine/core";
import { commands, type InterviewForm, type InterviewsTab as Tab, type ReferenceLists } from "../bindings";
import { choosePdfPath, errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { todayFr } from "../format";
import { fieldErrors } from "../signatoryForm";
import { DATE_PROPS } from "../followupForm";
import { emptyAction, emptyInterview, INTERVIEW_LABELS, rowFieldLabel, withoutRow } from "../installationForm";
import { ErrorSummary } from "./ErrorSummary";
import { notifyWritten } from "../written";

type Props = {
  id: number;
  refs: ReferenceLists;
  /** Bumped when the status changed elsewhere: the interviews due are read again. */
  refreshKey?: number;
};

/** null: no form open; "new": a new interview; a number: the interview being corrected. */
type Editing = null | "new" | number;

export function InterviewsTab({ id, refs, refreshKey = 0 }: Props) {
  const [tab, setTab] = useState<Tab | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState<InterviewForm>(() => emptyInterview(todayFr()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  // Deleting takes two clicks: "Supprimer", then "Confirmer la suppression".
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);

  useEffect(() => {
    let alive = true;
    commands
      .interviewsTab(id)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setTab(res.data);
        else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [id, refreshKey]);

  if (loadError) {
    return (
      <Alert color="red" title="Les entretiens n'ont pas pu être chargés">
        {loadError}
      </Alert>
    );
  }
  if (!tab) {
    return (
      <Center py="xl">
        <Loader aria-label="Chargement des entretiens" />
      </Center>
    );
  }

  const open = (which: Editing, f: InterviewForm) => {
    setEditing(which);
    setForm(f);
    setErrors({});
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const res = await commands.saveInterview(id, typeof editing === "number" ? editing : null, form);
      if (res.status === "ok") {
        setTab(res.data);
        setEditing(null);
        setErrors({});
        notifySuccess("Entretien enregistré");
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error)); // what was typed stays in the form
      } else {
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSaving(false);
    }
  }

  async function remove(interviewId: number) {
    setConfirmDelete(null);
    try {
      const res = await commands.deleteInterview(id, interviewId);
      if (res.status === "ok") {
        setTab(res.data);
        notifySuccess("Entretien supprimé");
      } else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
  }

  async function print(interviewId: number, date: string) {
    try {
      const path = await choosePdfPath(`entretien-${date.replaceAll("/", "-")}.pdf`);
      if (!path) return;
      const res = await commands.printInterviewReport(id, interviewId, path);
      if (res.status === "ok") notifyWritten("Compte rendu enregistré", res.data);
      else notifyFailure(errorMessage(res.error));
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    }
  }

  const set = (patch: Partial<InterviewForm>) => setForm((f) => ({ ...f, ...patch }));
  const setAction = (i: number, patch: Partial<InterviewForm["actions"][number]>) =>
    setForm((f) => ({ ...f, actions: f.actions.map((a, k) => (k === i ? { ...a, ...patch } : a)) }));

  return (
    <Stack gap="md">
      <Paper withBorder p="md" data-testid="interviews-due">
        <Title order={3} size="h4" mb="xs">
          Entretiens à tenir
        </Title>
        {tab.due.length === 0 ? (
          <Text size="sm">Aucun entretien à tenir pour l'instant.</Text>
        ) : (
          <List spacing="xs">
            {tab.due.map((d, i) => (
              <List.Item key={`${d.reason}-${i}`}>
                <Group gap="xs">
                  <Text size="sm">
                    {d.reason_label} — à tenir au plus tard le {d.due}
                  </Text>
                  {d.overdue && (
                    <Badge color="red" variant="light">
                      En retard
                    </Badge>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Paper>

      <Group justify="space-between">
        <Title order={3} size="h4">
          Entretiens tenus
        </Title>
        {editing === null && (
          <Button data-testid="interview-new" onClick={() => open("new", emptyInterview(todayFr()))}>
            Nouvel entretien
          </Button>
        )}
      </Group>

      {editing !== null && (
        <Paper withBorder p="md" component="form" onSubmit={save} noValidate data-testid="interview-form">
          <Stack gap="sm">
            <Title order={4}>{editing === "new" ? "Nouvel entretien" : "Corriger l'entretien"}</Title>
            <ErrorSummary
              errors={errors}
              label={(k) => rowFieldLabel(INTERVIEW_LABELS, "actions", k)}
              testId="interview-errors"
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={INTERVIEW_LABELS.date}
                {...DATE_PROPS}
                value={form.date}
                onChange={(e) => set({ date: e.currentTarget.value })}
                error={errors.date}
                withAsterisk
                data-testid="interview-date"
              />
              <NativeSelect
                label={INTERVIEW_LABELS.mode}
                data={[{ value: "", label: "— choisir —" }, ...refs.interview_modes]}
                value={form.mode}
                onChange={(e) => set({ mode: e.currentTarget.value })}
                error={errors.mode}
                withAsterisk
                data-testid="interview-mode"
              />
              <NativeSelect
                label={INTERVIEW_LABELS.reason}
                data={[{ value: "", label: "— choisir —" }, ...refs.interview_reasons]}
                value={form.reason}
                onChange={(e) => set({ reason: e.currentTarget.value })}
                error={errors.reason}
                withAsterisk
                data-testid="interview-reason"
              />
            </SimpleGrid>
            <TextInput
              label={INTERVIEW_LABELS.attendees}
              description="Qui était présent (référent, signataire, autre interlocuteur)"
              value={form.attendees}
              onChange={(e) => set({ attendees: e.currentTarget.value })}
              error={errors.attendees}
              data-testid="interview-attendees"
            />
            <Textarea
              label={INTERVIEW_LABELS.report}
              description="Une ligne vide sépare les paragraphes du compte rendu imprimé."
              autosize
              minRows={5}
              maxRows={20}
              value={form.report}
              onChange={(e) => set({ report: e.currentTarget.value })}
              error={errors.report}
              data-testid="interview-report"
            />
            <Stack gap="xs">
              <Text fw={600} size="sm">
                Suites à donner
              </Text>
              {errors.actions && (
                <Text c="red" size="sm">
                  {errors.actions}
                </Text>
              )}
              {form.actions.map((a, i) => (
                <Group key={i} align="flex-start" wrap="wrap" gap="xs">
                  <TextInput
                    flex={1}
                    miw={240}
                    label={`Action ${i + 1}`}
                    value={a.text}
                    onChange={(e) => setAction(i, { text: e.currentTarget.value })}
                    error={errors[`actions.${i}.text`]}
                    data-testid={`interview-action-${i}-text`}
                  />
                  <TextInput
                    w={140}
                    label="Échéance"
                    {...DATE_PROPS}
                    value={a.due_date}
                    onChange={(e) => setAction(i, { due_date: e.currentTarget.value })}
                    error={errors[`actions.${i}.due_date`]}
                    data-testid={`interview-action-${i}-due`}
                  />
                  <TextInput
                    w={140}
                    label="Faite le"
                    {...DATE_PROPS}
                    value={a.done_date}
                    onChange={(e) => setAction(i, { done_date: e.currentTarget.value })}
                    error={errors[`actions.${i}.done_date`]}
                    data-testid={`interview-action-${i}-done`}
                  />
                  <Button
                    variant="subtle"
                    color="red"
                    mt={24}
                    aria-label={`Retirer l'action ${i + 1}`}
                    onClick={() => {
                      setForm((f) => ({ ...f, actions: f.actions.filter((_, k) => k !== i) }));
                      setErrors((er) => withoutRow(er, "actions", i));
                    }}
                  >
                    Retirer
                  </Button>
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() => setForm((f) => ({ ...f, actions: [...f.actions, emptyAction()] }))}
                  data-testid="interview-add-action"
                >
                  Ajouter une action
                </Button>
              </Group>
            </Stack>
            <Group>
              <Button type="submit" loading={saving} data-testid="interview-save">
                Enregistrer l'entretien
              </Button>
              <Button variant="default" onClick={() => setEditing(null)}>
                Annuler
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {tab.interviews.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucun entretien enregistré.
        </Text>
      ) : (
        tab.interviews.map((iv) => (
          <Card withBorder key={iv.id} data-testid="interview-card">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Text fw={700}>
                  {iv.date} — {iv.reason_label}
                </Text>
                <Text size="sm" c="dimmed">
                  {iv.mode_label}
                  {iv.attendees ? ` ; participants : ${iv.attendees}` : ""}
                </Text>
              </Stack>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => print(iv.id, iv.date)}>
                  Imprimer le compte rendu
                </Button>
                <Button size="xs" variant="default" onClick={() => open(iv.id, iv.form)}>
                  Modifier
                </Button>
                {confirmDelete === iv.id ? (
                  <Button size="xs" color="red" onClick={() => remove(iv.id)}>
                    Confirmer la suppression
                  </Button>
                ) : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmDelete(iv.id)}>
                    Supprimer
                  </Button>
                )}
              </Group>
            </Group>
            {iv.report && (
              <Text size="sm" mt="xs" style={{ whiteSpace: "pre-wrap" }}>
                {iv.report}
              </Text>
            )}
            {iv.actions.length > 0 && (
              <Table mt="xs" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Échéance</Table.Th>
                    <Table.Th>Faite le</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {iv.actions.map((a, k) => (
                    <Table.Tr key={k}>
                      <Table.Td>{a.text}</Table.Td>
                      <Table.Td>
                        {a.due_date || "—"}{" "}
                        {a.overdue && (
                          <Badge color="red" variant="light" size="sm">
                            En retard
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{a.done_date || "à faire"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        ))
      )}
    </Stack>
  );
}
