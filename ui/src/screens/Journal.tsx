// "Journal": the journal of changes of every file (traçabilité), filtered by period, author,
// kind of element and signatory; exported as CSV or XLSX for an audit; and how long it is
// kept (6 to 12 months, the CNIL's range for activity logs).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, Group, NativeSelect, Pagination, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { commands, type AuditPage, type AuditQuery } from "../bindings";
import { chooseExportPath, errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";
import { todayFr } from "../format";
import { AuditTable } from "./AuditTable";
import { notifyWritten } from "../written";

const PAGE = 50;

type Filters = Pick<AuditQuery, "from" | "to" | "who" | "entity" | "signatory">;
const EMPTY: Filters = { from: "", to: "", who: "", entity: "", signatory: "" };

type Props = { onOpen: (id: number) => void };

export function Journal({ onOpen }: Props) {
  // What is typed, and what was last applied (the table, the export and the pages use it).
  const [typed, setTyped] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditPage | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [months, setMonths] = useState("");
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const n = ++latest.current;
    commands
      .auditLog({ ...applied, offset: (page - 1) * PAGE, limit: PAGE })
      .then((res) => {
        if (n !== latest.current) return;
        if (res.status === "ok") {
          setData(res.data);
          setErrors({});
          setMonths((m) => m || String(res.data.retention_months));
        } else if (res.error.kind === "validation") setErrors(fieldErrors(res.error));
        else notifyFailure(res.error.message);
      })
      .catch((e) => notifyFailure(exceptionMessage(e)));
  }, [applied, page]);

  function apply(e: FormEvent) {
    e.preventDefault();
    setPage(1);
    setApplied({ ...typed });
  }

  async function exportLog(format: "csv" | "xlsx") {
    setBusy(true);
    try {
      const path = await chooseExportPath(`journal-${todayFr().split("/").reverse().join("-")}.${format}`, format);
      if (!path) return;
      const res = await commands.exportAudit({ ...applied, offset: 0, limit: 0 }, format, path);
      if (res.status === "ok") notifyWritten(`${res.data} entrée${res.data > 1 ? "s" : ""} exportée${res.data > 1 ? "s" : ""}`, path);
      else notifyFailure(errorMessage(res.error));
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function saveRetention(e: FormEvent) {
    e.preventDefault();
    const n = /^\d{1,3}$/.test(months.trim()) ? Number(months.trim()) : 0;
    try {
      const res = await commands.saveAuditRetention(n);
      if (res.status === "ok") {
        setErrors({});
        notifySuccess(
          res.data > 0
            ? `Durée de conservation enregistrée ; ${res.data} entrée${res.data > 1 ? "s" : ""} plus ancienne${res.data > 1 ? "s" : ""} supprimée${res.data > 1 ? "s" : ""}`
            : "Durée de conservation enregistrée",
        );
        setApplied((a) => ({ ...a }));
      } else if (res.error.kind === "validation") setErrors(fieldErrors(res.error));
      else notifyFailure(res.error.message);
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    }
  }

  const set = (k: keyof Filters) => (v: string) => setTyped((t) => ({ ...t, [k]: v }));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack gap="md">
      <Title order={2}>Journal des modifications</Title>
      <Paper withBorder p="md">
        <form onSubmit={apply} noValidate>
          <Group align="flex-start" wrap="wrap">
            <TextInput label="Du" placeholder="jj/mm/aaaa" w={130} value={typed.from} onChange={(e) => set("from")(e.currentTarget.value)} error={errors.from} data-testid="journal-from" />
            <TextInput label="Au" placeholder="jj/mm/aaaa" w={130} value={typed.to} onChange={(e) => set("to")(e.currentTarget.value)} error={errors.to} data-testid="journal-to" />
            <NativeSelect
              label="Par"
              value={typed.who}
              onChange={(e) => set("who")(e.currentTarget.value)}
              data={[{ value: "", label: "Tout le monde" }, ...(data?.authors ?? []).map((a) => ({ value: a, label: a }))]}
              data-testid="journal-who"
            />
            <NativeSelect
              label="Élément"
              value={typed.entity}
              onChange={(e) => set("entity")(e.currentTarget.value)}
              data={[{ value: "", label: "Tous" }, ...(data?.entities ?? [])]}
              error={errors.entity}
              data-testid="journal-entity"
            />
            <TextInput label="Signataire" placeholder="Nom ou prénom" value={typed.signatory} onChange={(e) => set("signatory")(e.currentTarget.value)} data-testid="journal-signatory" />
            <Button type="submit" mt={25} data-testid="journal-apply">
              Filtrer
            </Button>
          </Group>
        </form>
      </Paper>
      <Group justify="space-between">
        <Text data-testid="journal-total">
          {data ? `${data.total} entrée${data.total > 1 ? "s" : ""}` : "\u00a0"}
        </Text>
        <Group gap="xs">
          <Button variant="default" loading={busy} onClick={() => void exportLog("xlsx")} data-testid="journal-export-xlsx">
            Exporter (.xlsx)
          </Button>
          <Button variant="default" loading={busy} onClick={() => void exportLog("csv")} data-testid="journal-export-csv">
            Exporter (.csv)
          </Button>
        </Group>
      </Group>
      {data && data.rows.length === 0 && <Text>Aucune entrée pour ces critères.</Text>}
      {data && data.rows.length > 0 && <AuditTable rows={data.rows} onOpen={onOpen} testId="journal-table" />}
      {pages > 1 && <Pagination value={page} onChange={setPage} total={pages} aria-label="Pages du journal" />}
      <Paper withBorder p="md">
        <form onSubmit={saveRetention} noValidate>
          <Group align="flex-start">
            <TextInput
              label="Conservation du journal (mois)"
              description="De 6 à 12 mois (recommandation de la CNIL). Les entrées plus anciennes sont supprimées au lancement."
              inputMode="numeric"
              w={360}
              value={months}
              onChange={(e) => setMonths(e.currentTarget.value)}
              error={errors.months}
              data-testid="journal-retention"
            />
            <Button type="submit" variant="default" mt={48} data-testid="journal-retention-save">
              Enregistrer
            </Button>
          </Group>
        </form>
      </Paper>
    </Stack>
  );
}
