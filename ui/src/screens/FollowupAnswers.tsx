// "Retour de la fiche de suivi {year}": the returned paper form typed in, in the sections of
// the paper form. Pre-filled by the core (the file's data, last year's project) when nothing
// was recorded yet. Errors go next to their fields and nothing typed is lost.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode, type Ref } from "react";
import {
  Alert, Autocomplete, Button, Center, Fieldset, Group, List, Loader, Modal, NativeSelect, SimpleGrid, Stack, Text,
  TextInput, Textarea,
} from "@mantine/core";
import {
  commands, type AnswersForm, type Discipline, type FormView, type Labeled, type RecordOutcome, type ReferenceLists,
} from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { formatDateFr, fullName, labelOf, todayFr } from "../format";
import { fieldErrors } from "../signatoryForm";
import { ANSWERS_LABELS, changeLine, DATE_PROPS, emptyAnswers, labelFor } from "../followupForm";
import { ErrorSummary } from "./ErrorSummary";
import { FormFacts, FormStatusBadge } from "./FollowupFacts";

/** Whose form of which year the dialog is about. */
export type RecordTarget = {
  id: number;
  year: number;
  lastName: string;
  firstNames: string;
  /** Narrows the specialties offered; null when not known. */
  discipline: Discipline | null;
};

type Props = {
  target: RecordTarget;
  refs: ReferenceLists;
  onClose: () => void;
  /** Called after each save; `fileChanged` when the answers updated the signatory's file. */
  onSaved: (form: FormView, fileChanged: boolean) => void;
};

type Key = keyof AnswersForm;

