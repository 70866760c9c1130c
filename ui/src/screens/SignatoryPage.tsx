// The signatory screen: the identity form alone for a new signatory; for an existing one,
// six tabs: "Identité et études" (the form), "Contrat et allocation", "Suivi annuel",
// "Entretiens", "Installation" and "Historique" (the journal of the file's changes).
import { useState } from "react";
import { Alert, Badge, Group, Stack, Tabs, Title } from "@mantine/core";
import type { ReferenceLists, Signatory } from "../bindings";
import { labelOf } from "../format";
import { SignatoryForm } from "./SignatoryForm";
import { LedgerTab } from "./LedgerTab";
import { FollowupHistory } from "./FollowupHistory";
import { InterviewsTab } from "./InterviewsTab";
import { InstallationTab } from "./InstallationTab";
import { HistoryTab } from "./HistoryTab";

type Props = {
  /** null = new signatory */
  id: number | null;
  refs: ReferenceLists;
  onDone: () => void;
  onCancel: () => void;
};

export function SignatoryPage({ id, refs, onDone, onCancel }: Props) {
  const [signatory, setSignatory] = useState<Signatory | null>(null);
  // Bumped when the contract tab changed the status: the form reloads it.
  const [reloadKey, setReloadKey] = useState(0);
  // Bumped when a returned fiche de suivi updated the file: the form is loaded afresh, so
  // that saving it later cannot put back the old contact details.
  const [formKey, setFormKey] = useState(0);
  // Bumped when a declaration of installation changed the contract's practice start.
  const [ledgerKey, setLedgerKey] = useState(0);
  // The history is read again each time its tab is shown.
  const [tab, setTab] = useState<string | null>("identite");

  if (id === null) {
    return <SignatoryForm id={null} refs={refs} onDone={onDone} onCancel={onCancel} />;
  }

  return (
    <Stack gap="md">
      <Group gap="sm" mih={36}>
        <Title order={2}>{signatory ? `${signatory.first_names} ${signatory.last_name}` : "\u00a0"}</Title>
        {signatory && (
          <Badge variant="light" size="lg" data-testid="signatory-status">
            {labelOf(refs.statuses, signatory.status)}
          </Badge>
        )}
      </Group>
      {/* Both panels stay mounted, hidden with display: none, so that what is typed in one tab
          survives a visit to the other. Not Mantine's default <Activity> mode: it re-runs the
          panels' effects each time a tab is shown, and their loading effects would overwrite
          the values being typed with the saved ones. */}
      <Tabs value={tab} onChange={setTab} keepMounted keepMountedMode="display-none">
        <Tabs.List>
          <Tabs.Tab value="identite" data-testid="tab-identite">
            Identité et études
          </Tabs.Tab>
          <Tabs.Tab value="contrat" data-testid="tab-contrat">
            Contrat et allocation
          </Tabs.Tab>
          <Tabs.Tab value="suivi" data-testid="tab-suivi">
            Suivi annuel
          </Tabs.Tab>
          <Tabs.Tab value="entretiens" data-testid="tab-entretiens">
            Entretiens
          </Tabs.Tab>
          <Tabs.Tab value="installation" data-testid="tab-installation">
            Installation
          </Tabs.Tab>
          <Tabs.Tab value="historique" data-testid="tab-historique">
            Historique
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="identite" pt="md">
          {/* Inside the panel, not above the tabs: it appears once the file is read and goes
              when the file is complete, and the tab bar must not move under the pointer. */}
          {signatory && signatory.to_complete.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              title="Dossier à compléter"
              mb="md"
              data-testid="signatory-to-complete"
            >
              Il manque : {signatory.to_complete.join(", ")}.
            </Alert>
          )}
          <SignatoryForm
            key={formKey}
            id={id}
            refs={refs}
            onDone={onDone}
            onCancel={onCancel}
            hideTitle
            onLoaded={setSignatory}
            reloadKey={reloadKey}
          />
        </Tabs.Panel>
        <Tabs.Panel value="contrat" pt="md">
          {/* Read again after a declaration of installation (the practice start and the
              commitment end it brings), without losing what is being typed. */}
          <LedgerTab
            id={id}
            refs={refs}
            onStatusChanged={() => setReloadKey((k) => k + 1)}
            refreshKey={ledgerKey}
          />
        </Tabs.Panel>
        <Tabs.Panel value="suivi" pt="md">
          <FollowupHistory
            id={id}
            refs={refs}
            lastName={signatory?.last_name ?? ""}
            firstNames={signatory?.first_names ?? ""}
            discipline={signatory?.discipline ?? null}
            onFileChanged={() => setFormKey((k) => k + 1)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="entretiens" pt="md">
          <InterviewsTab id={id} refs={refs} refreshKey={reloadKey} />
        </Tabs.Panel>
        <Tabs.Panel value="installation" pt="md">
          <InstallationTab
            id={id}
            refs={refs}
            onStatusChanged={() => {
              setReloadKey((k) => k + 1);
              setLedgerKey((k) => k + 1);
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="historique" pt="md">
          <HistoryTab id={id} active={tab === "historique"} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
