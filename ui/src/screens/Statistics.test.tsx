import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type Counts } from "../bindings";
import { todayFr } from "../format";
import { renderWithProviders } from "../test/render";
import { Statistics } from "./Statistics";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({ commands: { regionalCounts: vi.fn(), exportCounts: vi.fn() } }));
vi.mock("../dialog", () => ({ save: vi.fn(async () => "/tmp/comptages.xlsx") }));
const mocked = vi.mocked(commands);

const counts: Counts = {
  as_of: "15/04/2024",
  region: "ARS Bretagne",
  tables: [
    {
      table: "statut", title: "Situation à la date", unit: "Signataires", chart: true, total_amount_label: null,
      empty: "Aucun signataire à cette date.",
      rows: [
        { key: "installe", label: "Installé (engagement en cours)", count: 16, amount: null, amount_label: null },
        { key: "en_formation", label: "En formation (allocataire)", count: 66, amount: null, amount_label: null },
      ],
    },
    {
      table: "installes_par_zone", title: "Installés, par zone (ZIP, ZAC)", unit: "Installés", chart: false,
      total_amount_label: null, rows: [], empty: "Aucun signataire installé à cette date.",
    },
    {
      table: "allocation_versee", title: "Allocation versée en 2024", unit: "Allocataires", chart: false,
      total_amount_label: "91\u202f200,00\u00a0€",
      empty: "Aucun allocataire sur la période.",
      rows: [
        { key: "medecine", label: "Médecine", count: 12, amount: "57600.00", amount_label: "57\u202f600,00\u00a0€" },
        { key: "odontologie", label: "Odontologie", count: 7, amount: "33600.00", amount_label: "33\u202f600,00\u00a0€" },
      ],
    },
  ],
};

describe("Statistics", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.regionalCounts.mockResolvedValue({ status: "ok", data: counts });
  });

  it("shows each table with its total, recomputes at a date and exports", async () => {
    const user = userEvent.setup();
    mocked.exportCounts.mockResolvedValue({ status: "ok", data: "/tmp/comptages.xlsx" });
    renderWithProviders(<Statistics />);
    const statut = await screen.findByTestId("stat-statut");
    await expectAccessible();
    expect(mocked.regionalCounts).toHaveBeenCalledWith(todayFr());
    expect(statut).toHaveTextContent("En formation (allocataire)66");
    expect(statut).toHaveTextContent("Total82");
    expect(screen.getByTestId("chart-statut")).toBeInTheDocument();
    expect(screen.getByTestId("stat-installes_par_zone")).toHaveTextContent("Aucun signataire installé à cette date.");
    // A table of money: its amounts, their total, and no chart.
    const paid = screen.getByTestId("stat-allocation_versee");
    expect(paid).toHaveTextContent("Montant brut");
    // (toHaveTextContent folds the no-break spaces into plain ones.)
    expect(paid).toHaveTextContent("Médecine1257 600,00 €");
    expect(screen.getByTestId("total-amount-allocation_versee").textContent).toBe("91\u202f200,00\u00a0€");
    expect(screen.queryByTestId("chart-allocation_versee")).toBeNull();
    expect(screen.getByTestId("stats-heading")).toHaveTextContent("ARS Bretagne — situation au 15/04/2024");

    mocked.regionalCounts.mockResolvedValueOnce({
      status: "error",
      error: { kind: "validation", fields: [{ field: "as_of", message: "Date invalide « 31/02/2024 »." }] },
    });
    await user.clear(screen.getByTestId("stats-as-of"));
    await user.type(screen.getByTestId("stats-as-of"), "31/02/2024");
    await user.click(screen.getByTestId("stats-compute"));
    expect(await screen.findByText("Date invalide « 31/02/2024 ».")).toBeInTheDocument();

    await user.click(screen.getByTestId("stats-export-xlsx"));
    await waitFor(() => expect(mocked.exportCounts).toHaveBeenCalledWith("15/04/2024", "xlsx", "/tmp/comptages.xlsx"));
    await user.click(screen.getByTestId("stats-export-pdf"));
    await waitFor(() => expect(mocked.exportCounts).toHaveBeenCalledWith("15/04/2024", "pdf", "/tmp/comptages.xlsx"));
  });
});
