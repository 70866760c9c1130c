// "Exporter la liste": the signatories as the list is filtered (search, status, discipline,
// sort; every page), with the columns the user ticks, as CSV or XLSX where they choose.
import { useEffect, useState } from "react";
import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import { commands, type ExportColumn, type ListQuery } from "../bindings";
import { chooseExportPath, errorMessage, exceptionMessage, notifyFailure } from "../api";
import { todayFr } from "../format";
import { notifyWritten } from "../written";

const DEFAULT = ["last_name", "first_names", "discipline", "specialty", "ufr", "signature_date", "status", "contract_ref"];

type Props = { query: ListQuery; total: number };

export function ListExport({ query, total }: Props) {
  const [open, setOpen] = useState(false);
  const [columns, setColumns] = useState<ExportColumn[]>([]);
  const [chosen, setChosen] = useState<string[]>(DEFAULT);
  const [format, setFormat] = useState<"xlsx" | "csv">("xlsx");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open || columns.length > 0) return;
    commands
      .exportColumns()
      .then((res) => (res.status === "ok" ? setColumns(res.data) : notifyFailure(errorMessage(res.error))))
      .catch((e) => notifyFailure(exceptionMessage(e)));
  }, [open, columns.length]);

  async function run() {
    setBusy(true);
    try {
      const path = await chooseExportPath(`signataires-${todayFr().split("/").reverse().join("-")}.${format}`, format);
      if (!path) return;
      // Keep the form's order, whatever the order of the clicks.
      const ordered = columns.map((c) => c.key).filter((k) => chosen.includes(k));
      const res = await commands.exportSignatories({ query, columns: ordered, format }, path);
      if (res.status === "ok") {
        notifyWritten(`${res.data} signataire${res.data > 1 ? "s" : ""} exporté${res.data > 1 ? "s" : ""}`, path);
        setOpen(false);
      } else {
        notifyFailure(errorMessage(res.error));
      }
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} data-testid="list-export">
        Exporter la liste
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Exporter la liste des signataires" size="lg">
        <Stack gap="sm">
          <Text size="sm">
            {total} signataire{total > 1 ? "s" : ""}, avec la recherche et les filtres de la liste. Colonnes :
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {columns.map((c) => (
              <Checkbox
                key={c.key}
                label={c.label}
                checked={chosen.includes(c.key)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setChosen((old) => (on ? [...old, c.key] : old.filter((k) => k !== c.key)));
                }}
                data-testid={`export-col-${c.key}`}
              />
            ))}
          </SimpleGrid>
          <Group align="flex-end">
            <NativeSelect
              label="Format"
              data={[
                { value: "xlsx", label: "Classeur Excel (.xlsx)" },
                { value: "csv", label: "CSV (;) pour Excel ou LibreOffice" },
              ]}
              value={format}
              onChange={(e) => setFormat(e.currentTarget.value === "csv" ? "csv" : "xlsx")}
              data-testid="export-format"
            />
            <Button onClick={run} loading={busy} disabled={chosen.length === 0} data-testid="export-run">
              Exporter…
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
