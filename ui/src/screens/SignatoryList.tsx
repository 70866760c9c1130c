import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import {
  Button, Center, Group, Loader, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title, UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import {
  commands, type Discipline, type Page, type ReferenceLists, type SignatoryRow, type SortColumn, type Status,
} from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure } from "../api";
import { countLabel, labelOf } from "../format";
import { ListExport } from "./ListExport";

export const PAGE_SIZE = 50;

/** What the user chose in the list; lives in App so it survives a visit to the form. */
export type ListState = {
  search: string;
  status: Status | null;
  discipline: Discipline | null;
  sort: SortColumn;
  descending: boolean;
  page: number; // 1-based, as Mantine's Pagination
};

export const initialListState: ListState = {
  search: "",
  status: null,
  discipline: null,
  sort: "name",
  descending: false,
  page: 1,
};

type Props = {
  refs: ReferenceLists;
  state: ListState;
  onStateChange: (s: ListState) => void;
  onOpen: (id: number) => void;
  onNew: () => void;
  /** Opens the spreadsheet import; without it, no button. */
  onImport?: () => void;
};

type Column = { title: string; sort: SortColumn | null; cell: (r: SignatoryRow) => string };

export function SignatoryList({ refs, state, onStateChange, onOpen, onNew, onImport }: Props) {
  // The input updates at once; the query uses the debounced value.
  const [searchText, setSearchText] = useState(state.search);
  const [debouncedSearch] = useDebouncedValue(searchText, 200);
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(true);
  // Every request gets a number; only the answer to the latest one is shown, so
  // that a slow answer to an old search never replaces a newer one.
  const requestId = useRef(0);

  const update = (patch: Partial<ListState>) => onStateChange({ ...state, ...patch });

  // Typing a new search goes back to page 1.
  useEffect(() => {
    if (debouncedSearch !== state.search) update({ search: debouncedSearch, page: 1 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  useEffect(() => {
    const id = ++requestId.current;
    setLoading(true);
    commands
      .listSignatories({
        search: state.search,
        status: state.status,
        discipline: state.discipline,
        sort: state.sort,
        descending: state.descending,
        offset: (state.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      })
      .then((res) => {
        if (id !== requestId.current) return; // stale
        if (res.status === "ok") setPage(res.data);
        else notifyFailure(errorMessage(res.error));
      })
      .catch((e) => {
        if (id === requestId.current) notifyFailure(exceptionMessage(e));
      })
      .finally(() => {
        if (id === requestId.current) setLoading(false);
      });
  }, [state.search, state.status, state.discipline, state.sort, state.descending, state.page]);

  const columns: Column[] = [
    { title: "Nom", sort: "name", cell: (r) => (r.birth_name ? `${r.last_name} (née ${r.birth_name})` : r.last_name) },
    { title: "Prénom(s)", sort: null, cell: (r) => r.first_names },
    { title: "Discipline", sort: "discipline", cell: (r) => labelOf(refs.disciplines, r.discipline) },
    { title: "Année de signature", sort: "signature_year", cell: (r) => (r.signature_year == null ? "" : String(r.signature_year)) },
    { title: "Statut", sort: "status", cell: (r) => labelOf(refs.statuses, r.status) },
    { title: "Spécialité", sort: "specialty", cell: (r) => r.specialty ?? "" },
    { title: "UFR", sort: "ufr", cell: (r) => r.ufr ?? "" },
  ];

  function sortBy(col: SortColumn) {
    // Same column: reverse the order; another column: ascending.
    update({ sort: col, descending: state.sort === col ? !state.descending : false, page: 1 });
  }

  function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, id: number) {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onOpen(id);
    }
  }

  const total = page?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Signataires</Title>
        <Group gap="sm">
          {onImport && (
            <Button variant="default" data-testid="list-import" onClick={onImport}>
              Importer un tableur
            </Button>
          )}
          <ListExport
            query={{
              search: state.search,
              status: state.status,
              discipline: state.discipline,
              sort: state.sort,
              descending: state.descending,
              offset: 0,
              limit: PAGE_SIZE,
            }}
            total={total}
          />
          <Button data-testid="new-signatory" onClick={onNew}>
            Nouveau signataire
          </Button>
        </Group>
      </Group>

      <Group align="flex-end" gap="md">
        <TextInput
          label="Rechercher"
          placeholder="Nom, prénom, nom de naissance…"
          data-testid="search-input"
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          w={320}
        />
        {/* Native selects: keyboard- and screen-reader-friendly, and drivable by WebDriver. */}
        <NativeSelect
          label="Statut"
          data-testid="filter-status"
          data={[{ value: "", label: "Tous" }, ...refs.statuses]}
          value={state.status ?? ""}
          onChange={(e) => update({ status: (e.currentTarget.value || null) as Status | null, page: 1 })}
          w={260}
        />
        <NativeSelect
          label="Discipline"
          data-testid="filter-discipline"
          data={[{ value: "", label: "Toutes" }, ...refs.disciplines]}
          value={state.discipline ?? ""}
          onChange={(e) => update({ discipline: (e.currentTarget.value || null) as Discipline | null, page: 1 })}
          w={200}
        />
        <Text data-testid="list-total" fw={600} aria-live="polite" ml="auto">
          {page ? countLabel(total, "signataire", "signataires") : ""}
        </Text>
      </Group>

      <Table.ScrollContainer minWidth={800}>
        <Table highlightOnHover withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => {
                const active = c.sort !== null && state.sort === c.sort;
                return (
                  <Table.Th
                    key={c.title}
                    aria-sort={active ? (state.descending ? "descending" : "ascending") : undefined}
                  >
                    {c.sort ? (
                      <UnstyledButton className="sort-button" onClick={() => sortBy(c.sort!)}>
                        {c.title}
                        <span aria-hidden="true">{active ? (state.descending ? "▼" : "▲") : ""}</span>
                      </UnstyledButton>
                    ) : (
                      c.title
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page?.rows.map((r) => (
              <Table.Tr
                key={r.id}
                data-testid="signatory-row"
                tabIndex={0}
                aria-label={`Ouvrir la fiche de ${r.first_names} ${r.last_name}`}
                onClick={() => onOpen(r.id)}
                onKeyDown={(e) => onRowKey(e, r.id)}
              >
                {columns.map((c) => (
                  <Table.Td key={c.title}>{c.cell(r)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {loading && !page && (
        <Center>
          <Loader aria-label="Chargement" />
        </Center>
      )}
      {page && page.rows.length === 0 && (
        <Text ta="center" c="dimmed" py="lg">
          {state.search || state.status || state.discipline
            ? "Aucun signataire ne correspond à la recherche."
            : "Aucun signataire enregistré pour l'instant. Cliquez sur « Nouveau signataire » pour en ajouter un."}
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
    </Stack>
  );
}
