import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type TodoItem, type TodoPage } from "../bindings";
import { todayFr } from "../format";
import { renderWithProviders } from "../test/render";
import { Todo } from "./Todo";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: { todoList: vi.fn(), markTodoDone: vi.fn(), unmarkTodo: vi.fn() },
}));
const mocked = vi.mocked(commands);

const form: TodoItem = {
  kind: "fiche_non_retournee", kind_label: "Fiches de suivi non retournées", signatory_id: 4, name: "TARDIF Anne",
  what: "Fiche de suivi 2026 envoyée le 01/10/2026, non retournée", due: "31/10/2026", due_iso: "2026-10-31",
  overdue: true, key: "fiche:2026", done_on: null, application: null,
};
const end: TodoItem = {
  kind: "fin_engagement", kind_label: "Fins d'engagement proches", signatory_id: 9, name: "FIN Paul",
  what: "Engagement jusqu'au 31/01/2027", due: "31/12/2026", due_iso: "2026-12-31", overdue: false,
  key: "fin_engagement:2027-01-31", done_on: null, application: null,
};
const candidate: TodoItem = {
  kind: "candidature_incomplete", kind_label: "Dossiers de candidature incomplets", signatory_id: null,
  name: "ABGRALL Nolwenn", what: "Candidature 2026-2027 (Faculté de Brest) incomplète : Photo d'identité en couleur",
  due: "15/12/2026", due_iso: "2026-12-15", overdue: false, key: "candidature:3:incomplete", done_on: null,
  application: { id: 3, academic_year: 2026, ufr: "Faculté de Brest" },
};
const list = (items: TodoItem[], done = 0): TodoPage => ({
  items,
  total: items.length,
  counts: [
    { kind: "fiche_non_retournee", label: "Fiches de suivi non retournées", count: items.filter((i) => i.kind === "fiche_non_retournee").length, overdue: items.filter((i) => i.overdue).length },
    { kind: "fin_engagement", label: "Fins d'engagement proches", count: items.filter((i) => i.kind === "fin_engagement").length, overdue: 0 },
  ],
  done,
});

describe("Todo", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.todoList.mockResolvedValue({ status: "ok", data: list([form, end]) });
  });

  it("shows the counts, filters by category and opens a file", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    renderWithProviders(<Todo onOpen={onOpen} onOpenApplication={vi.fn()} />);
    expect(await screen.findByTestId("todo-total")).toHaveTextContent("2 éléments à traiter");
    await expectAccessible();
    expect(screen.getByTestId("todo-count-fiche_non_retournee")).toHaveTextContent("1 en retard");
    expect(screen.getAllByTestId("todo-row")).toHaveLength(2);
    // A category is asked of the core, a page at a time.
    mocked.todoList.mockResolvedValueOnce({ status: "ok", data: { ...list([end]), counts: list([form, end]).counts } });
    await user.click(screen.getByTestId("todo-count-fin_engagement"));
    await waitFor(() =>
      expect(mocked.todoList).toHaveBeenLastCalledWith({ include_done: false, kind: "fin_engagement", offset: 0, limit: 100 }),
    );
    await waitFor(() => expect(screen.getAllByTestId("todo-row")).toHaveLength(1));
    expect(screen.getByTestId("todo-table")).toHaveTextContent("FIN Paul");
    await user.click(screen.getByTestId("todo-count-fin_engagement"));
    await waitFor(() => expect(screen.getAllByTestId("todo-row")).toHaveLength(2));
    await user.click(screen.getAllByTestId("todo-open")[0]!);
    expect(onOpen).toHaveBeenCalledWith(4);
  });

  it("marks a line as dealt with on a date, with the core's message for a bad date", async () => {
    const user = userEvent.setup();
    mocked.markTodoDone.mockResolvedValueOnce({
      status: "error",
      error: { kind: "validation", fields: [{ field: "date", message: "La date de traitement ne peut pas être dans le futur." }] },
    });
    mocked.markTodoDone.mockResolvedValueOnce({ status: "ok", data: null });
    renderWithProviders(<Todo onOpen={vi.fn()} onOpenApplication={vi.fn()} />);
    await user.click((await screen.findAllByTestId("todo-mark"))[0]!);
    const date = screen.getByTestId("todo-done-date");
    expect(date).toHaveValue(todayFr());
    await user.clear(date);
    await user.type(date, "01/01/2030");
    await user.click(screen.getByTestId("todo-done-confirm"));
    expect(await screen.findByText("La date de traitement ne peut pas être dans le futur.")).toBeInTheDocument();
    mocked.todoList.mockResolvedValue({ status: "ok", data: list([end], 1) });
    await user.clear(date);
    await user.type(date, "20/11/2026");
    await user.click(screen.getByTestId("todo-done-confirm"));
    await waitFor(() => expect(mocked.markTodoDone).toHaveBeenLastCalledWith(4, "fiche:2026", "20/11/2026"));
    expect(await screen.findByText("1 élément à traiter")).toBeInTheDocument();
    expect(screen.getByTestId("todo-include-done")).toBeInTheDocument();
  });
  it("opens a candidate's application from a reminder of the campaign, without « Marquer comme traité »", async () => {
    const user = userEvent.setup();
    mocked.todoList.mockResolvedValue({ status: "ok", data: list([candidate]) });
    const onOpen = vi.fn();
    const onOpenApplication = vi.fn();
    renderWithProviders(<Todo onOpen={onOpen} onOpenApplication={onOpenApplication} />);
    await user.click(await screen.findByText("ABGRALL Nolwenn"));
    expect(onOpenApplication).toHaveBeenCalledWith({ id: 3, academic_year: 2026, ufr: "Faculté de Brest" });
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.queryByTestId("todo-mark")).toBeNull();
  });
});
