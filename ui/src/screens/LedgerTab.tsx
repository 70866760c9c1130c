// Tab "Contrat et allocation" of a signatory: dates, suspensions, the figures the core
// computes from them, a rupture simulation and the end of the contract.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import {
  Alert, Button, Center, Checkbox, Fieldset, Group, List, Loader, Modal, NativeSelect, Paper, SimpleGrid, Stack,
  Table, Text, TextInput, Textarea, VisuallyHidden,
} from "@mantine/core";
import {
  commands, type AllowanceSuspensionForm, type ContractEndInput, type LedgerForm, type LedgerView,
  type PracticeSuspensionForm, type ReferenceLists, type SimulateOutput,
} from "../bindings";
import { choosePdfPath, errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { formatCount, formatDateFr, formatEuros, labelOf, todayFr } from "../format";
import { errorSummary } from "../signatoryForm";
import { notifyWritten } from "../written";
import {
  emptyLedgerForm, emptyPracticeSuspension, emptySuspension, fieldErrors, LEDGER_LABELS, ledgerFieldLabel,
  removeRowErrors, rowErrors, ruptureLines, type LedgerDateKey,
} from "../ledgerForm";

type Props = {
  id: number;
  refs: ReferenceLists;
  /** Called after the end of the contract was recorded: the signatory's status changed. */
  onStatusChanged?: () => void;
  /** Bumped when another tab changed the contract (a declaration's practice start): the
   *  figures and that date are read again, the rest of what is typed stays. */
  refreshKey?: number;
};

type Errors = Record<string, string>;

const dateProps = { placeholder: "jj/mm/aaaa", maxLength: 10, inputMode: "numeric" as const };
const emptyEnd = (): ContractEndInput => ({ kind: "", date: "", notes: "" });

export function LedgerTab({ id, refs, onStatusChanged, refreshKey = 0 }: Props) {
  const [view, setView] = useState<LedgerView | null>(null);
  const [form, setForm] = useState<LedgerForm>(emptyLedgerForm);
  const [errors, setErrors] = useState<Errors>({});
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const [ruptureDate, setRuptureDate] = useState(() => todayFr());
  const [simulation, setSimulation] = useState<SimulateOutput | null>(null);
  const [printing, setPrinting] = useState(false);

  /** Saves the one-page justification of the simulated rupture where the user chooses. */
  async function printSimulation() {
    setPrinting(true);
    try {
      const path = await choosePdfPath(`simulation-rupture-${ruptureDate.replaceAll("/", "-")}.pdf`);
      if (!path) return;
      const res = await commands.printRuptureSimulation(id, ruptureDate, path);
      if (res.status === "ok") notifyWritten("Simulation enregistrée", res.data);
      else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setPrinting(false);
    }
  }
  const [simErrors, setSimErrors] = useState<Errors>({});
  const [simulating, setSimulating] = useState(false);

  const [end, setEnd] = useState<ContractEndInput>(emptyEnd);
  const [endErrors, setEndErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const [recording, setRecording] = useState(false);

  const statusRef = useRef(onStatusChanged);
  useEffect(() => {
    statusRef.current = onStatusChanged;
  });

  const loadedOnce = useRef(false);
  useEffect(() => {
    let alive = true;
    commands
      .getLedger(id)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") {
          setView(res.data);
          if (loadedOnce.current) {
            const practice = res.data.form.practice_start;
            setForm((f) => ({ ...f, practice_start: practice }));
          } else {
            setForm(res.data.form);
          }
          loadedOnce.current = true;
        } else {
          setLoadError(errorMessage(res.error));
        }
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [id, refreshKey]);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summaryRef.current?.focus();
  }, [errors, errorCount]);

  if (loading) {
    return (
      <Center py="xl">
        <Loader aria-label="Chargement" />
      </Center>
    );
  }
  if (!view) {
    return (
      <Alert color="red" title="Le contrat n'a pas pu être chargé" data-testid="ledger-load-error">
        {loadError}
      </Alert>
    );
  }

  // --- Form editing -----------------------------------------------------------------

  const setDate = (key: LedgerDateKey, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const setSuspension = (i: number, patch: Partial<AllowanceSuspensionForm>) =>
    setForm((f) => ({ ...f, suspensions: f.suspensions.map((s, k) => (k === i ? { ...s, ...patch } : s)) }));
  const addSuspension = () => setForm((f) => ({ ...f, suspensions: [...f.suspensions, emptySuspension()] }));
  const removeSuspension = (i: number) => {
    setForm((f) => ({ ...f, suspensions: f.suspensions.filter((_, k) => k !== i) }));
    setErrors((e) => removeRowErrors(e, "suspensions", i));
  };

  const setPractice = (i: number, patch: Partial<PracticeSuspensionForm>) =>
    setForm((f) => ({
      ...f,
      practice_suspensions: f.practice_suspensions.map((s, k) => (k === i ? { ...s, ...patch } : s)),
    }));
  const addPractice = () =>
    setForm((f) => ({ ...f, practice_suspensions: [...f.practice_suspensions, emptyPracticeSuspension()] }));
  const removePractice = (i: number) => {
    setForm((f) => ({ ...f, practice_suspensions: f.practice_suspensions.filter((_, k) => k !== i) }));
    setErrors((e) => removeRowErrors(e, "practice_suspensions", i));
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const res = await commands.saveLedger(id, form);
      if (res.status === "ok") {
        setErrors({});
        setView(res.data);
        setForm(res.data.form);
        setSimulation(null); // computed on the previous dates
        notifySuccess("Contrat enregistré");
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error)); // what was typed stays
      } else {
        setErrors({});
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSaving(false);
    }
  }

  async function simulate(e: FormEvent) {
    e.preventDefault();
    setSimulating(true);
    try {
      const res = await commands.simulateRupture(id, ruptureDate);
      if (res.status === "ok") {
        setSimErrors({});
        setSimulation(res.data);
      } else {
        setSimulation(null);
        if (res.error.kind === "validation") setSimErrors(fieldErrors(res.error));
        else {
          setSimErrors({});
          notifyFailure(res.error.message);
        }
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSimulating(false);
    }
  }

  // The value is read from the event now, not inside the state updater (which runs later).
  const setEndField = (key: keyof ContractEndInput, value: string) => setEnd((x) => ({ ...x, [key]: value }));

  async function recordEnd() {
    setConfirming(false);
    setRecording(true);
    try {
      const res = await commands.recordContractEnd(id, end);
      if (res.status === "ok") {
        setEndErrors({});
        // The dates being edited are kept as typed: only the figures and the end change.
        setView(res.data);
        setEnd(emptyEnd());
        notifySuccess("Fin du contrat enregistrée");
        statusRef.current?.();
      } else if (res.error.kind === "validation") {
        setEndErrors(fieldErrors(res.error));
      } else {
        setEndErrors({});
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setRecording(false);
    }
  }

  // --- Rendering --------------------------------------------------------------------

  const dateInput = (key: LedgerDateKey, description?: ReactNode) => (
    <TextInput
      label={LEDGER_LABELS[key]}
      value={form[key]}
      onChange={(e) => setDate(key, e.currentTarget.value)}
      error={errors[key]}
      description={description}
      data-testid={`ledger-${key}`}
      {...dateProps}
    />
  );

  const definitive = view.definitive;
  const definitiveLine = definitive && (
    <span data-testid="ledger-definitive">
      Effet au {formatDateFr(definitive.effective)}
      {" — "}
      {definitive.in_time === true
        ? "dans le délai de 30 jours"
        : definitive.in_time === false
          ? `hors délai (date limite ${formatDateFr(definitive.deadline)})`
          : "délai non vérifiable (premier jour d'internat inconnu)"}
    </span>
  );

  const c = view.computation;
  const dash = "—";
  const lines = simulation ? ruptureLines(simulation, refs) : [];
  const simOther = Object.entries(simErrors).filter(([k]) => k !== "rupture_date");
  const endOther = Object.entries(endErrors).filter(([k]) => !["kind", "date", "notes"].includes(k));

  return (
    <Stack gap="lg">
      {/* Summary: the figures as of today, from the saved data. */}
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }}>
          <Stat label="Mois d'allocation versés" value={c ? formatCount(c.months_paid) : dash} testId="ledger-months-paid" />
          <Stat label="Total brut" value={c ? formatEuros(c.gross_total) : dash} testId="ledger-gross-total" />
          <Stat label="Total net" value={c ? formatEuros(c.net_total) : dash} testId="ledger-net-total" />
          <Stat
            label="Engagement"
            value={c ? `${formatCount(c.commitment_months)} mois` : dash}
            hint="24 mois minimum"
            testId="ledger-commitment-months"
          />
          <Stat
            label="Fin d'engagement"
            value={c?.commitment_end ? formatDateFr(c.commitment_end) : dash}
            testId="ledger-commitment-end"
          />
          <Stat label="Mois d'exercice effectués" value={c ? formatCount(c.months_served) : dash} testId="ledger-months-served" />
          <Stat
            label="Mois restants"
            value={c && c.months_remaining != null ? formatCount(c.months_remaining) : dash}
            testId="ledger-months-remaining"
          />
        </SimpleGrid>
        <Text size="sm" data-testid="ledger-monthly">
          {view.monthly_gross && view.monthly_net
            ? `${formatEuros(view.monthly_gross)} brut / ${formatEuros(view.monthly_net)} net par mois`
            : "Montant mensuel : indiquez le début de l'allocation (barème des paramètres)."}
        </Text>
        {!c && (
          <Text size="sm" c="dimmed">
            Les chiffres apparaîtront une fois le début de l'allocation enregistré.
          </Text>
        )}
      </Stack>

      {view.warnings.length > 0 && (
        <Alert color="orange" title="Points à vérifier" data-testid="ledger-warnings">
          <List size="sm">
            {view.warnings.map((w, i) => (
              <List.Item key={i}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <form onSubmit={save} noValidate>
        <Stack gap="md">
          {errorCount > 0 && (
            <Alert ref={summaryRef} tabIndex={-1} color="red" data-testid="ledger-errors" title={errorSummary(errorCount)}>
              <List size="sm">
                {Object.entries(errors).map(([key, message]) => (
                  <List.Item key={key}>
                    {ledgerFieldLabel(key)} : {message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}

          <Fieldset legend="Dates du contrat">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {dateInput("allocation_start")}
              {dateInput("allocation_end")}
              {dateInput("intern_start")}
              {dateInput("definitive_request", definitiveLine || undefined)}
              {dateInput("diploma_date")}
              {dateInput("practice_start")}
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend="Suspensions de l'allocation">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                Par mois entiers : du 1er d'un mois au dernier jour d'un mois.
              </Text>
              {errors.suspensions && <RowMessage>{errors.suspensions}</RowMessage>}
              {form.suspensions.length === 0 ? (
                <Text size="sm">Aucune suspension.</Text>
              ) : (
                <Table.ScrollContainer minWidth={760}>
                  <Table verticalSpacing="xs" data-testid="suspensions-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Début</Table.Th>
                        <Table.Th>Fin</Table.Th>
                        <Table.Th>Motif</Table.Th>
                        <Table.Th>Allocation maintenue</Table.Th>
                        <Table.Th>Justificatif reçu</Table.Th>
                        <Table.Th>
                          <VisuallyHidden>Actions</VisuallyHidden>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {form.suspensions.map((s, i) => {
                        const { fields, row } = rowErrors(errors, "suspensions", i);
                        const n = i + 1;
                        return [
                          <Table.Tr key={`row-${i}`}>
                            <Table.Td>
                              <TextInput
                                aria-label={`Suspension ${n} : début`}
                                value={s.start}
                                onChange={(e) => setSuspension(i, { start: e.currentTarget.value })}
                                error={fields.start ?? (row ? true : undefined)}
                                data-testid={`suspension-${i}-start`}
                                {...dateProps}
                              />
                            </Table.Td>
                            <Table.Td>
                              <TextInput
                                aria-label={`Suspension ${n} : fin`}
                                value={s.end}
                                onChange={(e) => setSuspension(i, { end: e.currentTarget.value })}
                                error={fields.end ?? (row ? true : undefined)}
                                data-testid={`suspension-${i}-end`}
                                {...dateProps}
                              />
                            </Table.Td>
                            <Table.Td>
                              <NativeSelect
                                aria-label={`Suspension ${n} : motif`}
                                value={s.reason}
                                onChange={(e) => setSuspension(i, { reason: e.currentTarget.value })}
                                data={[{ value: "", label: "—" }, ...refs.suspension_reasons]}
                                error={fields.reason}
                                data-testid={`suspension-${i}-reason`}
                              />
                            </Table.Td>
                            <Table.Td>
                              <Checkbox
                                aria-label={`Suspension ${n} : allocation maintenue`}
                                checked={s.paid}
                                onChange={(e) => setSuspension(i, { paid: e.currentTarget.checked })}
                                error={fields.paid}
                                data-testid={`suspension-${i}-paid`}
                              />
                            </Table.Td>
                            <Table.Td>
                              <Checkbox
                                aria-label={`Suspension ${n} : justificatif reçu`}
                                checked={s.document_received}
                                onChange={(e) => setSuspension(i, { document_received: e.currentTarget.checked })}
                                error={fields.document_received}
                                data-testid={`suspension-${i}-document`}
                              />
                            </Table.Td>
                            <Table.Td>
                              <Button
                                variant="subtle"
                                color="red"
                                size="xs"
                                onClick={() => removeSuspension(i)}
                                aria-label={`Supprimer la suspension ${n}`}
                                data-testid={`suspension-${i}-delete`}
                              >
                                Supprimer
                              </Button>
                            </Table.Td>
                          </Table.Tr>,
                          row && (
                            <Table.Tr key={`error-${i}`}>
                              <Table.Td colSpan={6} pt={0}>
                                <RowMessage testId={`suspension-${i}-error`}>{row}</RowMessage>
                              </Table.Td>
                            </Table.Tr>
                          ),
                        ];
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              <Group>
                <Button variant="default" onClick={addSuspension} data-testid="add-suspension">
                  Ajouter une suspension
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Fieldset legend="Suspensions d'exercice">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                Par mois entiers : du 1er d'un mois au dernier jour d'un mois. Elles repoussent la fin
                d'engagement d'autant.
              </Text>
              {errors.practice_suspensions && <RowMessage>{errors.practice_suspensions}</RowMessage>}
              {form.practice_suspensions.length === 0 ? (
                <Text size="sm">Aucune suspension d'exercice.</Text>
              ) : (
                <Table verticalSpacing="xs" data-testid="practice-suspensions-table" maw={560}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Début</Table.Th>
                      <Table.Th>Fin</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {form.practice_suspensions.map((s, i) => {
                      const { fields, row } = rowErrors(errors, "practice_suspensions", i);
                      const n = i + 1;
                      return [
                        <Table.Tr key={`row-${i}`}>
                          <Table.Td>
                            <TextInput
                              aria-label={`Suspension d'exercice ${n} : début`}
                              value={s.start}
                              onChange={(e) => setPractice(i, { start: e.currentTarget.value })}
                              error={fields.start ?? (row ? true : undefined)}
                              data-testid={`practice-suspension-${i}-start`}
                              {...dateProps}
                            />
                          </Table.Td>
                          <Table.Td>
                            <TextInput
                              aria-label={`Suspension d'exercice ${n} : fin`}
                              value={s.end}
                              onChange={(e) => setPractice(i, { end: e.currentTarget.value })}
                              error={fields.end ?? (row ? true : undefined)}
                              data-testid={`practice-suspension-${i}-end`}
                              {...dateProps}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Button
                              variant="subtle"
                              color="red"
                              size="xs"
                              onClick={() => removePractice(i)}
                              aria-label={`Supprimer la suspension d'exercice ${n}`}
                              data-testid={`practice-suspension-${i}-delete`}
                            >
                              Supprimer
                            </Button>
                          </Table.Td>
                        </Table.Tr>,
                        row && (
                          <Table.Tr key={`error-${i}`}>
                            <Table.Td colSpan={3} pt={0}>
                              <RowMessage testId={`practice-suspension-${i}-error`}>{row}</RowMessage>
                            </Table.Td>
                          </Table.Tr>
                        ),
                      ];
                    })}
                  </Table.Tbody>
                </Table>
              )}
              <Group>
                <Button variant="default" onClick={addPractice} data-testid="add-practice-suspension">
                  Ajouter une suspension d'exercice
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Group>
            <Button type="submit" loading={saving} data-testid="save-ledger">
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>

      <Fieldset legend="Simuler une rupture">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            La simulation porte sur les données enregistrées ci-dessus.
          </Text>
          <form onSubmit={simulate} noValidate>
            <Group align="flex-end">
              <TextInput
                label="Date de rupture"
                value={ruptureDate}
                onChange={(e) => setRuptureDate(e.currentTarget.value)}
                error={simErrors.rupture_date}
                data-testid="rupture-date"
                {...dateProps}
              />
              <Button type="submit" loading={simulating} data-testid="simulate-rupture">
                Simuler
              </Button>
            </Group>
          </form>
          {simOther.length > 0 && (
            <Alert color="red" data-testid="rupture-errors" title="Simulation impossible">
              <List size="sm">
                {simOther.map(([key, message]) => (
                  <List.Item key={key}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {simulation && (
            <Stack gap="xs" data-testid="rupture-result">
              {lines.length > 0 ? (
                <Table withTableBorder maw={820}>
                  <Table.Tbody>
                    {lines.map((line, i) => {
                      const total = i === lines.length - 1;
                      return (
                        <Table.Tr key={line.label} fw={total ? 700 : undefined}>
                          <Table.Th scope="row" fw={total ? 700 : 600}>
                            {line.label}
                          </Table.Th>
                          <Table.Td>{line.detail}</Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} data-testid={total ? "rupture-total" : undefined}>
                            {line.amount}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="sm">Aucune somme calculée pour cette date.</Text>
              )}
              {simulation.warnings.length > 0 && (
                <Alert color="orange" title="Points à vérifier" data-testid="rupture-warnings">
                  <List size="sm">
                    {simulation.warnings.map((w, i) => (
                      <List.Item key={i}>{w}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              <Group>
                <Button variant="default" onClick={printSimulation} loading={printing} data-testid="print-rupture">
                  Imprimer la simulation (PDF)
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Fieldset>

      <Fieldset legend="Fin du contrat">
        {view.contract_end ? (
          <Stack gap={4} data-testid="contract-end">
            <Text>
              <Text span fw={600}>
                {labelOf(refs.contract_end_kinds, view.contract_end.kind)}
              </Text>{" "}
              le {formatDateFr(view.contract_end.date)}
            </Text>
            {view.contract_end.amount && (
              <Text data-testid="contract-end-amount">
                Somme due calculée à cette date : {formatEuros(view.contract_end.amount)}
              </Text>
            )}
            {view.contract_end.notes && (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {view.contract_end.notes}
              </Text>
            )}
          </Stack>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setConfirming(true);
            }}
            noValidate
          >
            <Stack gap="sm">
              {endOther.length > 0 && (
                <Alert color="red" data-testid="end-errors" title="Rien n'a été enregistré">
                  <List size="sm">
                    {endOther.map(([key, message]) => (
                      <List.Item key={key}>
                        {ledgerFieldLabel(key)} : {message}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label="Type de fin"
                  value={end.kind}
                  onChange={(e) => setEndField("kind", e.currentTarget.value)}
                  data={[{ value: "", label: "—" }, ...refs.contract_end_kinds]}
                  error={endErrors.kind}
                  data-testid="end-kind"
                />
                <TextInput
                  label="Date de fin"
                  value={end.date}
                  onChange={(e) => setEndField("date", e.currentTarget.value)}
                  error={endErrors.date}
                  data-testid="end-date"
                  {...dateProps}
                />
              </SimpleGrid>
              <Textarea
                label="Notes"
                value={end.notes}
                onChange={(e) => setEndField("notes", e.currentTarget.value)}
                error={endErrors.notes}
                autosize
                minRows={2}
                data-testid="end-notes"
              />
              <Group>
                <Button type="submit" color="red" variant="outline" loading={recording} data-testid="record-end">
                  Enregistrer la fin du contrat
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Fieldset>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Fin du contrat" centered>
        <Stack>
          <Text>Le statut du signataire sera modifié. Confirmer ?</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-testid="cancel-end">
              Annuler
            </Button>
            <Button color="red" onClick={recordEnd} data-testid="confirm-end">
              Confirmer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function RowMessage({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Text size="sm" c="red" data-testid={testId}>
      {children}
    </Text>
  );
}
