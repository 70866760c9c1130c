// Settings section "Zonage et installation": the versions of the ARS zonage (ZIP, ZAC)
// imported from the file published with each arrêté, and the regional settings of the
// installation checks (full time, replacement limit). Validation is the core's.
import { useEffect, useState, type FormEvent } from "react";
import { Alert, Button, Group, List, Loader, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { commands, type InstallationSettingsForm, type ZonageVersion } from "../bindings";
import { chooseSpreadsheet, errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";
import { DATE_PROPS } from "../followupForm";

export function ZonageSettings() {
  const [versions, setVersions] = useState<ZonageVersion[] | null>(null);
  const [path, setPath] = useState("");
  const [effective, setEffective] = useState("");
  const [importErrors, setImportErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [settings, setSettings] = useState<InstallationSettingsForm | null>(null);
  const [settingsErrors, setSettingsErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let alive = true;
    Promise.all([commands.zonageVersions(), commands.installationSettings()])
      .then(([v, s]) => {
        if (!alive) return;
        if (v.status === "ok") setVersions(v.data);
        else notifyFailure(errorMessage(v.error));
        if (s.status === "ok") setSettings(s.data);
        else notifyFailure(errorMessage(s.error));
      })
      .catch((e) => alive && notifyFailure(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, []);

  async function choose() {
    try {
      const p = await chooseSpreadsheet();
      if (p) setPath(p);
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    }
  }

  async function runImport(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setImportErrors({});
    if (!path) {
      setImportErrors({ path: "Choisissez le fichier du zonage." });
      return;
    }
    setImporting(true);
    try {
      const res = await commands.importZonage(path, effective);
      if (res.status === "ok") {
        const v = res.data.version;
        notifySuccess(
          `Zonage en vigueur au ${v.effective_date} ${res.data.replaced ? "remplacé" : "importé"} : ` +
            `${v.zip + v.zac + v.hors_zone} communes (ZIP ${v.zip}, ZAC ${v.zac}).`,
        );
        const all = await commands.zonageVersions();
        if (all.status === "ok") setVersions(all.data);
        setPath("");
      } else if (res.error.kind === "validation") {
        setImportErrors(fieldErrors(res.error));
      } else {
        setProblem(res.error.message); // every bad row, with its line and column
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setImporting(false);
    }
  }

  async function saveSettings(e: FormEvent) {
    e.preventDefault();
    if (!settings) return;
    setSaving(true);
    try {
      const res = await commands.saveInstallationSettings(settings);
      if (res.status === "ok") {
        setSettings(res.data);
        setSettingsErrors({});
        notifySuccess("Réglages de l'installation enregistrés");
      } else if (res.error.kind === "validation") {
        setSettingsErrors(fieldErrors(res.error));
      } else {
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const [first, ...rest] = problem?.split("\n") ?? [];
  return (
    <Stack gap="sm">
      <Title order={3}>Zonage (ZIP et ZAC)</Title>
      <Text size="sm" c="dimmed">
        Importez le fichier publié avec l'arrêté de zonage (.csv, .xlsx, .xls, .ods ; colonnes code INSEE, commune et
        zone, éventuellement département et date de l'arrêté). Chaque version est conservée : un lieu d'exercice est
        jugé d'après le zonage en vigueur à la date de sa déclaration.
      </Text>
      {versions === null ? (
        <Loader size="sm" aria-label="Chargement du zonage" />
      ) : versions.length === 0 ? (
        <Text size="sm">Aucun zonage importé : les lieux d'exercice ne peuvent pas encore être classés.</Text>
      ) : (
        <Table withTableBorder data-testid="zonage-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>En vigueur au</Table.Th>
              <Table.Th>Arrêté du</Table.Th>
              <Table.Th>Communes</Table.Th>
              <Table.Th>Fichier</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.effective_date}</Table.Td>
                <Table.Td>{v.arrete_date || "—"}</Table.Td>
                <Table.Td>
                  {v.zip + v.zac + v.hors_zone} (ZIP {v.zip}, ZAC {v.zac}, hors zone {v.hors_zone})
                </Table.Td>
                <Table.Td>{v.source}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={runImport} noValidate>
        <Stack gap="xs">
          <Group align="flex-end">
            <Button variant="default" onClick={choose} data-testid="zonage-choose">
              Choisir le fichier…
            </Button>
            <Text size="sm" data-testid="zonage-path">
              {path || "aucun fichier choisi"}
            </Text>
          </Group>
          {importErrors.path && (
            <Text c="red" size="sm">
              {importErrors.path}
            </Text>
          )}
          <Group align="flex-start">
            <TextInput
              label="En vigueur à partir du"
              {...DATE_PROPS}
              value={effective}
              onChange={(e) => setEffective(e.currentTarget.value)}
              error={importErrors.effective}
              withAsterisk
              data-testid="zonage-effective"
            />
            <Button type="submit" mt={25} loading={importing} data-testid="zonage-import">
              Importer le zonage
            </Button>
          </Group>
          {problem && (
            <Alert color="red" title={first} data-testid="zonage-problems">
              <List size="sm">
                {rest.map((l) => (
                  <List.Item key={l}>{l.replace(/^\s*-\s*/, "")}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Stack>
      </form>

      <Title order={3} mt="md">
        Contrôles de l'installation
      </Title>
      <Text size="sm" c="dimmed">
        Réglages régionaux : le temps plein (8 demi-journées par semaine depuis 2026 ; 8,5 dans certaines régions) et la
        durée totale de remplacement admise pendant l'engagement.
      </Text>
      {settings && (
        <form onSubmit={saveSettings} noValidate>
          <Group align="flex-start">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Temps plein (demi-journées par semaine)"
                inputMode="decimal"
                value={settings.full_time_half_days}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setSettings((s) => s && { ...s, full_time_half_days: v });
                }}
                error={settingsErrors.full_time_half_days}
                data-testid="settings-full-time"
              />
              <TextInput
                label="Remplacement admis (mois au total)"
                inputMode="numeric"
                value={settings.max_replacement_months}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setSettings((s) => s && { ...s, max_replacement_months: v });
                }}
                error={settingsErrors.max_replacement_months}
                data-testid="settings-replacement"
              />
            </SimpleGrid>
            <Button type="submit" mt={25} loading={saving} data-testid="settings-installation-save">
              Enregistrer
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}
