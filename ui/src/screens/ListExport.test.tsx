import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands } from "../bindings";
import { renderWithProviders } from "../test/render";
import { ListExport } from "./ListExport";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: { exportColumns: vi.fn(), exportSignatories: vi.fn(), openOutput: vi.fn(), revealOutput: vi.fn() },
}));
vi.mock("../dialog", () => ({ save: vi.fn(async () => "/tmp/signataires.csv") }));
const mocked = vi.mocked(commands);

describe("ListExport", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.exportColumns.mockResolvedValue({
      status: "ok",
      data: [
        { key: "last_name", label: "Nom" },
        { key: "first_names", label: "Prénoms" },
        { key: "email", label: "Courriel" },
        { key: "status", label: "Statut" },
      ],
    });
    mocked.exportSignatories.mockResolvedValue({ status: "ok", data: 12 });
  });

  it("exports the filtered list with the ticked columns, in the form's order", async () => {
    const user = userEvent.setup();
    const query = { search: "lef", status: "installe" as const, discipline: null, sort: "name" as const, descending: false, offset: 0, limit: 50 };
    renderWithProviders(<ListExport query={query} total={12} />);
    await user.click(screen.getByTestId("list-export"));
    expect(await screen.findByText(/12 signataires, avec la recherche et les filtres/)).toBeInTheDocument();
    await expectAccessible();
    await user.click(await screen.findByTestId("export-col-email"));
    await user.click(screen.getByTestId("export-col-first_names"));
    await user.selectOptions(screen.getByTestId("export-format"), "csv");
    await user.click(screen.getByTestId("export-run"));
    await waitFor(() => expect(mocked.exportSignatories).toHaveBeenCalledTimes(1));
    expect(mocked.exportSignatories).toHaveBeenCalledWith(
      { query, columns: ["last_name", "email", "status"], format: "csv" },
      "/tmp/signataires.csv",
    );
    expect(await screen.findByText("12 signataires exportés")).toBeInTheDocument();
    expect(screen.getByText("/tmp/signataires.csv")).toBeInTheDocument();
    // « Ouvrir » and « Afficher dans le dossier » ask the shell for that very file.
    mocked.openOutput.mockResolvedValue({ status: "ok", data: null });
    mocked.revealOutput.mockResolvedValue({ status: "ok", data: null });
    await user.click(screen.getByTestId("written-open"));
    expect(mocked.openOutput).toHaveBeenCalledWith("/tmp/signataires.csv");
    await user.click(screen.getByTestId("written-reveal"));
    expect(mocked.revealOutput).toHaveBeenCalledWith("/tmp/signataires.csv");
  });
});
