// "Candidatures": the applications of a campaign (an academic year and a UFR), the documents
// missing at a glance, the commission's sitting and decisions (printed as a PDF for the
// minutes), and the conversion of a selected candidate into a signatory.
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  Autocomplete, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title,
  UnstyledButton,
} from "@mantine/core";
import { commands, type Application, type CampaignView, type CommissionInput, type ReferenceLists } from "../bindings";
import { choosePdfPath, errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { DATE_PROPS } from "../followupForm";
import { countLabel, fileNamePart, formatCount, plural } from "../format";
import { fieldErrors } from "../signatoryForm";
import { ApplicationForm } from "./ApplicationForm";
import { notifyWritten } from "../written";

/** The campaign shown, kept by the App so that a visit to a signatory's file comes back to it. */
export type ApplicationsState = { year: number; ufr: string; open: number | null };

/** The campaign under way (year 0) is the core's to say: it answers with its year. */
export const initialApplicationsState: ApplicationsState = { year: 0, ufr: "", open: null };

type Props = {
  refs: ReferenceLists;
  state: ApplicationsState;
  onStateChange: (s: ApplicationsState) => void;
  onOpenSignatory: (id: number) => void;
};

export function Applications({ refs, state, onStateChange, onOpenSignatory }: Props) {
  const [view, setView] = useState<CampaignView | null>(null);
  const [ufrText, setUfrText] = useState(state.ufr);
  const [onlyIncomplete, setOnlyIncomplete] = useState(false);
  const [editing, setEditing] = useState<Application | "new" | null>(null);
  const [commission, setCommission] = useState<CommissionInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [savingCommission, setSavingCommission] = useState(false);
  // Bumped after a change in the form: the list is read again, in the core's order.
  const [reloads, setReloads] = useState(0);
  const latest = useRef(0);
  // The campaign shown: the one asked for, or for year 0 the one the core says is under way.
  const year = view?.academic_year ?? state.year;

  useEffect(() => {
    const n = ++latest.current;
    commands
      .applicationCampaign(state.year, state.ufr)
      .then((res) => {
        if (n !== latest.current) return;
        if (res.status === "ok") {
          setView(res.data);
          setCommission(res.data.commission);
          // Opened from "À faire": the application asked for.
          if (state.open !== null) {
            const a = res.data.applications.find((x) => x.id === state.open);
            if (a) setEditing(a);
            onStateChange({ ...state, open: null });
          }
        } else notifyFailure(errorMessage(res.error));
      })
      .catch((e) => notifyFailure(exceptionMessage(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.year, state.ufr, reloads]);

  function chooseUfr(e?: FormEvent) {
    e?.preventDefault();
    onStateChange({ ...state, ufr: ufrText.trim() });
  }

  async function saveCommission(e: FormEvent) {
    e.preventDefault();
    if (!commission || savingCommission) return;
    setSavingCommission(true);
    try {
      const res = await commands.saveCommission(year, state.ufr, commission);
      if (res.status === "ok") {
        setView(res.data);
        setCommission(res.data.commission);
        setErrors({});
        notifySuccess("Commission enregistrée");
      } else if (res.error.kind === "validation") setErrors(fieldErrors(res.error));
      else notifyFailure(res.error.message);
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSavingCommission(false);
    }
  }

  async function printDecisions() {
    try {
      const path = await choosePdfPath(`decisions-${year}-${fileNamePart(state.ufr)}.pdf`);
      if (!path) return;
      const res = await commands.printDecisions(year, state.ufr, path);
      if (res.status === "ok") notifyWritten("Liste des décisions enregistrée", res.data);
      else notifyFailure(errorMessage(res.error));
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    }
  }

  const rows = (view?.applications ?? []).filter((a) => !onlyIncomplete || !a.complete);
  const incomplete = (view?.applications ?? []).filter((a) => !a.complete).length;

  return (
    <Stack gap="md">
      <Title order={2}>Candidatures</Title>
      <Paper withBorder p="md">
        <form onSubmit={chooseUfr}>
          <Group align="flex-end">
            <NativeSelect
              label="Campagne"
              value={String(year)}
              onChange={(e) => onStateChange({ ...state, year: Number(e.currentTarget.value) })}
              data={view?.year_choices ?? []}
              data-testid="apps-year"
            />
            <Autocomplete
              label="UFR"
              placeholder="Faculté de médecine de…"
              w={360}
              value={ufrText}
              onChange={setUfrText}
              onOptionSubmit={(v) => onStateChange({ ...state, ufr: v })}
              data={view?.ufrs ?? []}
              data-testid="apps-ufr"
            />
            <Button type="submit" variant="default" data-testid="apps-show">
              Afficher
            </Button>
          </Group>
        </form>
        {view && (
          <Text size="sm" mt="sm" c="dimmed" data-testid="apps-calendar">
            Dépôt des dossiers jusqu'au {view.deadline} · commission le {view.commission_date} · listes à transmettre avant le{" "}
            {view.lists_before} · signatures à partir du {view.signatures_from} · contrat à retourner sous {view.contract_return_days} jours
          </Text>
        )}
      </Paper>

      {view && !view.ufr && <Text>Choisissez l'UFR de la campagne pour voir ses candidatures.</Text>}

      {view && view.ufr && (
        <>
          <Group justify="space-between">
            <Group>
              <Text data-testid="apps-total">
                {countLabel(view.applications.length, "candidature", "candidatures")}, {formatCount(incomplete)}{" "}
                {plural(incomplete, "incomplète", "incomplètes")}
              </Text>
              <Checkbox label="Dossiers incomplets seulement" checked={onlyIncomplete} onChange={(e) => setOnlyIncomplete(e.currentTarget.checked)} data-testid="apps-incomplete-only" />
            </Group>
            <Button onClick={() => setEditing("new")} data-testid="apps-new">
              Nouvelle candidature
            </Button>
          </Group>
          {rows.length > 0 && (
            <Table striped withTableBorder data-testid="apps-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Candidat</Table.Th>
                  <Table.Th>Études</Table.Th>
                  <Table.Th>Projet</Table.Th>
                  <Table.Th>Dossier</Table.Th>
                  <Table.Th>Décision</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id} data-testid="apps-row">
                    <Table.Td>
                      <UnstyledButton className="name-link" onClick={() => setEditing(a)} data-testid="apps-open">
                        {a.name}
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td>
                      {a.discipline_label}
                      {a.studies_label && (
                        <Text size="xs" c="dimmed">
                          {a.studies_label}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{a.input.specialty || "—"}</Table.Td>
                    <Table.Td>
                      {a.complete ? (
                        <Badge color="green" variant="light">
                          Complet
                        </Badge>
                      ) : (
                        <Text size="xs" c="red" title={a.missing.join(", ")}>
                          Manque : {a.missing.join(", ")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {a.decision_label || "—"}
                      {a.waiting_rank !== null && ` (rang ${a.waiting_rank})`}
                      {a.signatory_id !== null && (
                        <Text size="xs" c={a.contract_overdue ? "red" : "dimmed"}>
                          {a.contract_returned ? "Contrat signé" : a.contract_due ? `Contrat à retourner avant le ${a.contract_due}` : "Signataire créé"}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {view.applications.length === 0 && <Text>Aucune candidature pour cette campagne.</Text>}

          {commission && (
            <Paper withBorder p="md">
              <form onSubmit={saveCommission} noValidate>
                <Stack gap="sm">
                  <Group justify="space-between">
                    <Title order={3}>Commission de sélection</Title>
                    <Button variant="default" onClick={() => void printDecisions()} data-testid="apps-print">
                      Imprimer la liste des décisions (PDF)
                    </Button>
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <TextInput
                      label="Date de la séance"
                      {...DATE_PROPS}
                      value={commission.sitting_date}
                      onChange={(e) => setCommission({ ...commission, sitting_date: e.currentTarget.value })}
                      error={errors.sitting_date}
                      data-testid="commission-date"
                    />
                  </SimpleGrid>
                  <Textarea
                    label="Membres présents"
                    description="Doyen, ARS, représentants des étudiants et des internes, Ordre, URPS…"
                    value={commission.members}
                    onChange={(e) => setCommission({ ...commission, members: e.currentTarget.value })}
                    error={errors.members}
                    autosize
                    minRows={2}
                    data-testid="commission-members"
                  />
                  <Textarea
                    label="Observations"
                    value={commission.notes}
                    onChange={(e) => setCommission({ ...commission, notes: e.currentTarget.value })}
                    error={errors.notes}
                    autosize
                    minRows={1}
                  />
                  <Group justify="flex-end">
                    <Button type="submit" variant="default" loading={savingCommission} data-testid="commission-save">
                      Enregistrer la commission
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Paper>
          )}
        </>
      )}

      {editing && view && (
        <ApplicationForm
          refs={refs}
          year={view.academic_year}
          ufr={view.ufr}
          application={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onChanged={() => setReloads((k) => k + 1)}
          onOpenSignatory={(id) => {
            setEditing(null);
            onOpenSignatory(id);
          }}
        />
      )}
    </Stack>
  );
}
