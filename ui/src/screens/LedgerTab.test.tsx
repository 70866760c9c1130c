import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type LedgerView, type SimulateOutput } from "../bindings";
import { NBSP, NNBSP, todayFr } from "../format";
import { refs, renderWithProviders } from "../test/render";
import { LedgerTab } from "./LedgerTab";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    getLedger: vi.fn(),
    saveLedger: vi.fn(),
    simulateRupture: vi.fn(),
    recordContractEnd: vi.fn(),
    printRuptureSimulation: vi.fn(),
  },
}));
// The native "Enregistrer sous" dialog: the user picks a file.
vi.mock("../dialog", () => ({ save: vi.fn(async () => "/tmp/simulation.pdf") }));
const mocked = vi.mocked(commands);

const eur = (s: string) => `${s.replace(/ /g, NNBSP)}${NBSP}€`;

// domain.md §6 worked example: 60 months at 1 106,88 € net, 48 months served out of 60.
const computation: SimulateOutput = {
  months_paid: 60, gross_total: "72000.00", net_total: "66412.80",
  allowance_lines: [{ from: "2015-10-01", months: 60, monthly_gross: "1200.00", monthly_net: "1106.88" }],
  commitment_months: 60,
  commitment_end: "2026-08-31", months_served: 48, months_remaining: 12, warnings: [],
};
const view: LedgerView = {
  form: {
    allocation_start: "01/11/2012", allocation_end: "31/10/2017", intern_start: "02/11/2014",
    definitive_request: "20/11/2014", diploma_date: "15/10/2017", practice_start: "01/09/2021",
    suspensions: [], practice_suspensions: [],
  },
  monthly_gross: "1200.00",
  monthly_net: "1106.88",
  computation,
  definitive: { request: "2014-11-20", deadline: "2014-12-02", in_time: true, effective: "2015-01-01" },
  warnings: ["Statut « En formation » alors que l'exercice a commencé."],
  contract_end: null,
};

