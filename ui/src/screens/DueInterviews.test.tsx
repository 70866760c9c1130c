import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type RegionDue } from "../bindings";
import { refs, renderWithProviders } from "../test/render";
import { DueInterviews } from "./DueInterviews";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({ commands: { regionDueInterviews: vi.fn() } }));
const mocked = vi.mocked(commands);

const row = (id: number, overdue: boolean): RegionDue => ({
  signatory_id: id, last_name: "Kerbrat", first_names: "Maëlle", status: "en_formation",
  reason: "annuel_troisieme_cycle", reason_label: "Entretien annuel du 3e cycle", due: overdue ? "31/12/2025" : "31/12/2026",
  due_iso: overdue ? "2025-12-31" : "2026-12-31", overdue, last_interview: "", key: `annuel:${overdue}`,
});

describe("DueInterviews", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.regionDueInterviews.mockImplementation(async (overdueOnly: boolean) => ({
      status: "ok",
      data: overdueOnly ? [row(4, true)] : [row(4, true), row(4, false)],
    }));
  });

  it("lists the region's interviews, filters the late ones and opens a file", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    renderWithProviders(<DueInterviews refs={refs} onOpen={onOpen} />);
    expect(await screen.findByTestId("due-count")).toHaveTextContent("2 entretiens dont 1 en retard");
    await expectAccessible();
    expect(screen.getByTestId("due-table")).toHaveTextContent("KERBRAT Maëlle");
    await user.click(screen.getByTestId("due-overdue-only"));
    await waitFor(() => expect(mocked.regionDueInterviews).toHaveBeenLastCalledWith(true));
    expect(await screen.findByText("1 entretien dont 1 en retard")).toBeInTheDocument();
    await user.click(screen.getAllByTestId("due-open")[0]!);
    expect(onOpen).toHaveBeenCalledWith(4);
  });
});
