// Tab "Installation" of a signatory: the déclarations de choix du lieu d'exercice, each with
// its places (multi-site) and their zone in the zonage in force at the declaration date, the
// history of the places, what the referent must check, and other signatories in the same
// commune (oldest project first).
import { useEffect, useState, type FormEvent } from "react";
import {
  Alert, Badge, Button, Card, Center, Group, List, Loader, NativeSelect, Paper, SimpleGrid, Stack, Table, Text,
  TextInput, Textarea, Title,
} from "@mantine/core";
import {
  commands, type DeclarationForm, type InstallationTab as Tab, type PlaceForm, type ReferenceLists,
} from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { todayFr } from "../format";
import { fieldErrors } from "../signatoryForm";
import { DATE_PROPS } from "../followupForm";
import {
  DECLARATION_LABELS, emptyDeclaration, emptyPlace, hasSector, rowFieldLabel, withoutRow, zoneColor,
} from "../installationForm";
import { ErrorSummary } from "./ErrorSummary";
import { CommuneInput } from "./CommuneInput";

type Props = {
  id: number;
  refs: ReferenceLists;
  /** Called after a declaration was recorded: the status and the contract changed. */
  onStatusChanged?: () => void;
};

type Editing = null | "new" | number;

export function InstallationTab({ id, refs, onStatusChanged }: Props) {
  const [tab, setTab] = useState<Tab | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState<DeclarationForm>(() => emptyDeclaration(todayFr()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  // Remounts the commune inputs when a form is opened, so that they show its values.
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    let alive = true;
    commands
      .installationTab(id)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setTab(res.data);
        else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [id]);

  if (loadError) {
    return (
      <Alert color="red" title="L'installation n'a pas pu être chargée">
        {loadError}
      </Alert>
    );
  }
  if (!tab) {
    return (
      <Center py="xl">
        <Loader aria-label="Chargement de l'installation" />
      </Center>
    );
  }

  const structures = refs.practice_structures.filter((s) => s.value !== "indecis");
  const open = (which: Editing, f: DeclarationForm) => {
    setEditing(which);
    setForm(f);
    setErrors({});
    setFormKey((k) => k + 1);
  };
  const set = (patch: Partial<DeclarationForm>) => setForm((f) => ({ ...f, ...patch }));
  const setPlace = (i: number, patch: Partial<PlaceForm>) =>
    setForm((f) => ({ ...f, places: f.places.map((p, k) => (k === i ? { ...p, ...patch } : p)) }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const res = await commands.saveDeclaration(id, typeof editing === "number" ? editing : null, form);
      if (res.status === "ok") {
        setTab(res.data);
        setEditing(null);
        setErrors({});
        notifySuccess("Déclaration enregistrée");
        onStatusChanged?.();
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error));
      } else {
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSaving(false);
    }
  }

  async function remove(declarationId: number) {
    setConfirmDelete(null);
    try {
      const res = await commands.deleteDeclaration(id, declarationId);
      if (res.status === "ok") {
        setTab(res.data);
        notifySuccess("Déclaration supprimée");
      } else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
  }

  const dateField = (key: "declaration_date" | "practice_start" | "des_certificate_date" | "contracts_date", required = false) => (
    <TextInput
      label={DECLARATION_LABELS[key]}
      {...DATE_PROPS}
      value={form[key]}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
      error={errors[key]}
      withAsterisk={required}
      data-testid={`declaration-${key}`}
    />
  );

  return (
    <Stack gap="md">
      {tab.flags.length > 0 && (
        <Alert color="orange" title="Points à vérifier" data-testid="installation-flags">
          <List size="sm">
            {tab.flags.map((f) => (
              <List.Item key={f}>{f}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      {tab.same_commune.map((c) => (
        <Paper withBorder p="md" key={c.insee} data-testid="same-commune">
          <Title order={4} size="h5" mb="xs">
            Plusieurs signataires à {c.commune} ({c.insee}) — le projet le plus ancien d'abord
          </Title>
          <List size="sm" type="ordered">
            {c.signatories.map((n) => (
              <List.Item key={n.signatory_id}>
                {n.name} — déclaration du {n.declaration_date}
                {n.is_self ? " (ce signataire)" : ""}
              </List.Item>
            ))}
          </List>
        </Paper>
      ))}

      <Group justify="space-between">
        <Title order={3} size="h4">
          Déclarations de choix du lieu d'exercice
        </Title>
        {editing === null && (
          <Button data-testid="declaration-new" onClick={() => open("new", emptyDeclaration(todayFr()))}>
            Nouvelle déclaration
          </Button>
        )}
      </Group>

      {editing !== null && (
        <Paper withBorder p="md" component="form" onSubmit={save} noValidate data-testid="declaration-form">
          <Stack gap="sm">
            <Title order={4}>{editing === "new" ? "Nouvelle déclaration" : "Corriger la déclaration ou changer de lieu"}</Title>
            <ErrorSummary
              errors={errors}
              label={(k) => rowFieldLabel(DECLARATION_LABELS, "places", k)}
              testId="declaration-errors"
            />
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              {dateField("declaration_date", true)}
              {dateField("practice_start", true)}
              {dateField("des_certificate_date")}
              {dateField("contracts_date")}
            </SimpleGrid>
            {errors.places && (
              <Text c="red" size="sm">
                {errors.places}
              </Text>
            )}
            {form.places.map((p, i) => {
              const err = (k: string) => errors[`places.${i}.${k}`];
              return (
                <Paper withBorder p="sm" key={`${formKey}-${i}`} data-testid={`place-${i}`}>
                  <Stack gap="xs">
                    <Group justify="space-between">
                      <Text fw={600} size="sm">
                        Lieu d'exercice {i + 1}
                      </Text>
                      {form.places.length > 1 && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            setForm((f) => ({ ...f, places: f.places.filter((_, k) => k !== i) }));
                            setErrors((er) => withoutRow(er, "places", i));
                            setFormKey((k) => k + 1);
                          }}
                        >
                          Retirer ce lieu
                        </Button>
                      )}
                    </Group>
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                      <CommuneInput
                        index={i}
                        insee={p.insee}
                        commune={p.commune}
                        at={form.declaration_date}
                        error={err("insee") ?? err("commune")}
                        onChange={(insee, commune) => setPlace(i, { insee, commune })}
                      />
                      <TextInput
                        label="Adresse"
                        value={p.address}
                        onChange={(e) => setPlace(i, { address: e.currentTarget.value })}
                        error={err("address")}
                        data-testid={`place-${i}-address`}
                      />
                    </SimpleGrid>
                    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
                      <NativeSelect
                        label="Mode d'exercice"
                        data={[{ value: "", label: "— choisir —" }, ...refs.place_modes]}
                        value={p.mode}
                        onChange={(e) => setPlace(i, { mode: e.currentTarget.value })}
                        error={err("mode")}
                        withAsterisk
                        data-testid={`place-${i}-mode`}
                      />
                      <NativeSelect
                        label="Secteur"
                        disabled={!hasSector(p.mode)}
                        data={[{ value: "", label: "—" }, ...refs.sectors]}
                        value={hasSector(p.mode) ? p.sector : ""}
                        onChange={(e) => setPlace(i, { sector: e.currentTarget.value })}
                        error={err("sector")}
                        data-testid={`place-${i}-sector`}
                      />
                      <NativeSelect
                        label="Structure"
                        data={[{ value: "", label: "— choisir —" }, ...structures]}
                        value={p.structure}
                        onChange={(e) => setPlace(i, { structure: e.currentTarget.value })}
                        error={err("structure")}
                        withAsterisk
                        data-testid={`place-${i}-structure`}
                      />
                      <TextInput
                        label="Demi-journées par semaine"
                        inputMode="decimal"
                        value={p.half_days}
                        onChange={(e) => setPlace(i, { half_days: e.currentTarget.value })}
                        error={err("half_days")}
                        withAsterisk
                        data-testid={`place-${i}-half-days`}
                      />
                    </SimpleGrid>
                    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
                      <TextInput
                        label="Début dans ce lieu"
                        description="Par défaut, le début d'exercice"
                        {...DATE_PROPS}
                        value={p.start_date}
                        onChange={(e) => setPlace(i, { start_date: e.currentTarget.value })}
                        error={err("start_date")}
                        data-testid={`place-${i}-start`}
                      />
                      <TextInput
                        label="Fin dans ce lieu"
                        description="Vide tant que le signataire y exerce"
                        {...DATE_PROPS}
                        value={p.end_date}
                        onChange={(e) => setPlace(i, { end_date: e.currentTarget.value })}
                        error={err("end_date")}
                        data-testid={`place-${i}-end`}
                      />
                    </SimpleGrid>
                  </Stack>
                </Paper>
              );
            })}
            <Group>
              <Button
                variant="default"
                onClick={() => setForm((f) => ({ ...f, places: [...f.places, emptyPlace()] }))}
                data-testid="declaration-add-place"
              >
                Ajouter un lieu
              </Button>
            </Group>
            <Textarea
              label={DECLARATION_LABELS.notes}
              autosize
              minRows={2}
              value={form.notes}
              onChange={(e) => set({ notes: e.currentTarget.value })}
              error={errors.notes}
            />
            <Group>
              <Button type="submit" loading={saving} data-testid="declaration-save">
                Enregistrer la déclaration
              </Button>
              <Button variant="default" onClick={() => setEditing(null)}>
                Annuler
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {tab.declarations.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune déclaration enregistrée.
        </Text>
      ) : (
        tab.declarations.map((d) => (
          <Card withBorder key={d.id} data-testid="declaration-card">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Text fw={700}>
                  Déclaration du {d.declaration_date} — début d'exercice le {d.practice_start}
                </Text>
                <Text size="sm" c="dimmed">
                  Attestation de DES : {d.des_certificate_date || "non reçue"} ; contrat(s) de travail :{" "}
                  {d.contracts_date || "non reçu(s)"}
                </Text>
              </Stack>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => open(d.id, d.form)}>
                  Modifier ou changer de lieu
                </Button>
                {confirmDelete === d.id ? (
                  <Button size="xs" color="red" onClick={() => remove(d.id)}>
                    Confirmer la suppression
                  </Button>
                ) : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmDelete(d.id)}>
                    Supprimer
                  </Button>
                )}
              </Group>
            </Group>
            <Table mt="xs" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Commune</Table.Th>
                  <Table.Th>Zone</Table.Th>
                  <Table.Th>Mode et structure</Table.Th>
                  <Table.Th>Demi-journées</Table.Th>
                  <Table.Th>Période</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.places.map((p, k) => (
                  <Table.Tr key={k} data-testid="place-row">
                    <Table.Td>
                      {p.commune} ({p.insee}){p.address ? ` — ${p.address}` : ""}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={zoneColor(p.zone)} variant="light">
                        {p.zone_label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {p.mode_label}
                      {p.sector_label ? ` (${p.sector_label.toLowerCase()})` : ""}, {p.structure_label}
                    </Table.Td>
                    <Table.Td>{p.half_days}</Table.Td>
                    <Table.Td>
                      {p.end_date ? `du ${p.start_date} au ${p.end_date}` : `depuis le ${p.start_date}`}
                      {p.end_date && !p.current ? " (terminé)" : ""}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {d.notes && (
              <Text size="sm" mt="xs" style={{ whiteSpace: "pre-wrap" }}>
                {d.notes}
              </Text>
            )}
          </Card>
        ))
      )}
    </Stack>
  );
}
