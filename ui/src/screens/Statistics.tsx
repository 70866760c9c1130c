// "Statistiques": the region's counts as of a chosen date, computed by the core (the same as
// `cesp export counts`), each table with its bar chart beside it where people would rather
// look than read, and the exports the managers send (CSV, XLSX, JSON, and the PDF report with
// the tables and the charts).
import { useEffect, useState, type FormEvent } from "react";
import { Alert, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { commands, type Counts, type StatTable } from "../bindings";
import { chooseExportPath, errorMessage, exceptionMessage, notifyFailure } from "../api";
import { formatCount, todayFr } from "../format";
import { DATE_PROPS } from "../followupForm";
import { Bars } from "./Bars";
import { fieldErrors } from "../signatoryForm";
import { notifyWritten } from "../written";

function StatBlock({ t }: { t: StatTable }) {
  const total = t.rows.reduce((n, r) => n + r.count, 0);
  // Which tables have a chart is the core's choice, the same in the PDF report.
  const charted = t.chart && t.rows.length > 0;
  const withAmounts = t.rows.some((r) => r.amount_label !== null);
  const totalAmount = t.total_amount_label;
  return (
    <Paper withBorder p="md" data-testid={`stat-${t.table}`}>
      <Title order={3} size="h5" mb="sm">
        {t.title}
      </Title>
      {t.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.empty}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: charted ? 2 : 1 }}>
          {charted && (
            <div data-testid={`chart-${t.table}`}>
              <Bars data={t.rows.map((r) => ({ label: r.label, value: r.count }))} title={t.title} />
            </div>
          )}
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Catégorie</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t.unit}</Table.Th>
                {withAmounts && <Table.Th style={{ textAlign: "right" }}>Montant brut</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{formatCount(r.count)}</Table.Td>
                  {withAmounts && <Table.Td style={{ textAlign: "right" }}>{r.amount_label}</Table.Td>}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={700}>Total</Table.Td>
                <Table.Td fw={700} style={{ textAlign: "right" }}>
                  {formatCount(total)}
                </Table.Td>
                {withAmounts && (
                  <Table.Td fw={700} style={{ textAlign: "right" }} data-testid={`total-amount-${t.table}`}>
                    {totalAmount}
                  </Table.Td>
                )}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      )}
    </Paper>
  );
}

export function Statistics() {
  const [asOf, setAsOf] = useState(() => todayFr());
  const [counts, setCounts] = useState<Counts | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);

  async function load(date: string) {
    setLoading(true);
    try {
      const res = await commands.regionalCounts(date);
      if (res.status === "ok") {
        setCounts(res.data);
        setError(undefined);
      } else if (res.error.kind === "validation") {
        setError(fieldErrors(res.error).as_of ?? errorMessage(res.error));
      } else {
        notifyFailure(res.error.message);
      }
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(todayFr());
  }, []);

  async function exportAs(format: "csv" | "xlsx" | "json" | "pdf") {
    try {
      const stamp = (counts?.as_of ?? asOf).split("/").reverse().join("-");
      const path = await chooseExportPath(`comptages-cesp-${stamp}.${format}`, format);
      if (!path) return;
      const res = await commands.exportCounts(counts?.as_of ?? asOf, format, path);
      if (res.status === "ok") notifyWritten("Comptages enregistrés", res.data);
      else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(asOf);
  };

  return (
    <Stack gap="md">
      <Title order={2}>Statistiques</Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" justify="space-between">
          <Group align="flex-start">
            <TextInput
              label="Comptages au"
              {...DATE_PROPS}
              value={asOf}
              onChange={(e) => setAsOf(e.currentTarget.value)}
              error={error}
              data-testid="stats-as-of"
            />
            <Button type="submit" mt={25} loading={loading} data-testid="stats-compute">
              Calculer
            </Button>
          </Group>
          <Group gap="xs">
            <Button variant="default" onClick={() => exportAs("pdf")} disabled={!counts} data-testid="stats-export-pdf">
              Rapport PDF
            </Button>
            <Button variant="default" onClick={() => exportAs("xlsx")} disabled={!counts} data-testid="stats-export-xlsx">
              Exporter en XLSX
            </Button>
            <Button variant="default" onClick={() => exportAs("csv")} disabled={!counts} data-testid="stats-export-csv">
              Exporter en CSV
            </Button>
            <Button variant="default" onClick={() => exportAs("json")} disabled={!counts}>
              Exporter en JSON
            </Button>
          </Group>
        </Group>
      </form>
      {counts && (
        <Text size="sm" c="dimmed" data-testid="stats-heading">
          {counts.region ? `${counts.region} — ` : ""}situation au {counts.as_of}. Une situation passée se lit dans les
          dates des dossiers (signature, diplôme, installation, suspensions, fin de contrat) ; sans date, le statut
          actuel est retenu.
        </Text>
      )}
      {!counts && loading && (
        <Center py="xl">
          <Loader aria-label="Chargement des comptages" />
        </Center>
      )}
      {counts?.tables.map((t) => <StatBlock key={t.table} t={t} />)}
      {counts && counts.tables.every((t) => t.rows.length === 0) && (
        <Alert color="gray">Aucun contrat signé à cette date.</Alert>
      )}
    </Stack>
  );
}
