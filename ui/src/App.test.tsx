import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type AppInfo } from "./bindings";
import { refs, renderWithProviders } from "./test/render";
import { App } from "./App";
import { expectAccessible } from "./test/axe";

vi.mock("./bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    referenceLists: vi.fn(),
    listSignatories: vi.fn(),
    saveSettings: vi.fn(),
    loadDemo: vi.fn(),
    startEmpty: vi.fn(),
    allowanceRates: vi.fn(),
    degressiveSettings: vi.fn(),
    contactSettings: vi.fn(),
    privacyNotice: vi.fn(),
    letterKinds: vi.fn(),
    logoInfo: vi.fn(),
    letterTemplate: vi.fn(),
    campaignDates: vi.fn(),
    followupCampaign: vi.fn(),
    zonageVersions: vi.fn(),
    installationSettings: vi.fn(),
    regionDueInterviews: vi.fn(),
    todoList: vi.fn(),
    todoSettings: vi.fn(),
    backups: vi.fn(),
    backupRetention: vi.fn(),
    archiveCandidates: vi.fn(),
    about: vi.fn(),
    campaignSettings: vi.fn(),
    startupWarnings: vi.fn(),
  },
}));
const mocked = vi.mocked(commands);

const info: AppInfo = { version: "1.0.0", db_path: "/home/a/cesp.sqlite", region: "", first_launch: true, signatory_count: 0 };

