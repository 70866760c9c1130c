// One application, in a dialog: the candidate and the project (the same fields and checks as
// the signatory's form), then, once saved, the documents of the file with their dates, the
// commission's decision, and « Convertir en signataire » for a selected candidate.
import { useState } from "react";
import {
  Alert, Badge, Button, Checkbox, Divider, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput, Textarea, Title,
} from "@mantine/core";
import { commands, type Application, type ApplicationInput, type CommandError, type ReferenceLists } from "../bindings";
import { exceptionMessage, notifyFailure, notifySuccess, type Result } from "../api";
import { DATE_PROPS } from "../followupForm";
import { fieldErrors } from "../signatoryForm";
import { countLabel, todayFr } from "../format";
import { ErrorSummary } from "./ErrorSummary";

export const EMPTY_APPLICATION: ApplicationInput = {
  civility: "", last_name: "", birth_name: "", first_names: "", birth_date: "", email: "", phone: "", address: "",
  discipline: "medecine", padhue: false, cycle: "", study_year: "", ecn_year: "", ecn_rank: "", specialty: "",
  project_mode: "", project_zone: "", project_place: "", project: "", received_date: "", notes: "",
};

const LABELS: Record<string, string> = {
  civility: "Civilité", last_name: "Nom", birth_name: "Nom de naissance", first_names: "Prénoms", birth_date: "Date de naissance",
  email: "Courriel", phone: "Téléphone", address: "Adresse", discipline: "Discipline", cycle: "Cycle", study_year: "Année d'études",
  ecn_year: "Année ECN/EDN", ecn_rank: "Rang ECN/EDN", specialty: "Spécialité du projet", project_mode: "Mode d'exercice envisagé",
  project_zone: "Zone envisagée", project_place: "Lieu envisagé", project: "Projet professionnel", received_date: "Dossier reçu le",
  notes: "Notes", ufr: "UFR", academic_year: "Campagne", received_on: "Date de réception", decision: "Décision",
  waiting_rank: "Rang sur la liste d'attente", decision_reason: "Motif", contract_sent_on: "Contrat envoyé le",
};

type Props = {
  refs: ReferenceLists;
  year: number;
  ufr: string;
  /** null: a new application. */
  application: Application | null;
  onClose: () => void;
  /** Saved or changed: the campaign reloads it. */
  /** Something was saved: the campaign's list is read again. */
  onChanged: () => void;
  onOpenSignatory: (id: number) => void;
};

const options = (list: { value: string; label: string }[], empty = "—") => [{ value: "", label: empty }, ...list];

