import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type CommuneView, type InstallationTab as Tab } from "../bindings";
import { refs, renderWithProviders } from "../test/render";
import { InstallationTab } from "./InstallationTab";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    installationTab: vi.fn(),
    saveDeclaration: vi.fn(),
    deleteDeclaration: vi.fn(),
    searchCommunes: vi.fn(),
  },
}));
const mocked = vi.mocked(commands);

const empty: Tab = { declarations: [], flags: [], same_commune: [] };

const carhaix: CommuneView = {
  insee: "29024", name: "Carhaix-Plouguer", department: "29", zone: "zip",
  zone_label: "ZIP (zone d'intervention prioritaire)", zonage_effective: "01/02/2024",
};

const installed: Tab = {
  flags: ["2 signataires déclarés à Carhaix-Plouguer (29024) : priorité au projet le plus ancien, LE BIHAN Maëlle (déclaration du 15/10/2025)."],
  same_commune: [
    {
      commune: "Carhaix-Plouguer", insee: "29024",
      signatories: [
        { signatory_id: 1, name: "LE BIHAN Maëlle", declaration_date: "15/10/2025", is_self: false },
        { signatory_id: 5, name: "ABGRALL Yann", declaration_date: "05/11/2026", is_self: true },
      ],
    },
  ],
  declarations: [
    {
      id: 9, declaration_date: "05/11/2026", practice_start: "15/11/2026", des_certificate_date: "05/11/2026",
      contracts_date: "", notes: "",
      places: [
        {
          address: "2 rue de la Gare", insee: "29024", commune: "Carhaix-Plouguer", department: "29", zone: "zip",
          zone_label: "ZIP", mode_label: "Libéral", sector_label: "Secteur 1",
          structure_label: "Maison de santé pluriprofessionnelle (MSP)", half_days: "9", start_date: "15/11/2026",
          end_date: "", current: true,
        },
      ],
      form: {
        declaration_date: "05/11/2026", practice_start: "15/11/2026", des_certificate_date: "05/11/2026",
        contracts_date: "", notes: "",
        places: [
          {
            address: "2 rue de la Gare", insee: "29024", commune: "Carhaix-Plouguer", mode: "liberal",
            sector: "secteur_1", structure: "msp", half_days: "9", start_date: "15/11/2026", end_date: "",
          },
        ],
      },
    },
  ],
};

describe("InstallationTab", { timeout: 30000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.installationTab.mockResolvedValue({ status: "ok", data: empty });
    mocked.searchCommunes.mockResolvedValue({ status: "ok", data: [carhaix] });
  });

  it("records a declaration in a commune chosen as one types, showing its zone", async () => {
    const user = userEvent.setup();
    const onStatusChanged = vi.fn();
    mocked.saveDeclaration.mockResolvedValueOnce({
      status: "error",
      error: { kind: "validation", fields: [{ field: "places.0.half_days", message: "Indiquez le nombre de demi-journées." }] },
    });
    mocked.saveDeclaration.mockResolvedValueOnce({ status: "ok", data: installed });
    renderWithProviders(<InstallationTab id={5} refs={refs} onStatusChanged={onStatusChanged} />);
    await user.click(await screen.findByTestId("declaration-new"));
    await expectAccessible();
    await user.clear(screen.getByTestId("declaration-declaration_date"));
    await user.type(screen.getByTestId("declaration-declaration_date"), "05/11/2026");
    await user.type(screen.getByTestId("declaration-practice_start"), "15/11/2026");
    await user.type(screen.getByTestId("place-0-commune"), "carhaix");
    await waitFor(() => expect(mocked.searchCommunes).toHaveBeenCalledWith("carhaix", "05/11/2026"));
    // The dropdown is still in its opening transition in jsdom: found even while "hidden".
    await user.click(await screen.findByRole("option", { name: "Carhaix-Plouguer (29024)", hidden: true }));
    expect(await screen.findByTestId("place-0-zone")).toHaveTextContent("ZIP (zone d'intervention prioritaire)");
    await user.selectOptions(screen.getByTestId("place-0-mode"), "liberal");
    await user.selectOptions(screen.getByTestId("place-0-sector"), "secteur_1");
    await user.selectOptions(screen.getByTestId("place-0-structure"), "msp");
    await user.click(screen.getByTestId("declaration-save"));

    const summary = await screen.findByTestId("declaration-errors");
    expect(summary).toHaveTextContent("Lieux d'exercice, ligne 1 : demi-journées par semaine : Indiquez le nombre de demi-journées.");
    expect(mocked.saveDeclaration.mock.calls[0]![2].places[0]).toMatchObject({
      insee: "29024", commune: "Carhaix-Plouguer", mode: "liberal", sector: "secteur_1", structure: "msp",
    });
    expect(onStatusChanged).not.toHaveBeenCalled();

    await user.type(screen.getByTestId("place-0-half-days"), "9");
    await user.click(screen.getByTestId("declaration-save"));
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId("declaration-card")).toHaveTextContent("Déclaration du 05/11/2026 — début d'exercice le 15/11/2026");
    expect(screen.getByTestId("place-row")).toHaveTextContent("Carhaix-Plouguer (29024)");
    expect(screen.getByTestId("installation-flags")).toHaveTextContent("priorité au projet le plus ancien");
    expect(screen.getByTestId("same-commune")).toHaveTextContent("LE BIHAN Maëlle — déclaration du 15/10/2025");
  });

  it("opens a declaration to change place: the sector is only for liberal practice", async () => {
    const user = userEvent.setup();
    mocked.installationTab.mockResolvedValue({ status: "ok", data: installed });
    renderWithProviders(<InstallationTab id={5} refs={refs} />);
    await user.click(await screen.findByText("Modifier ou changer de lieu"));
    expect(screen.getByTestId("place-0-commune")).toHaveValue("Carhaix-Plouguer (29024)");
    expect(screen.getByTestId("place-0-sector")).toHaveValue("secteur_1");
    await user.click(screen.getByTestId("declaration-add-place"));
    await user.selectOptions(screen.getByTestId("place-1-mode"), "salarie");
    expect(screen.getByTestId("place-1-sector")).toBeDisabled();
    await user.type(screen.getByTestId("place-0-end"), "31/12/2026");
    mocked.saveDeclaration.mockResolvedValue({ status: "ok", data: installed });
    await user.click(screen.getByTestId("declaration-save"));
    await waitFor(() => expect(mocked.saveDeclaration).toHaveBeenCalledTimes(1));
    expect(mocked.saveDeclaration.mock.calls[0]![1]).toBe(9);
    const places = mocked.saveDeclaration.mock.calls[0]![2].places;
    expect(places).toHaveLength(2);
    expect(places[0]!.end_date).toBe("31/12/2026");
  });
});
