// Tab "Suivi annuel" of a signatory: every fiche de suivi of the file, most recent first,
// with where it stands, the answers recorded and what they changed in the file; and the
// buttons to record or print a year's form.
import { useCallback, useEffect, useState } from "react";
import { Alert, Button, Card, Center, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { commands, type Discipline, type FormView, type ReferenceLists } from "../bindings";
import { errorMessage, exceptionMessage } from "../api";
import { answerLines, campaignYears } from "../followupForm";
import { FollowupAnswers, type RecordTarget } from "./FollowupAnswers";
import { FormFacts, FormStatusBadge } from "./FollowupFacts";
import { printOneSheet } from "./FollowupPrint";

type Props = {
  id: number;
  refs: ReferenceLists;
  /** From the loaded file; empty/null until it is loaded. */
  lastName: string;
  firstNames: string;
  discipline: Discipline | null;
  /** A recorded form changed the file (contact details, year, specialty…). */
  onFileChanged?: () => void;
};

export function FollowupHistory({ id, refs, lastName, firstNames, discipline, onFileChanged }: Props) {
  const [forms, setForms] = useState<FormView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [record, setRecord] = useState<RecordTarget | null>(null);

  const load = useCallback(() => {
    let alive = true;
    commands
      .followupHistory(id)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setForms(res.data);
        else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [id]);
  useEffect(load, [load]);

  const openRecord = (y: number) => setRecord({ id, year: y, lastName, firstNames, discipline });
  const print = (y: number) => printOneSheet(id, y, lastName, firstNames);

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label="Campagne"
          data={campaignYears().map(String)}
          value={String(year)}
          onChange={(e) => setYear(Number(e.currentTarget.value))}
          data-testid="history-year"
          w={140}
        />
        <Button onClick={() => openRecord(year)} data-testid="history-record">
          Saisir le retour de la fiche {year}
        </Button>
        <Button variant="default" onClick={() => print(year)} data-testid="history-print">
          Imprimer la fiche {year}
        </Button>
      </Group>

      {loadError && (
        <Alert color="red" title="Le suivi n'a pas pu être chargé">
          {loadError}
        </Alert>
      )}
      {!forms && !loadError && (
        <Center py="md">
          <Loader size="sm" aria-label="Chargement du suivi" />
        </Center>
      )}
      {forms && forms.length === 0 && (
        <Text c="dimmed" data-testid="history-empty">
          Aucune fiche de suivi envoyée ni reçue pour ce signataire.
        </Text>
      )}
      {forms?.map((f) => (
        <HistoryCard key={f.year} form={f} refs={refs} onRecord={() => openRecord(f.year)} onPrint={() => print(f.year)} />
      ))}

      {record && (
        <FollowupAnswers
          target={record}
          refs={refs}
          onClose={() => setRecord(null)}
          onSaved={(_, fileChanged) => {
            load();
            if (fileChanged) onFileChanged?.();
          }}
        />
      )}
    </Stack>
  );
}

function HistoryCard({
  form, refs, onRecord, onPrint,
}: {
  form: FormView;
  refs: ReferenceLists;
  onRecord: () => void;
  onPrint: () => void;
}) {
  const lines = form.complete === null ? [] : answerLines(form.answers, refs);
  return (
    <Card withBorder padding="md" data-testid={`history-year-${form.year}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={3} size="h4">
              Campagne {form.year}
            </Title>
            <FormStatusBadge status={form.form_status} refs={refs} />
          </Group>
          <Group gap="xs">
            <Button size="compact-sm" variant="light" onClick={onRecord} data-testid={`history-record-${form.year}`}>
              Saisir le retour
            </Button>
            <Button size="compact-sm" variant="default" onClick={onPrint} data-testid={`history-print-${form.year}`}>
              Imprimer la fiche
            </Button>
          </Group>
        </Group>
        <FormFacts form={form} refs={refs} />
        {lines.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4} data-testid="history-answers">
            {lines.map((l) => (
              <Text size="sm" key={l.key} style={{ whiteSpace: "pre-wrap" }}>
                <Text span fw={600} size="sm">
                  {l.label} :
                </Text>{" "}
                {l.value}
              </Text>
            ))}
          </SimpleGrid>
        )}
        {form.applied_fields.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="history-applied">
            Cette fiche a mis à jour : {form.applied_fields.join(", ")}.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
