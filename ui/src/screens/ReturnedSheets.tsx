// "Fiches retournées" in the campaign: the fillable sheets the signatories sent back, chosen
// or dropped on the window. The core reads each one, matches it to its file by its signed
// identification and puts its answers beside the file's; the referent ticks what to keep
// (every change is ticked to start with) and records it. Nothing is typed; nothing is
// decided here: which file, which answers differ and what is refused are the core's.
import { useEffect, useState } from "react";
import { Alert, Badge, Button, Card, Checkbox, Group, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { commands, type ReturnedSheet } from "../bindings";
import { errorMessage, exceptionMessage, notifySuccess } from "../api";

type Props = { year: number; onClose: () => void; onRecorded: () => void };

/** One sheet read, with what the referent ticked and where it stands. */
type Item = { sheet: ReturnedSheet; accepted: string[]; done: string | null; problem: string | null; busy: boolean };

export function ReturnedSheets({ year, onClose, onRecorded }: Props) {
  const [items, setItems] = useState<Item[]>([]);
  const [received, setReceived] = useState("");
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // Every file goes to the core, which says of each what it is (a file that is not a PDF is
  // refused there, by name).
  async function read(paths: string[]) {
    if (paths.length === 0) return;
    setProblem(null);
    setReading(true);
    try {
      const res = await commands.readReturnedSheets(paths, year);
      if (res.status === "ok") {
        setItems((old) => {
          const known = new Set(old.map((i) => i.sheet.path));
          const fresh = res.data
            .filter((s) => !known.has(s.path))
            .map((sheet) => ({
              sheet,
              accepted: sheet.fields.filter((f) => f.changed).map((f) => f.key),
              done: null,
              problem: null,
              busy: false,
            }));
          return [...old, ...fresh];
        });
      } else setProblem(errorMessage(res.error));
    } catch (e) {
      setProblem(exceptionMessage(e));
    } finally {
      setReading(false);
    }
  }

  // Files dropped anywhere on the window while this dialog is open.
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let live = true;
    try {
      getCurrentWebview()
        .onDragDropEvent((e) => {
          if (e.payload.type === "drop") void read(e.payload.paths);
        })
        .then((f) => (live ? (unlisten = f) : f()))
        .catch(() => undefined);
    } catch {
      // Outside the application's window (the unit tests): choosing files still works.
    }
    return () => {
      live = false;
      unlisten?.();
    };
  }, [year]);

  async function choose() {
    setProblem(null);
    try {
      const res = await commands.chooseFiles("Fiches de suivi retournées", { name: "Fiche remplie (PDF)", extensions: ["pdf"] });
      if (res.status === "ok") await read(res.data);
      else setProblem(errorMessage(res.error));
    } catch (e) {
      setProblem(exceptionMessage(e));
    }
  }

  const patch = (path: string, p: Partial<Item>) =>
    setItems((old) => old.map((i) => (i.sheet.path === path ? { ...i, ...p } : i)));

  async function record(item: Item) {
    patch(item.sheet.path, { busy: true, problem: null });
    try {
      const res = await commands.acceptReturnedSheet(item.sheet.path, year, item.accepted, received);
      if (res.status === "ok") {
        const changes = res.data.changes.length;
        const warnings = res.data.warnings.join(" ");
        patch(item.sheet.path, {
          busy: false,
          done:
            `Fiche enregistrée${changes > 0 ? ` ; ${changes} champ${changes > 1 ? "s" : ""} du dossier mis à jour` : ""}.` +
            (warnings ? ` ${warnings}` : ""),
        });
        notifySuccess(`Fiche de ${item.sheet.name} enregistrée`);
        onRecorded();
      } else {
        patch(item.sheet.path, { busy: false, problem: errorMessage(res.error) });
      }
    } catch (e) {
      patch(item.sheet.path, { busy: false, problem: exceptionMessage(e) });
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Fiches retournées — campagne ${year}`} size="xl">
      <Stack gap="sm">
        <Text size="sm">
          Choisissez les fiches remplies à l'écran que les signataires ont renvoyées (PDF), ou déposez-les sur cette
          fenêtre. Chacune est rapprochée de son dossier ; ses réponses s'affichent à côté de celles du dossier, les
          changements cochés. Une fiche imprimée puis numérisée se saisit à la main (bouton « Saisir » de la liste).
        </Text>
        <Group align="flex-end">
          <Button onClick={choose} loading={reading} data-testid="returns-choose">
            Choisir des fiches (PDF)…
          </Button>
          <TextInput
            label="Reçues le"
            placeholder="aujourd'hui"
            description="jj/mm/aaaa"
            value={received}
            onChange={(e) => setReceived(e.currentTarget.value)}
            data-testid="returns-received"
            w={160}
          />
        </Group>
        {problem && <Alert color="red">{problem}</Alert>}
        {items.map((item) => (
          <ReturnedCard
            key={item.sheet.path}
            item={item}
            onToggle={(key, on) =>
              patch(item.sheet.path, {
                accepted: on ? [...item.accepted, key] : item.accepted.filter((k) => k !== key),
              })
            }
            onRecord={() => void record(item)}
            onIgnore={() => setItems((old) => old.filter((i) => i.sheet.path !== item.sheet.path))}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Fermer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReturnedCard({
  item,
  onToggle,
  onRecord,
  onIgnore,
}: {
  item: Item;
  onToggle: (key: string, on: boolean) => void;
  onRecord: () => void;
  onIgnore: () => void;
}) {
  const s = item.sheet;
  const changed = s.fields.filter((f) => f.changed);
  const same = s.fields.length - changed.length;
  return (
    <Card withBorder padding="sm" data-testid="returned-sheet">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {s.signatory_id !== null ? `${s.name} — dossier n° ${s.signatory_id}` : s.file_name}
          </Text>
          <Text size="xs" c="dimmed">
            {s.file_name}
          </Text>
        </Group>
        {s.refused && (
          <Alert color={s.scanned ? "orange" : "red"} data-testid="returned-refused">
            {s.refused}
          </Alert>
        )}
        {s.already_read && (
          <Alert color="blue" data-testid="returned-already">
            Cette fiche a déjà été enregistrée le {s.already_read} : rien n'a changé.
          </Alert>
        )}
        {!s.refused && !s.already_read && !item.done && (
          <>
            {changed.length === 0 ? (
              <Text size="sm">Toutes les réponses sont celles du dossier.</Text>
            ) : (
              <Table withTableBorder striped={false} data-testid="returned-fields">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>Garder</Table.Th>
                    <Table.Th>Réponse</Table.Th>
                    <Table.Th>Dans le dossier</Table.Th>
                    <Table.Th>Sur la fiche</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {changed.map((f) => (
                    <Table.Tr key={f.key} bg="yellow.0">
                      <Table.Td>
                        <Checkbox
                          aria-label={`Garder « ${f.label} » de la fiche`}
                          checked={item.accepted.includes(f.key)}
                          onChange={(e) => onToggle(f.key, e.currentTarget.checked)}
                          data-testid={`returned-accept-${f.key}`}
                        />
                      </Table.Td>
                      <Table.Td>{f.label}</Table.Td>
                      <Table.Td c="dimmed" style={{ whiteSpace: "pre-line" }}>
                        {f.in_file || "—"}
                      </Table.Td>
                      <Table.Td fw={600} style={{ whiteSpace: "pre-line" }}>
                        {f.on_sheet || "—"}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {same > 0 && (
              <Text size="xs" c="dimmed">
                {same} réponse{same > 1 ? "s" : ""} identique{same > 1 ? "s" : ""} au dossier.
              </Text>
            )}
            {item.problem && <Alert color="red">{item.problem}</Alert>}
            <Group>
              <Button onClick={onRecord} loading={item.busy} data-testid="returned-record">
                Enregistrer la fiche{changed.length > 0 ? ` (${item.accepted.length} changement${item.accepted.length > 1 ? "s" : ""})` : ""}
              </Button>
              <Button variant="subtle" color="gray" onClick={onIgnore}>
                Ne pas l'enregistrer
              </Button>
            </Group>
          </>
        )}
        {item.done && (
          <Group gap="xs">
            <Badge color="green">Enregistrée</Badge>
            <Text size="sm" data-testid="returned-done">
              {item.done}
            </Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
