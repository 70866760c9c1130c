// Settings section "Barème de l'allocation": the dated monthly amounts (domain.md §4).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert, Button, Center, Group, List, Loader, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { commands, type AllowanceRateForm } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { errorSummary } from "../signatoryForm";
import { emptyRate, fieldErrors, ledgerFieldLabel, rateToInput, removeRowErrors, rowErrors } from "../ledgerForm";

export function AllowanceRates() {
  const [rows, setRows] = useState<AllowanceRateForm[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    commands
      .allowanceRates()
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setRows(res.data.map(rateToInput));
        else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, []);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summaryRef.current?.focus();
  }, [errors, errorCount]);

  const setRow = (i: number, patch: Partial<AllowanceRateForm>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const removeRow = (i: number) => {
    setRows((rs) => rs.filter((_, k) => k !== i));
    setErrors((e) => removeRowErrors(e, "rates", i));
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const res = await commands.saveAllowanceRates(rows);
      if (res.status === "ok") {
        setErrors({});
        setRows(res.data.map(rateToInput));
        notifySuccess("Barème enregistré");
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error));
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

  return (
    <Stack gap="sm">
      <Title order={3}>Barème de l'allocation</Title>
      <Text size="sm" c="dimmed">
        Montants mensuels de l'allocation, par date d'entrée en vigueur. Chaque mois versé est compté au montant
        en vigueur le premier jour de ce mois.
      </Text>
      {loading ? (
        <Center py="md">
          <Loader size="sm" aria-label="Chargement du barème" />
        </Center>
      ) : loadError ? (
        <Alert color="red" title="Le barème n'a pas pu être chargé">
          {loadError}
        </Alert>
      ) : (
        <form onSubmit={save} noValidate>
          <Stack gap="sm">
            {errorCount > 0 && (
              <Alert ref={summaryRef} tabIndex={-1} color="red" data-testid="rates-errors" title={errorSummary(errorCount)}>
                <List size="sm">
                  {Object.entries(errors).map(([key, message]) => (
                    <List.Item key={key}>
                      {ledgerFieldLabel(key)} : {message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {rows.length === 0 ? (
              <Text size="sm">Aucune ligne : ajoutez au moins le montant en vigueur.</Text>
            ) : (
              <Table verticalSpacing="xs" maw={720} data-testid="rates-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>En vigueur depuis</Table.Th>
                    <Table.Th>Brut mensuel (€)</Table.Th>
                    <Table.Th>Net mensuel (€)</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r, i) => {
                    const { fields } = rowErrors(errors, "rates", i);
                    const n = i + 1;
                    return (
                      <Table.Tr key={i}>
                        <Table.Td>
                          <TextInput
                            aria-label={`Ligne ${n} : en vigueur depuis`}
                            value={r.from}
                            onChange={(e) => setRow(i, { from: e.currentTarget.value })}
                            error={fields.from}
                            placeholder="jj/mm/aaaa"
                            maxLength={10}
                            inputMode="numeric"
                            data-testid={`rate-${i}-from`}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            aria-label={`Ligne ${n} : brut mensuel`}
                            value={r.monthly_gross}
                            onChange={(e) => setRow(i, { monthly_gross: e.currentTarget.value })}
                            error={fields.monthly_gross}
                            placeholder="1200,00"
                            inputMode="decimal"
                            data-testid={`rate-${i}-gross`}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            aria-label={`Ligne ${n} : net mensuel`}
                            value={r.monthly_net}
                            onChange={(e) => setRow(i, { monthly_net: e.currentTarget.value })}
                            error={fields.monthly_net}
                            placeholder="1106,88"
                            inputMode="decimal"
                            data-testid={`rate-${i}-net`}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Button
                            variant="subtle"
                            color="red"
                            size="xs"
                            onClick={() => removeRow(i)}
                            aria-label={`Supprimer la ligne ${n}`}
                            data-testid={`rate-${i}-delete`}
                          >
                            Supprimer
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            <Group>
              <Button variant="default" onClick={() => setRows((rs) => [...rs, emptyRate()])} data-testid="add-rate">
                Ajouter une ligne
              </Button>
              <Button type="submit" loading={saving} data-testid="save-rates">
                Enregistrer le barème
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
