// A signatory's "Historique" tab: every change of the file, newest first, read again each
// time the tab is shown (another tab may just have saved something).
import { useEffect, useState } from "react";
import { Loader, Stack, Text } from "@mantine/core";
import { commands, type AuditRow } from "../bindings";
import { callOrNotify } from "../api";
import { AuditTable } from "./AuditTable";

type Props = { id: number; active: boolean };

export function HistoryTab({ id, active }: Props) {
  const [rows, setRows] = useState<AuditRow[] | null>(null);

  useEffect(() => {
    if (!active) return;
    let live = true;
    void callOrNotify(() => commands.signatoryHistory(id)).then((r) => live && r && setRows(r));
    return () => {
      live = false;
    };
  }, [id, active]);

  if (rows === null) return <Loader aria-label="Chargement de l'historique" />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Chaque création, modification ou suppression dans ce dossier, avec son auteur. Le journal est conservé selon la durée
        choisie dans « Journal » (12 mois par défaut).
      </Text>
      {rows.length === 0 ? (
        <Text data-testid="history-empty">Aucune modification enregistrée.</Text>
      ) : (
        <AuditTable rows={rows} testId="history-table" />
      )}
    </Stack>
  );
}
