// Settings section "Taux dégressif en cas de rupture": threshold and coefficient of the
// degressive rate per regime and discipline (domain.md §6). The rows are fixed; only the
// two numbers are edited. Validation is the core's.
import { useEffect, useState, type FormEvent } from "react";
import { Alert, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { commands, type DegressiveForm, type ReferenceLists } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { labelOf } from "../format";
import { fieldErrors } from "../ledgerForm";

type Props = { refs: ReferenceLists };

export function DegressiveSettings({ refs }: Props) {
  const [rows, setRows] = useState<DegressiveForm[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    commands
      .degressiveSettings()
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setRows(res.data);
        else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, []);

  const setRow = (i: number, patch: Partial<DegressiveForm>) =>
    setRows((rs) => rs && rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!rows) return;
    setSaving(true);
    try {
      const res = await commands.saveDegressiveSettings(rows);
      if (res.status === "ok") {
        setErrors({});
        setRows(res.data);
        notifySuccess("Taux dégressif enregistré");
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

  const regimeLabel = (code: string) => labelOf(refs.regimes, code).replace(/ \(.*\)$/, "");
  return (
    <form onSubmit={save} noValidate>
    <Stack gap="sm">
      <Title order={3}>Taux dégressif en cas de rupture</Title>
      <Text size="sm">
        En exercice, taux = 100 % tant que les mois servis f ne dépassent pas le seuil, puis 100 − min(100 ;
        coefficient × √((f − seuil) / d)) %, d étant l'engagement dû. Valeurs par défaut : médecine 36 mois et
        120 (arrêté du 24/06/2011), odontologie 24 mois et 72 (arrêté du 29/10/2013) ; à confirmer pour les
        contrats signés depuis 2020, la maïeutique et la pharmacie. La commande « cesp simulate » applique
        toujours les valeurs par défaut.
      </Text>
      {loadError && <Alert color="red">{loadError}</Alert>}
      {!rows && !loadError && <Loader size="sm" aria-label="Chargement" />}
      {Object.keys(errors).length > 0 && (
        <Alert color="red" data-testid="degressive-errors">
          Certaines valeurs sont invalides : rien n'a été enregistré.
        </Alert>
      )}
      {rows && (
        <Table withTableBorder data-testid="degressive-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Régime</Table.Th>
              <Table.Th>Discipline</Table.Th>
              <Table.Th>Seuil (mois)</Table.Th>
              <Table.Th>Coefficient</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => {
              const name = `${regimeLabel(r.regime)}, ${labelOf(refs.disciplines, r.discipline).toLowerCase()}`;
              return (
                <Table.Tr key={`${r.regime}-${r.discipline}`}>
                  <Table.Td>{regimeLabel(r.regime)}</Table.Td>
                  <Table.Td>{labelOf(refs.disciplines, r.discipline)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Seuil en mois (${name})`}
                      value={r.threshold_months}
                      onChange={(e) => setRow(i, { threshold_months: e.currentTarget.value })}
                      error={errors[`degressive.${i}.threshold_months`]}
                      data-testid={`degressive-${i}-threshold`}
                      w={120}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Coefficient (${name})`}
                      value={r.coefficient}
                      onChange={(e) => setRow(i, { coefficient: e.currentTarget.value })}
                      error={errors[`degressive.${i}.coefficient`]}
                      data-testid={`degressive-${i}-coefficient`}
                      w={120}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button type="submit" loading={saving} disabled={!rows} data-testid="save-degressive">
          Enregistrer le taux dégressif
        </Button>
      </Group>
    </Stack>
    </form>
  );
}