describe("App", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.referenceLists.mockResolvedValue({ status: "ok", data: refs });
    mocked.listSignatories.mockResolvedValue({ status: "ok", data: { rows: [], total: 0 } });
    mocked.allowanceRates.mockResolvedValue({ status: "ok", data: [] });
    mocked.degressiveSettings.mockResolvedValue({ status: "ok", data: [] });
    mocked.zonageVersions.mockResolvedValue({ status: "ok", data: [] });
    mocked.installationSettings.mockResolvedValue({
      status: "ok",
      data: { full_time_half_days: "8", max_replacement_months: "12" },
    });
    mocked.regionDueInterviews.mockResolvedValue({ status: "ok", data: [] });
    mocked.todoList.mockResolvedValue({ status: "ok", data: { items: [], total: 0, counts: [], done: 0 } });
    mocked.todoSettings.mockResolvedValue({
      status: "ok",
      data: { unreturned_days: 30, diploma_months: 6, definitive_days_left: 10, commitment_months_ahead: 3 },
    });
    mocked.backups.mockResolvedValue({ status: "ok", data: [] });
    mocked.startupWarnings.mockResolvedValue({ status: "ok", data: [] });
    mocked.backupRetention.mockResolvedValue({ status: "ok", data: { daily: 7, weekly: 4, monthly: 12, others_months: 12 } });
    mocked.campaignSettings.mockResolvedValue({
      status: "ok",
      data: { deadline: "15/12", commission: "10/01", signatures: "01/02", lists_before: "15/01", contract_return_days: "30", ars_validation: "jamais" },
    });
    mocked.about.mockResolvedValue({
      status: "ok",
      data: {
        version: "0.1.0", licence: "EUPL-1.2", schema_version: 9, db_path: "/home/a/cesp.sqlite", backups_dir: "/home/a/sauvegardes",
        pdf_font: "DejaVu Sans", pdf_font_licence: "Bitstream Vera", rust: [{ name: "rusqlite", version: "0.40.0", licence: "MIT" }],
        npm: [{ name: "react", version: "19.3.1", licence: "MIT" }],
      },
    });
    mocked.archiveCandidates.mockResolvedValue({ status: "ok", data: { years: 5, ended_before: "01/12/2021", rows: [], old_applications: 0, old_campaigns_until: 2019, old_campaigns_label: "2019-2020" } });
    mocked.contactSettings.mockResolvedValue({
      status: "ok",
      data: { service: "Suivi CESP", referent: "", address: "", email: "", phone: "", return_days: "30" },
    });
    mocked.followupCampaign.mockResolvedValue({
      status: "ok",
      data: { year: 2026, rows: [], total: 0, counts: [], campaign_total: 0 },
    });
    mocked.privacyNotice.mockResolvedValue({ status: "ok", data: ["", "Protection des données personnelles."] });
    mocked.letterKinds.mockResolvedValue({ status: "ok", data: [] });
    mocked.logoInfo.mockResolvedValue({ status: "ok", data: null });
    mocked.letterTemplate.mockResolvedValue({
      status: "ok",
      data: { kind: "envoi", medium: "courrier", label: "Courrier d'envoi de la fiche de suivi", text: "Objet : suivi", is_default: true, fields: [] },
    });
    mocked.campaignDates.mockResolvedValue({ status: "ok", data: { year: 2026, send: "", return_by: "" } });
  });

  it("welcomes on first launch, saves the chosen region, then starts an empty register", async () => {
    const user = userEvent.setup();
    mocked.appInfo.mockResolvedValue({ status: "ok", data: info });
    mocked.saveSettings.mockResolvedValue({ status: "ok", data: { ...info, region: "Bretagne" } });
    mocked.startEmpty.mockResolvedValue({ status: "ok", data: { ...info, region: "Bretagne", first_launch: false } });
    renderWithProviders(<App />);

    expect(await screen.findByText("Bienvenue dans Suivi CESP")).toBeInTheDocument();
    await expectAccessible();
    expect(screen.getByText("/home/a/cesp.sqlite")).toBeInTheDocument();
    expect(screen.getByText("Région non définie")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-signataires")).not.toBeInTheDocument();

    await user.selectOptions(screen.getByTestId("settings-region"), "Bretagne");
    await user.click(screen.getByTestId("start-empty"));

    expect(mocked.saveSettings).toHaveBeenCalledWith({ region: "Bretagne" });
    expect(mocked.startEmpty).toHaveBeenCalledTimes(1);
    expect(mocked.loadDemo).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId("list-total").textContent).toBe("0 signataire"));
    expect(screen.getByText("ARS Bretagne")).toBeInTheDocument();
    expect(screen.getByTestId("nav-signataires")).toHaveAttribute("aria-current", "page");
  });

  it("loads 300 demo signatories when asked", async () => {
    const user = userEvent.setup();
    mocked.appInfo.mockResolvedValue({ status: "ok", data: info });
    mocked.loadDemo.mockResolvedValue({ status: "ok", data: { ...info, first_launch: false, signatory_count: 300 } });
    renderWithProviders(<App />);
    await user.click(await screen.findByTestId("load-demo"));
    expect(mocked.loadDemo).toHaveBeenCalledWith(300);
    expect(mocked.saveSettings).not.toHaveBeenCalled(); // no region picked
    expect(await screen.findByTestId("new-signatory")).toBeInTheDocument();
  });

  it("navigates to the settings, which show the database path", async () => {
    const user = userEvent.setup();
    mocked.appInfo.mockResolvedValue({ status: "ok", data: { ...info, first_launch: false, region: "Normandie" } });
    renderWithProviders(<App />);
    await user.click(await screen.findByTestId("nav-parametres"));
    expect(await screen.findByText(/Une base sur un partage réseau est refusée/)).toBeInTheDocument();
    expect(screen.getByText("/home/a/cesp.sqlite")).toBeInTheDocument();
    expect(screen.getByText("/home/a/sauvegardes")).toBeInTheDocument();
    expect(screen.getByTestId("about-version")).toHaveTextContent("0.1.0");
    expect(screen.getByTestId("about-rust")).toHaveTextContent("rusqlite");
    await expectAccessible();
    expect(screen.getByTestId("nav-parametres")).toHaveAttribute("aria-current", "page");
  });

  it("navigates to the annual follow-up campaign of the current year", async () => {
    const user = userEvent.setup();
    const year = new Date().getFullYear();
    mocked.appInfo.mockResolvedValue({ status: "ok", data: { ...info, first_launch: false, region: "Normandie" } });
    renderWithProviders(<App />);
    await user.click(await screen.findByTestId("nav-campaign"));
    expect(screen.getByRole("heading", { name: `Campagne de suivi ${year}` })).toBeInTheDocument();
    expect(screen.getByTestId("nav-campaign")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("nav-signataires")).not.toHaveAttribute("aria-current");
    await waitFor(() => expect(mocked.followupCampaign).toHaveBeenCalledWith(expect.objectContaining({ year, form_status: null })));
    expect(await screen.findByText(`Aucun signataire suivi pour la campagne ${year}.`)).toBeInTheDocument();
  });

  it("opens on « À faire » when the register is in use", async () => {
    mocked.appInfo.mockResolvedValue({ status: "ok", data: { ...info, first_launch: false, region: "Normandie" } });
    renderWithProviders(<App />);
    expect(await screen.findByRole("heading", { name: "À faire" })).toBeInTheDocument();
    expect(screen.getByTestId("nav-todo")).toHaveAttribute("aria-current", "page");
    expect(await screen.findByText("Rien à faire aujourd'hui")).toBeInTheDocument();
  });

  it("navigates to the interviews due in the region", async () => {
    const user = userEvent.setup();
    mocked.appInfo.mockResolvedValue({ status: "ok", data: { ...info, first_launch: false, region: "Normandie" } });
    renderWithProviders(<App />);
    await user.click(await screen.findByTestId("nav-interviews"));
    expect(screen.getByRole("heading", { name: "Entretiens à tenir" })).toBeInTheDocument();
    expect(screen.getByTestId("nav-interviews")).toHaveAttribute("aria-current", "page");
    expect(await screen.findByText("Aucun entretien à tenir.")).toBeInTheDocument();
    expect(mocked.regionDueInterviews).toHaveBeenCalledWith(false);
  });

  it("navigates to the spreadsheet import, from the header and from the list", async () => {
    const user = userEvent.setup();
    mocked.appInfo.mockResolvedValue({ status: "ok", data: { ...info, first_launch: false, region: "Normandie" } });
    renderWithProviders(<App />);
    await user.click(await screen.findByTestId("nav-import"));
    expect(screen.getByRole("heading", { name: "Importer un tableur" })).toBeInTheDocument();
    expect(screen.getByTestId("nav-import")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("import-path")).toHaveValue("");

    await user.click(screen.getByTestId("nav-signataires"));
    await user.click(await screen.findByTestId("list-import"));
    expect(screen.getByRole("heading", { name: "Importer un tableur" })).toBeInTheDocument();
  });

  it("shows the French message when the backend cannot start", async () => {
    mocked.appInfo.mockResolvedValue({ status: "error", error: { kind: "failure", message: "La base de données est sur un partage réseau : refusée." } });
    renderWithProviders(<App />);
    expect(await screen.findByText("La base de données est sur un partage réseau : refusée.")).toBeInTheDocument();
  });

  it("shows what the start-up checks found", async () => {
    mocked.appInfo.mockResolvedValue({ status: "ok", data: { ...info, first_launch: false, signatory_count: 3 } });
    mocked.startupWarnings.mockResolvedValue({
      status: "ok",
      data: ["La sauvegarde automatique du jour n'a pas pu être faite : Le disque est plein."],
    });
    renderWithProviders(<App />);
    expect(await screen.findByTestId("startup-warning", {}, { timeout: 4000 })).toHaveTextContent("Le disque est plein");
  });

  it("offers the backups when the register is damaged", async () => {
    mocked.appInfo.mockResolvedValue({
      status: "error",
      error: { kind: "damaged", message: "La base de données /home/a/cesp.sqlite est endommagée (en-tête)." },
    });
    mocked.backups.mockResolvedValue({
      status: "ok",
      data: [
        {
          path: "/home/a/sauvegardes/cesp-quotidienne-20261201-090000.sqlite3",
          file_name: "cesp-quotidienne-20261201-090000.sqlite3",
          kind: "quotidienne",
          kind_label: "Automatique (quotidienne)",
          taken: "01/12/2026 09:00",
          taken_iso: "2026-12-01T09:00:00",
          size_bytes: 1000,
          size_label: "1 ko",
          signatories: 40,
        },
      ],
    });
    renderWithProviders(<App />);
    expect(await screen.findByTestId("fatal")).toHaveTextContent("est endommagée");
    expect(await screen.findByTestId("backup-list")).toHaveTextContent("01/12/2026 09:00");
    expect(screen.queryByTestId("backup-now")).not.toBeVisible();
    expect(mocked.backupRetention).not.toHaveBeenCalled();
  });
});
