// "Campagne de suivi {year}": every signatory who receives the year's fiche de suivi, where
// each form stands, and the actions on a selection (sent, reminder, print) or on a line
// (record the returned form, print the sheet). Paged server-side: a campaign may hold thousands.
import { useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import {
  Badge, Button, Center, Group, Loader, NativeSelect, Pagination, Stack, Text, TextInput, Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { commands, type CampaignPage, type CampaignRow, type FormStatus, type ReferenceLists } from "../bindings";
import { callOrNotify, errorMessage, exceptionMessage, notifyFailure } from "../api";
import { countLabel, formatCount, labelOf } from "../format";
import { CampaignDates } from "./CampaignDates";
import { LettersPrint } from "./LettersPrint";
import { ReturnedSheets } from "./ReturnedSheets";
import { campaignYears, statusColor } from "../followupForm";
import { CampaignTable } from "./CampaignTable";
import { CampaignBulk, type BulkRequest } from "./CampaignBulk";
import { FollowupAnswers, type RecordTarget } from "./FollowupAnswers";
import { FollowupPrint, printOneSheet } from "./FollowupPrint";

export const CAMPAIGN_PAGE_SIZE = 50;

/** What the user chose on the campaign screen; lives in App so it survives a visit to a file. */
export type CampaignState = {
  year: number;
  status: FormStatus | null;
  search: string;
  page: number; // 1-based
  /** Selected signatory ids, across pages. */
  selected: number[];
};

export function initialCampaignState(now: Date = new Date()): CampaignState {
  return { year: now.getFullYear(), status: null, search: "", page: 1, selected: [] };
}

type Props = {
  refs: ReferenceLists;
  state: CampaignState;
  onStateChange: Dispatch<SetStateAction<CampaignState>>;
  onOpen: (id: number) => void;
};

export function Campaign({ refs, state, onStateChange, onOpen }: Props) {
  const [searchText, setSearchText] = useState(state.search);
  const [debouncedSearch] = useDebouncedValue(searchText, 200);
  const [page, setPage] = useState<CampaignPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloadKey, setReloadKey] = useState(0);
  const [selectingAll, setSelectingAll] = useState(false);
  const [bulk, setBulk] = useState<BulkRequest | null>(null);
  const [record, setRecord] = useState<RecordTarget | null>(null);
  const [printing, setPrinting] = useState(false);
  const [letters, setLetters] = useState(false);
  const [returns, setReturns] = useState(false);
  const requestId = useRef(0);

  const update = (patch: Partial<CampaignState>) => onStateChange((s) => ({ ...s, ...patch }));
  const refresh = () => setReloadKey((k) => k + 1);
  const selected = useMemo(() => new Set(state.selected), [state.selected]);

  // Typing a new search goes back to page 1.
  useEffect(() => {
    if (debouncedSearch !== state.search) update({ search: debouncedSearch, page: 1 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  useEffect(() => {
    // Only the answer to the latest request is shown (a slow old search never wins).
    const id = ++requestId.current;
    setLoading(true);
    commands
      .followupCampaign({
        year: state.year,
        form_status: state.status,
        search: state.search,
        offset: (state.page - 1) * CAMPAIGN_PAGE_SIZE,
        limit: CAMPAIGN_PAGE_SIZE,
      })
      .then((res) => {
        if (id !== requestId.current) return;
        if (res.status === "ok") setPage(res.data);
        else notifyFailure(errorMessage(res.error));
      })
      .catch((e) => {
        if (id === requestId.current) notifyFailure(exceptionMessage(e));
      })
      .finally(() => {
        if (id === requestId.current) setLoading(false);
      });
  }, [state.year, state.status, state.search, state.page, reloadKey]);

  const rows = page?.rows ?? [];
  const total = page?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / CAMPAIGN_PAGE_SIZE));
  const countOf = (s: FormStatus) => page?.counts.find((c) => c.status === s)?.count ?? 0;

  function toggle(id: number, checked: boolean) {
    onStateChange((s) => ({
      ...s,
      selected: checked ? [...new Set([...s.selected, id])] : s.selected.filter((x) => x !== id),
    }));
  }

  function togglePage(checked: boolean) {
    const ids = rows.map((r) => r.signatory_id);
    onStateChange((s) => ({
      ...s,
      selected: checked ? [...new Set([...s.selected, ...ids])] : s.selected.filter((x) => !ids.includes(x)),
    }));
  }

  async function selectAll() {
    setSelectingAll(true);
    const ids = await callOrNotify(() => commands.followupCampaignIds(state.year, state.status, state.search));
    setSelectingAll(false);
    if (ids) update({ selected: ids });
  }

  const openRecord = (r: CampaignRow) =>
    setRecord({ id: r.signatory_id, year: state.year, lastName: r.last_name, firstNames: r.first_names, discipline: r.discipline });

  const filterBadge = (value: FormStatus | null, label: string, count: number, testId: string) => {
    const active = state.status === value;
    return (
      <Badge
        key={testId}
        component="button"
        type="button"
        size="lg"
        color={value ? statusColor(value) : "bleuFrance"}
        variant={active ? "filled" : "light"}
        aria-pressed={active}
        onClick={() => update({ status: value, page: 1 })}
        data-testid={testId}
        style={{ cursor: "pointer", textTransform: "none" }}
      >
        {label} : {formatCount(count)}
      </Badge>
    );
  };

  const n = state.selected.length;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Campagne de suivi {state.year}</Title>
        <NativeSelect
          label="Année de la campagne"
          data={campaignYears().map(String)}
          value={String(state.year)}
          onChange={(e) => {
            const year = Number(e.currentTarget.value);
            onStateChange((s) => ({ ...s, year, page: 1, selected: [] }));
          }}
          data-testid="campaign-year"
          w={180}
        />
      </Group>

      <CampaignDates year={state.year} />

      <Group gap="xs" aria-label="Filtrer par statut de la fiche" role="group">
        {filterBadge(null, "Toutes", page?.campaign_total ?? 0, "campaign-count-all")}
        {refs.form_statuses.map((s) =>
          filterBadge(s.value as FormStatus, s.label, countOf(s.value as FormStatus), `campaign-count-${s.value}`),
        )}
      </Group>

      <Group align="flex-end" gap="md">
        <TextInput
          label="Rechercher"
          placeholder="Nom, prénom…"
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          data-testid="campaign-search"
          w={320}
        />
        <Text fw={600} aria-live="polite" ml="auto" data-testid="campaign-total">
          {page ? countLabel(total, "fiche", "fiches") : ""}
          {state.status ? ` « ${labelOf(refs.form_statuses, state.status)} »` : ""}
        </Text>
      </Group>

      <Group gap="sm">
        <Text size="sm" data-testid="campaign-selected">
          {countLabel(n, "fiche sélectionnée", "fiches sélectionnées")}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={selectAll}
          loading={selectingAll}
          disabled={total === 0}
          data-testid="campaign-select-all"
        >
          {total === 1
            ? "Sélectionner la seule fiche de la campagne (filtre appliqué)"
            : `Sélectionner les ${formatCount(total)} fiches de la campagne (filtre appliqué)`}
        </Button>
        {n > 0 && (
          <Button variant="subtle" size="compact-sm" onClick={() => update({ selected: [] })} data-testid="campaign-clear-selection">
            Vider la sélection
          </Button>
        )}
        <Group gap="xs" ml="auto">
          <Button disabled={n === 0} onClick={() => setBulk({ kind: "sent", ids: state.selected })} data-testid="bulk-sent">
            Marquer comme envoyées
          </Button>
          <Button
            variant="light"
            disabled={n === 0}
            onClick={() => setBulk({ kind: "reminder", ids: state.selected })}
            data-testid="bulk-reminder"
          >
            Enregistrer une relance
          </Button>
          <Button variant="default" onClick={() => setPrinting(true)} data-testid="print-open">
            Imprimer…
          </Button>
          <Button variant="default" onClick={() => setLetters(true)} data-testid="letters-open">
            Courriers…
          </Button>
          <Button variant="default" onClick={() => setReturns(true)} data-testid="returns-open">
            Fiches retournées…
          </Button>
        </Group>
      </Group>

      <CampaignTable
        rows={rows}
        refs={refs}
        selected={selected}
        onToggle={toggle}
        onTogglePage={togglePage}
        onOpen={onOpen}
        onRecord={openRecord}
        onPrint={(r) => printOneSheet(r.signatory_id, state.year, r.last_name, r.first_names)}
      />

      {loading && !page && (
        <Center>
          <Loader aria-label="Chargement" />
        </Center>
      )}
      {page && rows.length === 0 && (
        <Text ta="center" c="dimmed" py="lg">
          {state.search || state.status
            ? "Aucune fiche ne correspond à la recherche."
            : `Aucun signataire suivi pour la campagne ${state.year}.`}
        </Text>
      )}

      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={state.page}
            onChange={(p) => update({ page: p })}
            getControlProps={(control) => ({
              "aria-label": { first: "Première page", previous: "Page précédente", next: "Page suivante", last: "Dernière page" }[control],
            })}
            getItemProps={(p) => ({ "aria-label": `Page ${p}` })}
          />
        </Group>
      )}

      {bulk && (
        <CampaignBulk request={bulk} year={state.year} refs={refs} onClose={() => setBulk(null)} onDone={refresh} />
      )}
      {record && <FollowupAnswers target={record} refs={refs} onClose={() => setRecord(null)} onSaved={refresh} />}
      {letters && <LettersPrint year={state.year} onClose={() => setLetters(false)} />}
      {returns && <ReturnedSheets year={state.year} onClose={() => setReturns(false)} onRecorded={refresh} />}
      {printing && (
        <FollowupPrint
          year={state.year}
          refs={refs}
          selection={state.selected}
          campaignCount={state.search ? null : (page?.campaign_total ?? null)}
          toSendCount={state.search || !page ? null : countOf("a_envoyer")}
          onClose={() => setPrinting(false)}
          onMarkSent={(ids) => {
            setPrinting(false);
            setBulk({ kind: "sent", ids, channel: "courrier" });
          }}
        />
      )}
    </Stack>
  );
}