// A large form typed key by key: slower than the default 5 s on a busy machine.
describe("LedgerTab", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.getLedger.mockResolvedValue({ status: "ok", data: view });
  });

  it("shows the figures, the monthly amounts, the warnings and the definitive suspension", async () => {
    renderWithProviders(<LedgerTab id={7} refs={refs} />);
    expect(await screen.findByTestId("ledger-months-paid")).toHaveTextContent("60");
    await expectAccessible();
    expect(mocked.getLedger).toHaveBeenCalledWith(7);
    expect(screen.getByTestId("ledger-net-total").textContent).toBe(eur("66 412,80"));
    expect(screen.getByTestId("ledger-gross-total").textContent).toBe(eur("72 000,00"));
    expect(screen.getByTestId("ledger-commitment-months").textContent).toBe("60 mois");
    expect(screen.getByText("24 mois minimum")).toBeInTheDocument();
    expect(screen.getByTestId("ledger-commitment-end").textContent).toBe("31/08/2026");
    expect(screen.getByTestId("ledger-months-remaining").textContent).toBe("12");
    expect(screen.getByTestId("ledger-monthly").textContent).toBe(
      `${eur("1 200,00")} brut / ${eur("1 106,88")} net par mois`,
    );
    const warnings = screen.getByTestId("ledger-warnings");
    expect(warnings).toHaveTextContent("Points à vérifier");
    expect(within(warnings).getAllByRole("listitem")).toHaveLength(1);
    expect(screen.getByTestId("ledger-definitive")).toHaveTextContent("Effet au 01/01/2015 — dans le délai de 30 jours");
    expect(screen.getByTestId("ledger-allocation_start")).toHaveValue("01/11/2012");
    expect(screen.getByTestId("rupture-date")).toHaveValue(todayFr());
  });

  it("shows a dash when nothing is computed yet, and a late request", async () => {
    mocked.getLedger.mockResolvedValue({
      status: "ok",
      data: {
        ...view, computation: null, monthly_gross: null, monthly_net: null, warnings: [],
        definitive: { request: "2015-01-20", deadline: "2014-12-02", in_time: false, effective: "2016-01-01" },
      },
    });
    renderWithProviders(<LedgerTab id={7} refs={refs} />);
    expect(await screen.findByTestId("ledger-commitment-end")).toHaveTextContent("—");
    expect(screen.getByTestId("ledger-months-paid")).toHaveTextContent("—");
    expect(screen.queryByTestId("ledger-warnings")).not.toBeInTheDocument();
    expect(screen.getByTestId("ledger-definitive")).toHaveTextContent(
      "Effet au 01/01/2016 — hors délai (date limite 02/12/2014)",
    );
  });

  it("shows a rejected suspension's message next to its input and keeps what was typed", async () => {
    const user = userEvent.setup();
    const message = "La suspension doit commencer le 1er d'un mois (reçu 15/03/2016).";
    mocked.saveLedger.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "suspensions.0.start", message }] },
    });
    renderWithProviders(<LedgerTab id={7} refs={refs} />);

    await user.click(await screen.findByTestId("add-suspension"));
    await user.type(screen.getByTestId("suspension-0-start"), "15/03/2016");
    await user.type(screen.getByTestId("suspension-0-end"), "31/05/2016");
    await user.selectOptions(screen.getByTestId("suspension-0-reason"), "maternite");
    await user.click(screen.getByTestId("suspension-0-paid"));
    await user.click(screen.getByTestId("save-ledger"));

    expect(mocked.saveLedger).toHaveBeenCalledTimes(1);
    expect(mocked.saveLedger.mock.calls[0]![0]).toBe(7);
    expect(mocked.saveLedger.mock.calls[0]![1].suspensions).toEqual([
      { start: "15/03/2016", end: "31/05/2016", reason: "maternite", paid: true, document_received: false },
    ]);

    const summary = await screen.findByTestId("ledger-errors");
    expect(summary).toHaveTextContent("Le formulaire contient 1 erreur : rien n'a été enregistré.");
    expect(summary).toHaveTextContent(`Suspension 1 (début) : ${message}`);

    const start = screen.getByTestId("suspension-0-start");
    expect(start).toHaveAttribute("aria-invalid", "true");
    expect(start).toHaveAccessibleDescription(message);
    expect(start).toHaveValue("15/03/2016");
    expect(screen.getByTestId("suspension-0-end")).toHaveValue("31/05/2016");
    expect(screen.getByTestId("suspension-0-reason")).toHaveValue("maternite");
    expect(screen.getByTestId("suspension-0-paid")).toBeChecked();
    expect(screen.queryByText("Contrat enregistré")).not.toBeInTheDocument();
  });

  it("shows a whole-row message under the row, and drops it with the row", async () => {
    const user = userEvent.setup();
    mocked.saveLedger.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "suspensions.0", message: "La suspension chevauche suspensions[1]." }] },
    });
    renderWithProviders(<LedgerTab id={7} refs={refs} />);
    await user.click(await screen.findByTestId("add-suspension"));
    await user.click(screen.getByTestId("save-ledger"));
    expect(await screen.findByTestId("suspension-0-error")).toHaveTextContent("La suspension chevauche suspensions[1].");
    expect(screen.getByTestId("suspension-0-start")).toHaveAttribute("aria-invalid", "true");
    await user.click(screen.getByTestId("suspension-0-delete"));
    expect(screen.queryByTestId("suspension-0-start")).not.toBeInTheDocument();
    expect(screen.queryByTestId("ledger-errors")).not.toBeInTheDocument();
  });

  it("saves and refreshes the figures from the returned view", async () => {
    const user = userEvent.setup();
    const after: LedgerView = {
      ...view,
      form: { ...view.form, allocation_end: "30/09/2017" },
      computation: { ...computation, months_paid: 59, net_total: "65305.92" },
      warnings: [],
    };
    mocked.saveLedger.mockResolvedValue({ status: "ok", data: after });
    renderWithProviders(<LedgerTab id={7} refs={refs} />);
    const end = await screen.findByTestId("ledger-allocation_end");
    await user.clear(end);
    await user.type(end, "30/09/2017");
    await user.click(screen.getByTestId("save-ledger"));
    expect(mocked.saveLedger.mock.calls[0]![1]).toMatchObject({ allocation_end: "30/09/2017", allocation_start: "01/11/2012" });
    expect(await screen.findByText("Contrat enregistré")).toBeInTheDocument();
    expect(screen.getByTestId("ledger-months-paid")).toHaveTextContent("59");
    expect(screen.getByTestId("ledger-net-total").textContent).toBe(eur("65 305,92"));
    expect(screen.queryByTestId("ledger-warnings")).not.toBeInTheDocument();
  });

  it("simulates a rupture and explains the total", async () => {
    const user = userEvent.setup();
    mocked.simulateRupture.mockResolvedValue({
      status: "ok",
      data: {
        ...computation,
        rupture: { phase: "en_exercice", allocations: "66412.80", penalty: "20000.00", rate: "46.3344", total: "40038.83" },
      },
    });
    renderWithProviders(<LedgerTab id={7} refs={refs} />);
    const date = await screen.findByTestId("rupture-date");
    await user.clear(date);
    await user.type(date, "31/08/2025");
    await user.click(screen.getByTestId("simulate-rupture"));

    expect(mocked.simulateRupture).toHaveBeenCalledWith(7, "31/08/2025");
    expect((await screen.findByTestId("rupture-total")).textContent).toBe(eur("40 038,83"));
    const result = screen.getByTestId("rupture-result");
    expect(result).toHaveTextContent("En exercice");
    expect(result.textContent).toContain(`60 mois × ${eur("1 106,88")} net`);
    expect(result.textContent).toContain(eur("66 412,80"));
    expect(result.textContent).toContain(`forfait de ${eur("20 000")}`);
    expect(result.textContent).toContain(`46,3344${NBSP}%`);
    expect(result).toHaveTextContent("engagement dû 60 mois, 48 mois effectués");
    // Printing asks where to save, then writes the PDF there.
    mocked.printRuptureSimulation.mockResolvedValue({ status: "ok", data: "/tmp/simulation.pdf" });
    await user.click(screen.getByTestId("print-rupture"));
    await waitFor(() => expect(mocked.printRuptureSimulation).toHaveBeenCalledWith(7, "31/08/2025", "/tmp/simulation.pdf"));
  });

  it("shows an invalid rupture date next to its input", async () => {
    const user = userEvent.setup();
    mocked.simulateRupture.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "rupture_date", message: "Date invalide « 32/01/2025 » : attendu jj/mm/aaaa." }] },
    });
    renderWithProviders(<LedgerTab id={7} refs={refs} />);
    const date = await screen.findByTestId("rupture-date");
    await user.clear(date);
    await user.type(date, "32/01/2025");
    await user.click(screen.getByTestId("simulate-rupture"));
    await waitFor(() =>
      expect(screen.getByTestId("rupture-date")).toHaveAccessibleDescription("Date invalide « 32/01/2025 » : attendu jj/mm/aaaa."),
    );
    expect(screen.getByTestId("rupture-date")).toHaveValue("32/01/2025");
    expect(screen.queryByTestId("rupture-result")).not.toBeInTheDocument();
  });

  it("records the end of the contract after confirmation and reports the status change", async () => {
    const user = userEvent.setup();
    mocked.recordContractEnd.mockResolvedValue({
      status: "ok",
      data: { ...view, contract_end: { kind: "rupture", date: "2025-08-31", amount: "40038.83", notes: "Courrier du 01/09/2025" } },
    });
    const onStatusChanged = vi.fn();
    renderWithProviders(<LedgerTab id={7} refs={refs} onStatusChanged={onStatusChanged} />);
    await user.selectOptions(await screen.findByTestId("end-kind"), "rupture");
    await user.type(screen.getByTestId("end-date"), "31/08/2025");
    await user.type(screen.getByTestId("end-notes"), "Courrier du 01/09/2025");
    await user.click(screen.getByTestId("record-end"));

    expect(await screen.findByText("Le statut du signataire sera modifié. Confirmer ?")).toBeInTheDocument();
    expect(mocked.recordContractEnd).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("confirm-end"));

    expect(mocked.recordContractEnd).toHaveBeenCalledWith(7, { kind: "rupture", date: "31/08/2025", notes: "Courrier du 01/09/2025" });
    const shown = await screen.findByTestId("contract-end");
    expect(shown).toHaveTextContent("Rupture (remboursement et pénalité) le 31/08/2025");
    expect(shown.textContent).toContain(eur("40 038,83"));
    expect(shown).toHaveTextContent("Courrier du 01/09/2025");
    expect(onStatusChanged).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("Fin du contrat enregistrée")).toBeInTheDocument();
  });

  it("cancelling the confirmation records nothing; errors go next to the inputs", async () => {
    const user = userEvent.setup();
    mocked.recordContractEnd.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "kind", message: "Choisissez comment le contrat a pris fin." }] },
    });
    const onStatusChanged = vi.fn();
    renderWithProviders(<LedgerTab id={7} refs={refs} onStatusChanged={onStatusChanged} />);
    await user.click(await screen.findByTestId("record-end"));
    await user.click(await screen.findByTestId("cancel-end"));
    expect(mocked.recordContractEnd).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("record-end"));
    await user.click(await screen.findByTestId("confirm-end"));
    await waitFor(() =>
      expect(screen.getByTestId("end-kind")).toHaveAccessibleDescription("Choisissez comment le contrat a pris fin."),
    );
    expect(onStatusChanged).not.toHaveBeenCalled();
  });
});