export function ApplicationForm({ refs, year, ufr, application, onClose, onChanged, onOpenSignatory }: Props) {
  const [current, setCurrent] = useState<Application | null>(application);
  const [form, setForm] = useState<ApplicationInput>(application?.input ?? EMPTY_APPLICATION);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [decision, setDecision] = useState({
    decision: application?.decision ?? "",
    rank: application?.waiting_rank ? String(application.waiting_rank) : "",
    reason: application?.decision_reason ?? "",
  });
  const [sentOn, setSentOn] = useState(todayFr());
  const [busy, setBusy] = useState(false);
  // The document whose date was last typed: the core's error on "received_on" goes next to it.
  const [dateDocument, setDateDocument] = useState<string | null>(null);

  const set = (k: keyof ApplicationInput) => (v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: keyof ApplicationInput, props: Record<string, unknown> = {}) => (
    <TextInput
      label={LABELS[k]}
      value={String(form[k])}
      onChange={(e) => set(k)(e.currentTarget.value)}
      error={errors[k]}
      data-testid={`app-${k}`}
      {...props}
    />
  );
  const select = (k: keyof ApplicationInput, data: { value: string; label: string }[], empty?: string) => (
    <NativeSelect
      label={LABELS[k]}
      value={String(form[k])}
      onChange={(e) => set(k)(e.currentTarget.value)}
      data={options(data, empty)}
      error={errors[k]}
      data-testid={`app-${k}`}
    />
  );

  function changed(a: Application) {
    setCurrent(a);
    setErrors({});
    onChanged();
  }

  async function run<T>(call: () => Promise<Result<T, CommandError>>, ok: (t: T) => void) {
    setBusy(true);
    try {
      const res = await call();
      if (res.status === "ok") ok(res.data);
      else if (res.error.kind === "validation") setErrors(fieldErrors(res.error));
      else notifyFailure(res.error.message);
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(
      () => commands.saveApplication(current?.id ?? null, year, ufr, form),
      (a) => {
        notifySuccess("Candidature enregistrée");
        changed(a);
        setForm(a.input);
      },
    );

  const tick = (document: string, on: boolean) =>
    current && run(() => commands.setApplicationDocument(current.id, document, on ? todayFr() : ""), changed);

  const setDate = (document: string, date: string) => {
    setDateDocument(document);
    return current && run(() => commands.setApplicationDocument(current.id, document, date), changed);
  };

  const decide = () =>
    current &&
    run(
      () => commands.recordApplicationDecision(current.id, decision.decision, decision.rank, decision.reason),
      (a) => {
        notifySuccess("Décision enregistrée");
        changed(a);
      },
    );

  const convert = () =>
    current &&
    run(
      () => commands.convertApplication(current.id, sentOn),
      (id) => {
        notifySuccess("Le candidat est devenu signataire : son dossier est créé, contrat à compléter");
        onOpenSignatory(id);
      },
    );

  const specialties = refs.specialties.filter((s) => s.discipline === form.discipline).map((s) => ({ value: s.name, label: s.name }));
  const converted = current?.signatory_id !== null && current?.signatory_id !== undefined;

  return (
    <Modal opened onClose={onClose} size="xl" title={current ? `Candidature — ${current.name}` : "Nouvelle candidature"}>
      <Stack gap="md">
        <ErrorSummary errors={errors} label={(k) => LABELS[k] ?? k} testId="app-errors" />
        <Title order={4}>Candidat et projet</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {select("civility", refs.civilities, "Choisir…")}
          {text("last_name", { required: true })}
          {text("first_names", { required: true })}
          {text("birth_name")}
          {text("birth_date", DATE_PROPS)}
          {text("email")}
          {text("phone")}
          {text("address")}
          {select("discipline", refs.disciplines, "Choisir…")}
          {select("cycle", refs.cycles)}
          {text("study_year", { inputMode: "numeric" })}
          <Checkbox mt={30} label="PADHUE" checked={form.padhue} onChange={(e) => set("padhue")(e.currentTarget.checked)} />
          {text("ecn_year", { inputMode: "numeric" })}
          {text("ecn_rank", { inputMode: "numeric" })}
          {select("specialty", specialties)}
          {select("project_mode", refs.practice_modes)}
          {select("project_zone", refs.zone_types)}
          {text("project_place")}
          {text("received_date", DATE_PROPS)}
        </SimpleGrid>
        <Textarea label={LABELS.project} value={form.project} onChange={(e) => set("project")(e.currentTarget.value)} error={errors.project} autosize minRows={2} data-testid="app-project" />
        <Textarea label={LABELS.notes} value={form.notes} onChange={(e) => set("notes")(e.currentTarget.value)} error={errors.notes} autosize minRows={1} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Fermer
          </Button>
          <Button onClick={() => void save()} loading={busy} data-testid="app-save">
            Enregistrer
          </Button>
        </Group>

        {current && (
          <>
            <Divider />
            <Group justify="space-between">
              <Title order={4}>Pièces du dossier</Title>
              {current.complete ? (
                <Badge color="green" variant="light" data-testid="app-complete">
                  Dossier complet
                </Badge>
              ) : (
                <Badge color="red" variant="light" data-testid="app-incomplete">
                  {countLabel(current.missing.length, "pièce manquante", "pièces manquantes")}
                </Badge>
              )}
            </Group>
            <Stack gap={6} data-testid="app-documents">
              {current.documents
                .filter((d) => d.required || d.received_on)
                .map((d) => (
                  <Group key={d.document} justify="space-between" wrap="nowrap">
                    <Checkbox
                      label={d.label}
                      checked={d.received_on !== null}
                      disabled={busy}
                      onChange={(e) => void tick(d.document, e.currentTarget.checked)}
                      data-testid={`doc-${d.document}`}
                    />
                    {d.received_on && (
                      <TextInput
                        // A new key once the core has recorded a date: the field shows what it kept.
                        key={d.received_on}
                        size="xs"
                        w={120}
                        aria-label={`${d.label} : reçue le`}
                        {...DATE_PROPS}
                        error={dateDocument === d.document ? errors.received_on : undefined}
                        defaultValue={d.received_on}
                        onBlur={(e) => e.currentTarget.value !== d.received_on && void setDate(d.document, e.currentTarget.value)}
                      />
                    )}
                  </Group>
                ))}
            </Stack>

            <Divider />
            <Title order={4}>Décision de la commission</Title>
            <Group align="flex-start" grow>
              <NativeSelect
                label="Décision"
                value={decision.decision}
                onChange={(e) => setDecision({ ...decision, decision: e.currentTarget.value })}
                data={options(refs.decisions, "Sans décision")}
                error={errors.decision}
                data-testid="app-decision"
              />
              <TextInput
                label="Rang sur la liste d'attente"
                value={decision.rank}
                disabled={decision.decision !== "liste_attente"}
                onChange={(e) => setDecision({ ...decision, rank: e.currentTarget.value })}
                error={errors.waiting_rank}
                inputMode="numeric"
                data-testid="app-rank"
              />
            </Group>
            <TextInput
              label="Motif (court)"
              value={decision.reason}
              onChange={(e) => setDecision({ ...decision, reason: e.currentTarget.value })}
              error={errors.decision_reason}
              data-testid="app-reason"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void decide()} loading={busy} data-testid="app-decide">
                Enregistrer la décision
              </Button>
            </Group>

            {current.decision === "retenu" && (
              <>
                <Divider />
                <Title order={4}>Contrat</Title>
                {converted ? (
                  <Alert color={current.contract_overdue ? "red" : "blue"} data-testid="app-converted">
                    Signataire créé.{" "}
                    {current.contract_returned
                      ? "Le contrat signé est revenu."
                      : current.contract_due
                        ? `Contrat envoyé le ${current.contract_sent_on}, à retourner signé au plus tard le ${current.contract_due}.`
                        : "Contrat à envoyer."}{" "}
                    <Button variant="subtle" size="compact-sm" onClick={() => onOpenSignatory(current.signatory_id as number)} data-testid="app-open-signatory">
                      Ouvrir le dossier
                    </Button>
                  </Alert>
                ) : (
                  <Group align="flex-end">
                    <TextInput
                      label="Contrat envoyé le"
                      description="Le candidat le retourne signé dans le délai fixé dans Paramètres › Campagne de candidatures."
                      {...DATE_PROPS}
                      value={sentOn}
                      onChange={(e) => setSentOn(e.currentTarget.value)}
                      error={errors.contract_sent_on}
                      data-testid="app-sent-on"
                    />
                    <Button onClick={() => void convert()} loading={busy} data-testid="app-convert">
                      Convertir en signataire
                    </Button>
                  </Group>
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}