export function FollowupAnswers({ target, refs, onClose, onSaved }: Props) {
  const { id, year } = target;
  const [view, setView] = useState<FormView | null>(null);
  const [values, setValues] = useState<AnswersForm>(emptyAnswers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RecordOutcome | null>(null);
  const [busy, setBusy] = useState<"save" | "received" | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    commands
      .getFollowupForm(id, year)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") {
          setView(res.data);
          // A form not back yet: most are typed in the day they arrive.
          setValues({ ...res.data.answers, received_date: res.data.answers.received_date || todayFr() });
        } else {
          setLoadError(errorMessage(res.error));
        }
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [id, year]);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const specialties = useMemo(() => {
    const names = refs.specialties
      .filter((s) => target.discipline === null || s.discipline === target.discipline)
      .map((s) => s.name);
    return [...new Set(names)].sort((a, b) => a.localeCompare(b, "fr"));
  }, [refs.specialties, target.discipline]);

  const set = (key: Key, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy("save");
    try {
      const res = await commands.recordFollowupAnswers(id, year, values);
      if (res.status === "ok") {
        setErrors({});
        setOutcome(res.data);
        setView(res.data.form);
        setValues(res.data.form.answers);
        notifySuccess(`Retour de la fiche ${year} enregistré`);
        onSaved(res.data.form, res.data.changes.length > 0);
      } else if (res.error.kind === "validation") {
        setOutcome(null);
        setErrors(fieldErrors(res.error)); // the typed values stay as they are
      } else {
        setErrors({});
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setBusy(null);
    }
  }

  /** Only the date of return: the answers will be typed later (status "reçue"). */
  async function receivedOnly() {
    setBusy("received");
    try {
      const res = await commands.markFormReceived(id, year, values.received_date);
      if (res.status === "ok") {
        setErrors({});
        setOutcome(null);
        setView(res.data);
        notifySuccess(`Fiche ${year} marquée comme reçue le ${formatDateFr(res.data.received_date)}`);
        onSaved(res.data, false);
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error));
      } else {
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const common = (key: Key) => ({
    label: ANSWERS_LABELS[key],
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    error: errors[key],
    "data-testid": `answers-${key}`,
  });
  const date = (key: Key) => <TextInput {...common(key)} {...DATE_PROPS} />;
  const select = (key: Key, data: Labeled[]) => <NativeSelect {...common(key)} data={[{ value: "", label: "—" }, ...data]} />;

  const title = `Retour de la fiche de suivi ${year} — ${fullName(target.lastName, target.firstNames)}`;

  let body: ReactNode;
  if (loadError) {
    body = (
      <Alert color="red" title="La fiche n'a pas pu être chargée">
        {loadError}
      </Alert>
    );
  } else if (!view) {
    body = (
      <Center py="xl">
        <Loader aria-label="Chargement" />
      </Center>
    );
  } else {
    body = (
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <Group gap="md" align="flex-start">
            <FormStatusBadge status={view.form_status} refs={refs} testId="answers-status" />
            <FormFacts form={view} refs={refs} />
          </Group>

          {outcome && <Outcome outcome={outcome} refs={refs} innerRef={outcomeRef} />}
          <ErrorSummary errors={errors} label={(k) => labelFor(ANSWERS_LABELS, k)} testId="answers-errors" />

          <Section legend="Réception">
            {date("received_date")}
            {date("signature_date")}
            <Button
              variant="default"
              mt={24}
              onClick={receivedOnly}
              loading={busy === "received"}
              disabled={busy === "save"}
              data-testid="answers-received-only"
            >
              Marquer comme reçue (sans saisir)
            </Button>
          </Section>
          <Section legend="Situation">
            {select("situation", refs.situations)}
            <TextInput {...common("study_year")} inputMode="numeric" />
            <Autocomplete {...common("specialty")} onChange={(v) => set("specialty", v)} data={specialties} limit={50} />
            <TextInput {...common("subdivision")} />
          </Section>
          <Section legend="Coordonnées">
            <TextInput {...common("email")} type="email" />
            <TextInput {...common("phone")} type="tel" />
            <Textarea {...common("address")} autosize minRows={2} />
          </Section>
          <Section legend="Projet professionnel">
            {select("project_mode", refs.practice_modes)}
            {select("project_structure", refs.practice_structures)}
            {select("project_zone", refs.zone_types)}
            <TextInput {...common("project_place")} />
            {date("project_date")}
          </Section>
          <Section legend="Calendrier">
            {date("expected_des_date")}
            {date("expected_thesis_date")}
          </Section>
          <Fieldset legend="Autres aides">
            <Textarea {...common("other_aids")} autosize minRows={2} />
          </Fieldset>
          <Fieldset legend="Observations">
            <Textarea {...common("comments")} autosize minRows={2} />
          </Fieldset>
          <Fieldset legend="Éléments manquants">
            <TextInput {...common("missing_note")} description="Pièce ou page à réclamer au signataire." />
          </Fieldset>

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy !== null}>
              Fermer
            </Button>
            <Button type="submit" loading={busy === "save"} disabled={busy === "received"} data-testid="answers-save">
              Enregistrer le retour
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <Modal opened onClose={onClose} title={title} size="xl" closeOnClickOutside={false}>
      {body}
    </Modal>
  );
}

function Outcome({
  outcome, refs, innerRef,
}: {
  outcome: RecordOutcome;
  refs: ReferenceLists;
  innerRef: Ref<HTMLDivElement>;
}) {
  const { form, changes, warnings } = outcome;
  return (
    <Alert
      ref={innerRef}
      tabIndex={-1}
      color={warnings.length > 0 ? "orange" : "green"}
      title={`Fiche enregistrée : ${labelOf(refs.form_statuses, form.form_status)}`}
      data-testid="record-outcome"
    >
      <Stack gap={4}>
        {form.missing.length > 0 && <Text size="sm">Éléments manquants : {form.missing.join(" ; ")}</Text>}
        {changes.length > 0 ? (
          <>
            <Text size="sm">Dossier mis à jour :</Text>
            <List size="sm">
              {changes.map((c) => (
                <List.Item key={c.field}>{changeLine(c, refs)}</List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm">Le dossier du signataire n'a pas été modifié.</Text>
        )}
        {warnings.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              Points à vérifier :
            </Text>
            <List size="sm">
              {warnings.map((w, i) => (
                <List.Item key={i}>{w}</List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset legend={legend}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>{children}</SimpleGrid>
    </Fieldset>
  );
}
