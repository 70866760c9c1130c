import { useEffect, useState } from "react";
import { Alert, AppShell, Box, Burger, Center, Group, Loader, Menu, Paper, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { commands, type AppInfo, type ReferenceLists } from "./bindings";
import { errorMessage, exceptionMessage } from "./api";
import { Welcome } from "./screens/Welcome";
import { SignatoryList, initialListState, type ListState } from "./screens/SignatoryList";
import { SignatoryPage } from "./screens/SignatoryPage";
import { Settings } from "./screens/Settings";
import { BackupSettings } from "./screens/BackupSettings";
import { Campaign, initialCampaignState, type CampaignState } from "./screens/Campaign";
import { Import, initialImportState, type ImportState } from "./screens/Import";
import { DueInterviews } from "./screens/DueInterviews";
import { Todo } from "./screens/Todo";
import { Statistics } from "./screens/Statistics";
import { Journal } from "./screens/Journal";
import { Applications, initialApplicationsState, type ApplicationsState } from "./screens/Applications";
import { CommandPalette, type Screen } from "./CommandPalette";
import { useHotkeys } from "@mantine/hooks";

/** State-based routing: the screens of the header; a file opened from the campaign or the import goes back to it. */
type Route =
  | { screen: "list" }
  | { screen: "form"; id: number | null; from: "list" | "campaign" | "import" | "interviews" | "todo" | "journal" | "applications" }
  | { screen: "journal" }
  | { screen: "applications" }
  | { screen: "todo" }
  | { screen: "stats" }
  | { screen: "campaign" }
  | { screen: "interviews" }
  | { screen: "import" }
  | { screen: "settings" };

/** The screens of the header, in order: the menu of a narrow window lists the same. */
const NAV: { key: string; label: string; screen: Screen; current: string }[] = [
  { key: "todo", label: "À faire", screen: "todo", current: "todo" },
  { key: "signataires", label: "Signataires", screen: "list", current: "signatories" },
  { key: "applications", label: "Candidatures", screen: "applications", current: "applications" },
  { key: "campaign", label: "Suivi annuel", screen: "campaign", current: "campaign" },
  { key: "interviews", label: "Entretiens", screen: "interviews", current: "interviews" },
  { key: "stats", label: "Statistiques", screen: "stats", current: "stats" },
  { key: "import", label: "Importer", screen: "import", current: "import" },
  { key: "journal", label: "Journal", screen: "journal", current: "journal" },
  { key: "parametres", label: "Paramètres", screen: "settings", current: "settings" },
];

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [refs, setRefs] = useState<ReferenceLists | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [damaged, setDamaged] = useState(false);
  const [route, setRoute] = useState<Route>({ screen: "list" });
  // Kept here so that search, filters, sort and page survive a visit to the form.
  const [listState, setListState] = useState<ListState>(initialListState);
  const [campaignState, setCampaignState] = useState<CampaignState>(() => initialCampaignState());
  const [importState, setImportState] = useState<ImportState>(initialImportState);
  const [applicationsState, setApplicationsState] = useState<ApplicationsState>(initialApplicationsState);

  // The start-up checks (the day's backup, the integrity of the file) run in the background:
  // their findings are asked for a few times while they may still be running.
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => {
    const timers = [1500, 5000, 15000].map((ms) =>
      window.setTimeout(() => {
        commands
          .startupWarnings()
          .then((res) => res.status === "ok" && setWarnings(res.data))
          .catch(() => undefined);
      }, ms),
    );
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, []);

  useEffect(() => {
    (async () => {
      try {
        const [i, r] = await Promise.all([commands.appInfo(), commands.referenceLists()]);
        if (i.status === "error") {
          setDamaged(i.error.kind === "damaged");
          return setFatal(errorMessage(i.error));
        }
        if (r.status === "error") return setFatal(errorMessage(r.error));
        setInfo(i.data);
        setRefs(r.data);
        // The home screen of a register in use is « À faire »; a first launch ends on the list.
        if (!i.data.first_launch) setRoute({ screen: "todo" });
      } catch (e) {
        setFatal(exceptionMessage(e));
      }
    })();
  }, []);

  let content;
  if (fatal) {
    content = (
      <Stack gap="lg">
        <Alert color="red" title="L'application n'a pas pu démarrer" data-testid="fatal">
          {fatal}
        </Alert>
        {/* A damaged register: its backups, to restore one from the window. */}
        {damaged && (
          <Paper withBorder p="md">
            <BackupSettings rescue />
          </Paper>
        )}
      </Stack>
    );
  } else if (!info || !refs) {
    content = (
      <Center py="xl">
        <Loader aria-label="Chargement" />
      </Center>
    );
  } else if (info.first_launch) {
    content = <Welcome info={info} refs={refs} onInfo={setInfo} />;
  } else if (route.screen === "settings") {
    content = <Settings info={info} refs={refs} onInfo={setInfo} />;
  } else if (route.screen === "campaign") {
    content = (
      <Campaign
        refs={refs}
        state={campaignState}
        onStateChange={setCampaignState}
        onOpen={(id) => setRoute({ screen: "form", id, from: "campaign" })}
      />
    );
  } else if (route.screen === "stats") {
    content = <Statistics />;
  } else if (route.screen === "journal") {
    content = <Journal onOpen={(id) => setRoute({ screen: "form", id, from: "journal" })} />;
  } else if (route.screen === "todo") {
    content = (
      <Todo
        onOpen={(id) => setRoute({ screen: "form", id, from: "todo" })}
        onOpenApplication={(a) => {
          setApplicationsState({ year: a.academic_year, ufr: a.ufr, open: a.id });
          setRoute({ screen: "applications" });
        }}
      />
    );
  } else if (route.screen === "applications") {
    content = (
      <Applications
        refs={refs}
        state={applicationsState}
        onStateChange={setApplicationsState}
        onOpenSignatory={(id) => setRoute({ screen: "form", id, from: "applications" })}
      />
    );
  } else if (route.screen === "interviews") {
    content = <DueInterviews refs={refs} onOpen={(id) => setRoute({ screen: "form", id, from: "interviews" })} />;
  } else if (route.screen === "import") {
    content = (
      <Import
        state={importState}
        onStateChange={setImportState}
        onOpen={(id) => setRoute({ screen: "form", id, from: "import" })}
      />
    );
  } else if (route.screen === "form") {
    const back = () => setRoute({ screen: route.from });
    content = <SignatoryPage key={route.id ?? "new"} id={route.id} refs={refs} onDone={back} onCancel={back} />;
  } else {
    content = (
      <SignatoryList
        refs={refs}
        state={listState}
        onStateChange={setListState}
        onOpen={(id) => setRoute({ screen: "form", id, from: "list" })}
        onNew={() => setRoute({ screen: "form", id: null, from: "list" })}
        onImport={() => setRoute({ screen: "import" })}
      />
    );
  }

  const showNav = info !== null && !info.first_launch;

  // Ctrl+N: a new signatory, from anywhere once the register is in use (not while typing in
  // a field: Ctrl+N is then the field's).
  useHotkeys([["mod+N", () => showNav && !fatal && setRoute({ screen: "form", id: null, from: "list" })]]);
  const goTo = (s: Screen) =>
    setRoute(s === "new" ? { screen: "form", id: null, from: "list" } : s === "list" ? { screen: "list" } : { screen: s });
  const from = route.screen === "form" ? route.from : route.screen;
  const current =
    route.screen === "settings" || route.screen === "stats"
      ? route.screen
      : from === "campaign" || from === "import" || from === "interviews" || from === "todo" || from === "journal" || from === "applications"
        ? from
        : "signatories";

  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header bg="#000091" c="white" withBorder={false}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Box>
            <Title order={1} size="h3" c="white" lh={1.1}>
              Suivi CESP
            </Title>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" c="white">
                {info ? (info.region ? `ARS ${info.region}` : "Région non définie") : "\u00a0"}
              </Text>
              {showNav && (
                <Text size="xs" c="white">
                  · Ctrl+K : aller à…
                </Text>
              )}
            </Group>
          </Box>
          {showNav && (
            // One landmark for both forms of the navigation: the links, or the menu when narrow.
            <nav aria-label="Navigation principale">
                <Group gap="xs" visibleFrom="lg" wrap="nowrap">
                  {NAV.map((n) => (
                    <UnstyledButton
                      key={n.key}
                      className="nav-link"
                      data-testid={`nav-${n.key}`}
                      aria-current={current === n.current ? "page" : undefined}
                      onClick={() => goTo(n.screen)}
                    >
                      {n.label}
                    </UnstyledButton>
                  ))}
                </Group>
              {/* A narrow window, or a zoomed one (200 %): the same screens in a menu. */}
              <Menu position="bottom-end" shadow="md" width={240}>
                <Menu.Target>
                  <Burger hiddenFrom="lg" color="white" aria-label="Menu des écrans" data-testid="nav-menu" />
                </Menu.Target>
                <Menu.Dropdown>
                  {NAV.map((n) => (
                    <Menu.Item
                      key={n.key}
                      onClick={() => goTo(n.screen)}
                      data-testid={`menu-${n.key}`}
                      aria-current={current === n.current ? "page" : undefined}
                      fw={current === n.current ? 700 : undefined}
                    >
                      {n.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            </nav>
          )}
        </Group>
      </AppShell.Header>
      {showNav && !fatal && <CommandPalette onScreen={goTo} onOpen={(id) => setRoute({ screen: "form", id, from: "list" })} />}
      <AppShell.Main>
        <Box maw={1200} mx="auto">
          {warnings.map((w) => (
            <Alert key={w} color="red" title="Au lancement" mb="md" data-testid="startup-warning">
              {w}
            </Alert>
          ))}
          {content}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
