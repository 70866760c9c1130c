import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type ZonageVersion } from "../bindings";
import { renderWithProviders } from "../test/render";
import { ZonageSettings } from "./ZonageSettings";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    zonageVersions: vi.fn(),
    importZonage: vi.fn(),
    installationSettings: vi.fn(),
    saveInstallationSettings: vi.fn(),
  },
}));
vi.mock("../dialog", () => ({ open: vi.fn(async () => "/home/referent/zonage-2024.csv") }));
const mocked = vi.mocked(commands);

const version: ZonageVersion = {
  id: 1, effective_date: "01/02/2024", arrete_date: "15/01/2024", source: "zonage-2024.csv",
  imported_at: "2026-11-23T10:00:00", zip: 9, zac: 10, hors_zone: 3,
};

describe("ZonageSettings", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.zonageVersions.mockResolvedValue({ status: "ok", data: [] });
    mocked.installationSettings.mockResolvedValue({
      status: "ok",
      data: { full_time_half_days: "8", max_replacement_months: "12" },
    });
  });

  it("shows every bad row of a refused file, then imports a good one", async () => {
    const user = userEvent.setup();
    mocked.importZonage.mockResolvedValueOnce({
      status: "error",
      error: {
        kind: "failure",
        message:
          "Le zonage « zonage-2024.csv » n'a pas été importé (1 problème) ; rien n'a été enregistré :\n" +
          "  - Ligne 3, colonne C (« Zone ») : « ZRR » — attendu ZIP, ZAC ou « hors zone ».",
      },
    });
    mocked.importZonage.mockResolvedValueOnce({ status: "ok", data: { version, replaced: false } });
    renderWithProviders(<ZonageSettings />);
    expect(await screen.findByText(/Aucun zonage importé/)).toBeInTheDocument();
    await expectAccessible();
    await user.click(screen.getByTestId("zonage-import"));
    expect(await screen.findByText("Choisissez le fichier du zonage.")).toBeInTheDocument();
    expect(mocked.importZonage).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("zonage-choose"));
    expect(await screen.findByTestId("zonage-path")).toHaveTextContent("/home/referent/zonage-2024.csv");
    await user.type(screen.getByTestId("zonage-effective"), "01/02/2024");
    await user.click(screen.getByTestId("zonage-import"));
    const problems = await screen.findByTestId("zonage-problems");
    expect(problems).toHaveTextContent("rien n'a été enregistré");
    expect(problems).toHaveTextContent("Ligne 3, colonne C (« Zone ») : « ZRR »");
    expect(mocked.importZonage).toHaveBeenCalledWith("/home/referent/zonage-2024.csv", "01/02/2024");

    mocked.zonageVersions.mockResolvedValue({ status: "ok", data: [version] });
    await user.click(screen.getByTestId("zonage-import"));
    expect(await screen.findByTestId("zonage-versions")).toHaveTextContent("22 (ZIP 9, ZAC 10, hors zone 3)");
    expect(screen.queryByTestId("zonage-problems")).not.toBeInTheDocument();
  });

  it("saves the regional settings and shows the core's errors next to them", async () => {
    const user = userEvent.setup();
    mocked.saveInstallationSettings.mockResolvedValueOnce({
      status: "error",
      error: { kind: "validation", fields: [{ field: "full_time_half_days", message: "Entre 1 et 14." }] },
    });
    renderWithProviders(<ZonageSettings />);
    const full = await screen.findByTestId("settings-full-time");
    await user.clear(full);
    await user.type(full, "20");
    await user.click(screen.getByTestId("settings-installation-save"));
    expect(await screen.findByText("Entre 1 et 14.")).toBeInTheDocument();
    expect(full).toHaveValue("20");
    await waitFor(() =>
      expect(mocked.saveInstallationSettings).toHaveBeenCalledWith({ full_time_half_days: "20", max_replacement_months: "12" }),
    );
  });
});
