// Settings section "Sauvegardes": the checked copies of the register (made every day at
// start-up, before every migration and restore, and on demand), how many are kept, the
// integrity check, and the restore, which backs the current register up first.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert, Button, Group, List, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { commands, type BackupInfo, type Retention } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";

const FIELDS: { key: keyof Retention; label: string }[] = [
  { key: "daily", label: "Sauvegardes quotidiennes gardées" },
  { key: "weekly", label: "Sauvegardes hebdomadaires gardées" },
  { key: "monthly", label: "Sauvegardes mensuelles gardées" },
  { key: "others_months", label: "Autres sauvegardes gardées (mois)" },
];

/** `rescue`: the register could not be opened (damaged): only the list and the restore. */
export function BackupSettings({ rescue = false }: { rescue?: boolean }) {
  const [list, setList] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [asked, setAsked] = useState<BackupInfo | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [keep, setKeep] = useState<Record<keyof Retention, string> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  // Only the answer to the latest request is shown: the first listing may come back after
  // the one that follows "Sauvegarder maintenant".
  const latest = useRef(0);

  async function reload() {
    const n = ++latest.current;
    try {
      const res = await commands.backups();
      if (n !== latest.current) return;
      if (res.status === "ok") setList(res.data);
      else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
  }

  const showKeep = (r: Retention) =>
    setKeep({ daily: String(r.daily), weekly: String(r.weekly), monthly: String(r.monthly), others_months: String(r.others_months) });

  useEffect(() => {
    void reload();
    if (rescue) return;
    commands
      .backupRetention()
      .then((res) => res.status === "ok" && showKeep(res.data))
      .catch((e) => notifyFailure(exceptionMessage(e)));
  }, [rescue]);

  async function backupNow() {
    setBusy("backup");
    try {
      const res = await commands.backupNow();
      if (res.status === "ok") {
        notifySuccess(`Sauvegarde écrite et vérifiée : ${res.data.file_name} (${res.data.size_label})`);
        await reload();
      } else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function check() {
    setBusy("check");
    try {
      const res = await commands.checkStore();
      if (res.status === "ok") setProblems(res.data);
      else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function restore(b: BackupInfo) {
    setBusy("restore");
    try {
      const res = await commands.restoreBackup(b.path);
      if (res.status === "ok") {
        notifySuccess(
          `Sauvegarde du ${b.taken} restaurée.` +
            (res.data.previous ? ` La base remplacée est gardée : ${res.data.previous}` : ""),
        );
        // Every screen reads the restored register afresh.
        window.setTimeout(() => window.location.reload(), 1500);
      } else notifyFailure(errorMessage(res.error));
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setBusy(null);
      setAsked(null);
    }
  }

  async function saveKeep(e: FormEvent) {
    e.preventDefault();
    if (!keep) return;
    // A number the core can read; anything else goes as 0, which it refuses with its message.
    const n = (v: string) => (/^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : 0);
    try {
      const res = await commands.saveBackupRetention({
        daily: n(keep.daily),
        weekly: n(keep.weekly),
        monthly: n(keep.monthly),
        others_months: n(keep.others_months),
      });
      if (res.status === "ok") {
        showKeep(res.data);
        setErrors({});
        notifySuccess("Rotation des sauvegardes enregistrée");
        await reload();
      } else if (res.error.kind === "validation") setErrors(fieldErrors(res.error));
      else notifyFailure(res.error.message);
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    }
  }

  return (
    <Stack gap="sm" data-testid="backup-settings">
      <Title order={3}>Sauvegardes</Title>
      {rescue && (
        <Text size="sm">
          Restaurez la sauvegarde la plus récente : la base endommagée est mise de côté dans le dossier « sauvegardes »,
          rien n'est supprimé.
        </Text>
      )}
      <Text size="sm" c="dimmed" hidden={rescue}>
        Une copie vérifiée de la base est faite chaque jour au lancement, avant chaque mise à jour du schéma et avant
        chaque restauration, dans le dossier « sauvegardes » à côté de la base. Copiez ce dossier sur un support externe
        ou un partage pour une sauvegarde hors de l'ordinateur.
      </Text>
      <Group gap="xs" hidden={rescue}>
        <Button onClick={backupNow} loading={busy === "backup"} data-testid="backup-now">
          Sauvegarder maintenant
        </Button>
        <Button variant="default" onClick={check} loading={busy === "check"} data-testid="check-store">
          Vérifier la base
        </Button>
      </Group>
      {problems && problems.length === 0 && (
        <Alert color="green" data-testid="check-ok">
          Base saine : intégrité et références vérifiées.
        </Alert>
      )}
      {problems && problems.length > 0 && (
        <Alert color="red" title="Problèmes trouvés dans la base" data-testid="check-problems">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
          Restaurez la sauvegarde la plus récente ci-dessous.
        </Alert>
      )}
      {list && list.length === 0 && <Text size="sm">Aucune sauvegarde pour l'instant.</Text>}
      {list && list.length > 0 && (
        <Table withTableBorder striped data-testid="backup-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Nature</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>Taille</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>Signataires</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((b) => (
              <Table.Tr key={b.path}>
                <Table.Td>{b.taken}</Table.Td>
                <Table.Td>{b.kind_label}</Table.Td>
                <Table.Td style={{ textAlign: "right" }}>{b.size_label}</Table.Td>
                <Table.Td style={{ textAlign: "right" }}>{b.signatories ?? "illisible"}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setAsked(b)} disabled={b.signatories === null}>
                    Restaurer
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {keep && !rescue && (
        <form onSubmit={saveKeep} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {FIELDS.map((f) => (
              <TextInput
                key={f.key}
                label={f.label}
                value={keep[f.key]}
                onChange={(e) => setKeep({ ...keep, [f.key]: e.currentTarget.value })}
                error={errors[f.key]}
                inputMode="numeric"
              />
            ))}
          </SimpleGrid>
          <Text size="sm" c="dimmed" mt="xs">
            Les autres sauvegardes sont les manuelles et celles faites avant une mise à jour ou une restauration. Toutes
            contiennent des données personnelles : aucune n'est gardée indéfiniment.
          </Text>
          <Button type="submit" variant="default" mt="sm">
            Enregistrer la rotation
          </Button>
        </form>
      )}
      <Modal opened={asked !== null} onClose={() => setAsked(null)} title="Restaurer une sauvegarde" centered>
        {asked && (
          <Stack gap="sm">
            <Text>
              Remplacer la base par la sauvegarde du {asked.taken} ({asked.signatories} signataires) ? Les saisies faites
              depuis seront retirées de la base active ; la base actuelle est d'abord sauvegardée, rien n'est supprimé.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsked(null)}>
                Annuler
              </Button>
              <Button color="red" onClick={() => restore(asked)} loading={busy === "restore"} data-testid="confirm-restore">
                Restaurer
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
