import { useState } from "react";
import { Code, Paper, Stack, Text, Title } from "@mantine/core";
import type { AppInfo, ReferenceLists } from "../bindings";
import { RegionForm } from "./RegionForm";
import { AllowanceRates } from "./AllowanceRates";
import { DegressiveSettings } from "./DegressiveSettings";
import { ContactSettings } from "./ContactSettings";
import { ZonageSettings } from "./ZonageSettings";
import { TodoSettings } from "./TodoSettings";
import { BackupSettings } from "./BackupSettings";
import { ArchiveSettings } from "./ArchiveSettings";
import { CampaignSettings } from "./CampaignSettings";

type Props = { info: AppInfo; refs: ReferenceLists; onInfo: (info: AppInfo) => void };

export function Settings({ info, refs, onInfo }: Props) {
  const [region, setRegion] = useState(info.region);
  return (
    <Stack gap="lg">
      <Title order={2}>Paramètres</Title>
      <Paper withBorder p="md">
        <RegionForm regions={refs.regions} value={region} onChange={setRegion} onInfo={onInfo} />
      </Paper>
      <Paper withBorder p="md">
        <AllowanceRates />
      </Paper>
      <Paper withBorder p="md">
        <DegressiveSettings refs={refs} />
      </Paper>
      <Paper withBorder p="md">
        <ContactSettings />
      </Paper>
      <Paper withBorder p="md">
        <ZonageSettings />
      </Paper>
      <Paper withBorder p="md">
        <TodoSettings />
      </Paper>
      <Paper withBorder p="md">
        <CampaignSettings refs={refs} />
      </Paper>
      <Paper withBorder p="md">
        <BackupSettings />
      </Paper>
      <Paper withBorder p="md">
        <ArchiveSettings />
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text>
            Base de données : <Code>{info.db_path}</Code>
          </Text>
          <Text size="sm">
            Les données restent sur cet ordinateur (dossier de données local de l'utilisateur). Une base
            sur un partage réseau est refusée.
          </Text>
          <Text size="sm" c="dimmed">
            Version {info.version}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
