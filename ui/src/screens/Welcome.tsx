import { useState } from "react";
import { Button, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { commands, type AppInfo, type CommandError, type ReferenceLists } from "../bindings";
import type { Result } from "../api";
import { callOrNotify } from "../api";
import { RegionForm } from "./RegionForm";

type Props = { info: AppInfo; refs: ReferenceLists; onInfo: (info: AppInfo) => void };

const DEMO_COUNT = 300;

/** First launch: choose the region, then demo data or an empty register. */
export function Welcome({ info, refs, onInfo }: Props) {
  const [region, setRegion] = useState(info.region);
  const [busy, setBusy] = useState<"demo" | "empty" | null>(null);

  async function start(which: "demo" | "empty") {
    setBusy(which);
    // A region picked but not yet saved is saved first, so the choice is not lost.
    if (region && region !== info.region) {
      const saved = await callOrNotify(() => commands.saveSettings({ region }));
      if (!saved) return setBusy(null);
    }
    const run: () => Promise<Result<AppInfo, CommandError>> =
      which === "demo" ? () => commands.loadDemo(DEMO_COUNT) : () => commands.startEmpty();
    const next = await callOrNotify(run);
    setBusy(null);
    if (next) onInfo(next);
  }

  return (
    <Paper withBorder p="xl" maw={760} mx="auto">
      <Stack gap="md">
        <Title order={2}>Bienvenue dans Suivi CESP</Title>
        <Text>
          Cette application aide le référent CESP de l'ARS à suivre les signataires du contrat
          d'engagement de service public. Les données restent sur cet ordinateur, dans la base :
        </Text>
        <Code block>{info.db_path}</Code>
        <Text>Choisissez d'abord la région de votre ARS (modifiable ensuite dans les paramètres).</Text>
        <RegionForm regions={refs.regions} value={region} onChange={setRegion} onInfo={onInfo} />
        <Text>Puis choisissez comment commencer :</Text>
        <Group>
          <Button data-testid="load-demo" variant="outline" loading={busy === "demo"} disabled={busy !== null}
            onClick={() => start("demo")}>
            Charger des données de démonstration (fictives)
          </Button>
          <Button data-testid="start-empty" loading={busy === "empty"} disabled={busy !== null}
            onClick={() => start("empty")}>
            Commencer avec un registre vide
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
