// Paramètres › Conservation des dossiers: the files ended more than N years ago, to export
// for the archives, then anonymise (the statistics still count them) or delete. Both ask
// for a confirmation that names the file and says what goes.
import { useEffect, useState, type FormEvent } from "react";
import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { commands, type ArchiveCandidate, type ArchiveList, type Erased } from "../bindings";
import { callOrNotify, chooseExportPath, errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { countLabel, plural } from "../format";
import { fieldErrors } from "../signatoryForm";
import { notifyWritten } from "../written";

type Asked = { file: ArchiveCandidate; action: "anonymise" | "delete" } | { action: "applications"; count: number; until: string };

export function ArchiveSettings() {
  const [list, setList] = useState<ArchiveList | null>(null);
  const [years, setYears] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  // What is asked stays set while the dialog closes, so that its text does not change as it
  // fades out; `open` says whether it is shown.
  const [asked, setAsked] = useState<Asked | null>(null);
  const [open, setOpen] = useState(false);
  const ask = (a: Asked) => {
    setAsked(a);
    setOpen(true);
  };
  const [busy, setBusy] = useState(false);
  // The backups that still hold the person of the file just anonymised or deleted.
  const [leftover, setLeftover] = useState<Erased | null>(null);
  const [purging, setPurging] = useState(false);

  const show = (l: ArchiveList) => {
    setList(l);
    setYears(String(l.years));
  };

  useEffect(() => {
    commands
      .archiveCandidates()
      .then((res) => (res.status === "ok" ? show(res.data) : notifyFailure(errorMessage(res.error))))
      .catch((e) => notifyFailure(exceptionMessage(e)));
  }, []);

  async function saveYears(e: FormEvent) {
    e.preventDefault();
    const n = /^\d{1,3}$/.test(years.trim()) ? Number(years.trim()) : 0;
    try {
      const res = await commands.saveArchiveYears(n);
      if (res.status === "ok") {
        show(res.data);
        setErrors({});
        notifySuccess("Durée de conservation des dossiers enregistrée");
      } else if (res.error.kind === "validation") setErrors(fieldErrors(res.error));
      else notifyFailure(res.error.message);
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    }
  }

  async function exportFile(f: ArchiveCandidate) {
    try {
      const path = await chooseExportPath(`dossier-${f.id}.json`, "json");
      if (!path) return;
      const res = await commands.exportArchive(f.id, path);
      if (res.status === "ok") notifyWritten("Dossier exporté pour les archives", res.data);
      else notifyFailure(errorMessage(res.error));
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    }
  }

  async function confirm() {
    if (!asked || !open) return;
    setBusy(true);
    try {
      if (asked.action === "applications") {
        const res = await commands.deleteOldApplications();
        if (res.status === "ok") {
          show(res.data);
          notifySuccess(countLabel(asked.count, "candidature supprimée", "candidatures supprimées"));
          setOpen(false);
        } else notifyFailure(errorMessage(res.error));
        return;
      }
      const res = asked.action === "anonymise" ? await commands.anonymiseFile(asked.file.id) : await commands.deleteFile(asked.file.id);
      if (res.status === "ok") {
        show(res.data.list);
        setLeftover(res.data.erased.backups.length > 0 ? res.data.erased : null);
        notifySuccess(asked.action === "anonymise" ? `Dossier n° ${asked.file.id} anonymisé` : `Dossier n° ${asked.file.id} supprimé`);
        setOpen(false);
      } else notifyFailure(errorMessage(res.error));
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function purge(e: Erased) {
    setPurging(true);
    const removed = await callOrNotify(() => commands.purgeArchivedBackups(e.id, e.created_at));
    setPurging(false);
    if (removed === null) return;
    notifySuccess(countLabel(removed, "sauvegarde supprimée", "sauvegardes supprimées"));
    setLeftover(null);
  }

  return (
    <Stack gap="sm" data-testid="archive-settings">
      <Title order={3}>Conservation des dossiers</Title>
      {leftover && (
        <Alert color="orange" title={`Le dossier n° ${leftover.id} est encore dans des sauvegardes`} data-testid="archive-leftover">
          <Stack gap="xs">
            <Text size="sm">
              {countLabel(leftover.backups.length, "sauvegarde contient", "sauvegardes contiennent")} encore la personne telle
              qu'elle était :
            </Text>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {leftover.backups.map((b) => (
                  <Table.Tr key={b.path}>
                    <Table.Td>{b.taken}</Table.Td>
                    <Table.Td>{b.kind_label}</Table.Td>
                    <Table.Td>{b.file_name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {leftover.journal_pending && (
              <Text size="sm">Un autre programme lisait la base : son journal sera vidé à sa fermeture.</Text>
            )}
            <Group gap="xs">
              <Button color="red" loading={purging} onClick={() => void purge(leftover)} data-testid="archive-purge-backups">
                Supprimer ces sauvegardes
              </Button>
              <Button variant="default" onClick={() => setLeftover(null)}>
                Les garder
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Text size="sm">
        Les dossiers dont l'engagement est terminé, ou dont le contrat a pris fin sans somme due, depuis plus longtemps que la durée
        ci-dessous. Exportez chaque dossier pour les archives, puis anonymisez-le (les statistiques le comptent toujours) ou
        supprimez-le. Une rupture ou une résiliation avec une somme due n'est pas proposée.
      </Text>
      <form onSubmit={saveYears} noValidate>
        <Group align="flex-start">
          <TextInput
            label="Conserver les dossiers terminés (années)"
            description="De 1 à 30 ans après la fin ; 5 par défaut."
            inputMode="numeric"
            w={320}
            value={years}
            onChange={(e) => setYears(e.currentTarget.value)}
            error={errors.years}
            data-testid="archive-years"
          />
          <Button type="submit" variant="default" mt={48} data-testid="archive-years-save">
            Enregistrer
          </Button>
        </Group>
      </form>
      {list && list.rows.length === 0 && (
        <Text size="sm" data-testid="archive-none">
          Aucun dossier terminé avant le {list.ended_before}.
        </Text>
      )}
      {list && list.rows.length > 0 && (
        <Table withTableBorder striped data-testid="archive-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Dossier</Table.Th>
              <Table.Th>Fin</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.rows.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  {f.label}
                  <Text size="xs" c="dimmed">
                    {f.status_label}
                  </Text>
                </Table.Td>
                <Table.Td>{f.reason}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {!f.anonymised && (
                      <Button size="xs" variant="default" onClick={() => void exportFile(f)} data-testid={`archive-export-${f.id}`}>
                        Exporter (JSON)
                      </Button>
                    )}
                    {!f.anonymised && (
                      <Button size="xs" variant="default" onClick={() => ask({ file: f, action: "anonymise" })} data-testid={`archive-anonymise-${f.id}`}>
                        Anonymiser
                      </Button>
                    )}
                    <Button size="xs" color="red" variant="outline" onClick={() => ask({ file: f, action: "delete" })} data-testid={`archive-delete-${f.id}`}>
                      Supprimer
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list && list.old_applications > 0 && (
        <Group justify="space-between" data-testid="archive-applications">
          <Text size="sm">
            {countLabel(list.old_applications, "candidature jamais devenue", "candidatures jamais devenues")} dossier de
            signataire (non retenue ou non signée), des campagnes {list.old_campaigns_label} et antérieures.
          </Text>
          <Button
            size="xs"
            color="red"
            variant="outline"
            onClick={() => ask({ action: "applications", count: list.old_applications, until: list.old_campaigns_label })}
            data-testid="archive-delete-applications"
          >
            Supprimer ces candidatures
          </Button>
        </Group>
      )}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={asked?.action === "anonymise" ? "Anonymiser le dossier" : asked?.action === "applications" ? "Supprimer les anciennes candidatures" : "Supprimer le dossier"}
      >
        {asked && asked.action === "applications" && (
          <Stack gap="sm">
            <Alert color="red">
              {countLabel(asked.count, "candidature", "candidatures")} des campagnes {asked.until} et antérieures, jamais{" "}
              {plural(asked.count, "devenue", "devenues")} dossier de signataire, {plural(asked.count, "sera supprimée avec ses pièces", "seront supprimées avec leurs pièces")}. Cela ne peut pas être annulé.
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Annuler
              </Button>
              <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="archive-confirm">
                Supprimer
              </Button>
            </Group>
          </Stack>
        )}
        {asked && asked.action !== "applications" && (
          <Stack gap="sm">
            <Alert color={asked.action === "anonymise" ? "blue" : "red"}>
              {asked.action === "anonymise"
                ? `${asked.file.label} : le nom, la date de naissance, les coordonnées, la référence du contrat, les notes, les comptes rendus et les adresses seront effacés, ainsi que l'historique du dossier. Les statistiques le compteront toujours.`
                : `${asked.file.label} : le dossier et tout ce qui s'y rattache seront supprimés de la base, ainsi que son historique. Les statistiques ne le compteront plus.`}{" "}
              Exportez-le d'abord pour les archives : cela ne peut pas être annulé. Les sauvegardes qui le contiennent encore vous
              seront ensuite nommées, pour les supprimer.
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Annuler
              </Button>
              <Button color={asked.action === "anonymise" ? undefined : "red"} loading={busy} onClick={() => void confirm()} data-testid="archive-confirm">
                {asked.action === "anonymise" ? "Anonymiser" : "Supprimer"}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
