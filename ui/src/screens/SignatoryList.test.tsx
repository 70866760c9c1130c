import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type CommandError, type ListQuery, type Page, type SignatoryRow } from "../bindings";
import type { Result } from "../api";
import { refs, renderWithProviders } from "../test/render";
import { initialListState, SignatoryList, type ListState } from "./SignatoryList";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({ commands: { listSignatories: vi.fn() } }));
const listSignatories = vi.mocked(commands.listSignatories);

const row = (id: number, last_name: string, extra: Partial<SignatoryRow> = {}): SignatoryRow => ({
  id, last_name, birth_name: null, first_names: "Claire", discipline: "medecine", signature_year: 2021,
  status: "en_formation", specialty: null, ufr: "Rennes", ...extra,
});

/** A promise resolved by hand, to answer requests in any order. */
function deferred() {
  let resolve!: (v: Result<Page, CommandError>) => void;
  const promise = new Promise<Result<Page, CommandError>>((r) => (resolve = r));
  return { promise, resolve };
}

function Harness({ onOpen = vi.fn() }: { onOpen?: (id: number) => void }) {
  const [state, setState] = useState<ListState>(initialListState);
  return <SignatoryList refs={refs} state={state} onStateChange={setState} onOpen={onOpen} onNew={vi.fn()} />;
}

const lastQuery = (): ListQuery => listSignatories.mock.calls.at(-1)![0];

describe("SignatoryList", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows rows with French labels and the total with a narrow no-break space", async () => {
    listSignatories.mockResolvedValue({
      status: "ok",
      data: { rows: [row(1, "Martin", { birth_name: "Durand", status: "installe" })], total: 1234 },
    });
    renderWithProviders(<Harness />);
    // textContent, not toHaveTextContent, which would fold the \u202f into a plain space.
    await waitFor(() => expect(screen.getByTestId("list-total").textContent).toBe("1\u202f234 signataires"));
    const r = screen.getByTestId("signatory-row");
    expect(within(r).getByText("Martin (née Durand)")).toBeInTheDocument();
    expect(within(r).getByText("Médecine")).toBeInTheDocument();
    expect(within(r).getByText("Installé")).toBeInTheDocument();
    expect(lastQuery()).toEqual({
      search: "", status: null, discipline: null, sort: "name", descending: false, offset: 0, limit: 50,
    });
  });

  it("ignores a stale answer that arrives after a newer one", async () => {
    const user = userEvent.setup();
    const first = deferred();
    const second = deferred();
    listSignatories.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    renderWithProviders(<Harness />);

    await user.type(screen.getByTestId("search-input"), "dup");
    await waitFor(() => expect(listSignatories).toHaveBeenCalledTimes(2)); // debounced: one call for "dup"
    expect(lastQuery().search).toBe("dup");

    await act(async () => second.resolve({ status: "ok", data: { rows: [row(2, "Dupont")], total: 1 } }));
    await act(async () => first.resolve({ status: "ok", data: { rows: [row(1, "Ancien")], total: 300 } }));

    expect(screen.getByText("Dupont")).toBeInTheDocument();
    expect(screen.queryByText("Ancien")).not.toBeInTheDocument();
    expect(screen.getByTestId("list-total")).toHaveTextContent("1 signataire");
  });

  it("sorts server-side when a header is clicked, reversing on a second click", async () => {
    const user = userEvent.setup();
    listSignatories.mockResolvedValue({ status: "ok", data: { rows: [row(1, "Martin")], total: 1 } });
    renderWithProviders(<Harness />);
    await screen.findByTestId("signatory-row");
    await expectAccessible();

    await user.click(screen.getByRole("button", { name: /Année de signature/ }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: "signature_year", descending: false }));
    await user.click(screen.getByRole("button", { name: /Année de signature/ }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: "signature_year", descending: true }));
    expect(screen.getByRole("columnheader", { name: /Année de signature/ })).toHaveAttribute("aria-sort", "descending");
  });

  it("opens a row on click and on Enter, and says when nothing matches", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    listSignatories.mockResolvedValueOnce({ status: "ok", data: { rows: [row(5, "Martin")], total: 1 } });
    renderWithProviders(<Harness onOpen={onOpen} />);
    const r = await screen.findByTestId("signatory-row");
    await user.click(r);
    r.focus();
    await user.keyboard("{Enter}");
    expect(onOpen.mock.calls).toEqual([[5], [5]]);

    listSignatories.mockResolvedValue({ status: "ok", data: { rows: [], total: 0 } });
    await user.type(screen.getByTestId("search-input"), "zzz");
    expect(await screen.findByText("Aucun signataire ne correspond à la recherche.")).toBeInTheDocument();
  });
});
