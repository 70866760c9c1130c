import { useState } from "react";
import { Paper, Stack, Title } from "@mantine/core";
import type { AppInfo, ReferenceLists } from "../bindings";
import { RegionForm } from "./RegionForm";
import { AllowanceRates } from "./AllowanceRates";
import { DegressiveSettings } from "./DegressiveSettings";
import { ContactSettings } from "./ContactSettings";
import { PrivacyNotice } from "./PrivacyNotice";
import { AgencyLogo } from "./AgencyLogo";
import { LetterTemplates } from "./LetterTemplates";
import { ZonageSettings } from "./ZonageSettings";
import { TodoSettings } from "./TodoSettings";
import { BackupSettings } from "./BackupSettings";
import { ArchiveSettings } from "./ArchiveSettings";
import { CampaignSettings } from "./CampaignSettings";
import { About } from "./About";

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
        <AgencyLogo />
      </Paper>
      <Paper withBorder p="md">
        <PrivacyNotice />
      </Paper>
      <Paper withBorder p="md">
        <LetterTemplates />
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
        <About />
      </Paper>
    </Stack>
  );
}
