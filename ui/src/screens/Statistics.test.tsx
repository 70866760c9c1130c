import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type Counts } from "../bindings";
import { todayFr } from "../format";
import { renderWithProviders } from "../test/render";
import { Statistics } from "./Statistics";

vi.mock("../bindings", () => ({ commands: { regionalCounts: vi.fn(), exportCounts: vi.fn() } }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(async () => "/tmp/comptages.xlsx") }));
const mocked = vi.mocked(commands);

const counts: Counts = {
  as_of: "15/04/2024",
  region: "ARS Bretagne",
  tables: [
    {
      table: "statut", title: "Situation à la date",
      rows: [
        { key: "installe", label: "Installé (engagement en cours)", count: 16 },
        { key: "en_formation", label: "En formation (allocataire)", count: 66 },
      ],
    },
    { table: "installes_par_zone", title: "Installés, par zone (ZIP, ZAC)", rows: [] },
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
    expect(mocked.regionalCounts).toHaveBeenCalledWith(todayFr());
    expect(statut).toHaveTextContent("En formation (allocataire)66");
    expect(statut).toHaveTextContent("Total82");
    expect(screen.getByTestId("chart-statut")).toBeInTheDocument();
    expect(screen.getByTestId("stat-installes_par_zone")).toHaveTextContent("Aucun signataire.");
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
  });
});
