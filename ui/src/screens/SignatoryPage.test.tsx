import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type FormView, type LedgerView, type Signatory } from "../bindings";
import { emptyAnswers } from "../followupForm";
import { refs, renderWithProviders } from "../test/render";
import { SignatoryPage } from "./SignatoryPage";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    createSignatory: vi.fn(),
    updateSignatory: vi.fn(),
    getSignatory: vi.fn(),
    getLedger: vi.fn(),
    saveLedger: vi.fn(),
    simulateRupture: vi.fn(),
    recordContractEnd: vi.fn(),
    followupHistory: vi.fn(),
    getFollowupForm: vi.fn(),
    recordFollowupAnswers: vi.fn(),
    interviewsTab: vi.fn(),
    installationTab: vi.fn(),
  },
}));
const mocked = vi.mocked(commands);

const saved: Signatory = {
  id: 7, civility: "Mme", last_name: "Martin", birth_name: null, first_names: "Claire", birth_date: null,
  email: null, phone: null, address: null, discipline: "medecine", padhue: false, ufr: null, subdivision: null,
  cycle: null, study_year: null, ecn_year: null, ecn_rank: null, specialty: null, signature_date: "2021-02-15",
  regime: "r2020", managing_body: "cng", contract_ref: null, status: "installe", notes: "",
  to_complete: [], created_at: "", updated_at: "",
};

const view: LedgerView = {
  form: {
    allocation_start: "", allocation_end: "", intern_start: "", definitive_request: "", diploma_date: "",
    practice_start: "", suspensions: [], practice_suspensions: [],
  },
  monthly_gross: null, monthly_net: null, computation: null, definitive: null, warnings: [], contract_end: null,
};

describe("SignatoryPage", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.getSignatory.mockResolvedValue({ status: "ok", data: saved });
    mocked.getLedger.mockResolvedValue({ status: "ok", data: view });
    mocked.followupHistory.mockResolvedValue({ status: "ok", data: [] });
    mocked.interviewsTab.mockResolvedValue({ status: "ok", data: { interviews: [], due: [] } });
    mocked.installationTab.mockResolvedValue({
      status: "ok",
      data: { declarations: [], flags: [], same_commune: [] },
    });
  });

  it("shows only the form for a new signatory", () => {
    renderWithProviders(<SignatoryPage id={null} refs={refs} onDone={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByText("Nouveau signataire")).toBeInTheDocument();
    expect(screen.queryByTestId("tab-identite")).not.toBeInTheDocument();
    expect(screen.queryByTestId("tab-contrat")).not.toBeInTheDocument();
    expect(screen.queryByTestId("tab-suivi")).not.toBeInTheDocument();
    expect(mocked.getLedger).not.toHaveBeenCalled();
    expect(mocked.followupHistory).not.toHaveBeenCalled();
  });

  it("says what an incomplete file lacks, as the core lists it", async () => {
    mocked.getSignatory.mockResolvedValue({
      status: "ok",
      data: { ...saved, civility: null, to_complete: ["civilité", "date de signature"] },
    });
    renderWithProviders(<SignatoryPage id={7} refs={refs} onDone={vi.fn()} onCancel={vi.fn()} />);
    expect(await screen.findByTestId("signatory-to-complete")).toHaveTextContent(
      "Il manque : civilité, date de signature.",
    );
    expect(screen.getByTestId("field-civility")).toHaveValue("");
  });

  it("shows no alert for a complete file", async () => {
    renderWithProviders(<SignatoryPage id={7} refs={refs} onDone={vi.fn()} onCancel={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Claire Martin" })).toBeInTheDocument();
    expect(screen.queryByTestId("signatory-to-complete")).not.toBeInTheDocument();
  });

  it("has two tabs for an existing signatory and reloads the status after the end of the contract", async () => {
    const user = userEvent.setup();
    renderWithProviders(<SignatoryPage id={7} refs={refs} onDone={vi.fn()} onCancel={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Claire Martin" })).toBeInTheDocument();
    await expectAccessible();
    expect(screen.getByTestId("signatory-status")).toHaveTextContent("Installé");
    expect(screen.getByTestId("tab-identite")).toHaveTextContent("Identité et études");
    expect(screen.getByTestId("field-last_name")).toHaveValue("Martin");

    await user.click(screen.getByTestId("tab-contrat"));
    expect(screen.getByTestId("tab-contrat")).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByTestId("save-ledger")).toBeVisible();

    // Something typed in the identity tab survives the visit and the status reload.
    await user.click(screen.getByTestId("tab-identite"));
    await user.clear(screen.getByTestId("field-last_name"));
    await user.type(screen.getByTestId("field-last_name"), "Martin-Le Gall");
    await user.click(screen.getByTestId("tab-contrat"));

    expect(mocked.getSignatory).toHaveBeenCalledTimes(1); // not reloaded by the tab switches
    expect(mocked.getLedger).toHaveBeenCalledTimes(1);
    mocked.getSignatory.mockResolvedValue({ status: "ok", data: { ...saved, status: "rompu" } });
    mocked.recordContractEnd.mockResolvedValue({
      status: "ok",
      data: { ...view, contract_end: { kind: "rupture", date: "2025-08-31", amount: "40038.83", notes: "" } },
    });
    await user.selectOptions(screen.getByTestId("end-kind"), "rupture");
    await user.type(screen.getByTestId("end-date"), "31/08/2025");
    await user.click(screen.getByTestId("record-end"));
    await user.click(await screen.findByTestId("confirm-end"));

    await waitFor(() => expect(mocked.getSignatory).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByTestId("field-status")).toHaveValue("rompu"));
    expect(screen.getByTestId("signatory-status")).toHaveTextContent("Rupture");
    expect(screen.getByTestId("field-last_name")).toHaveValue("Martin-Le Gall");
  });

  it("has a « Suivi annuel » tab; a returned form that changed the file reloads the identity form", async () => {
    const user = userEvent.setup();
    const form: FormView = {
      signatory_id: 7, year: 2026, form_status: "envoyee", sent_date: "2026-10-01", sent_channel: "courrier",
      reminders: [], received_date: null, complete: null, missing: [], applied_fields: [],
      answers: { ...emptyAnswers(), received_date: "20/10/2026", email: "claire.martin@example.org" },
    };
    mocked.followupHistory.mockResolvedValue({ status: "ok", data: [form] });
    mocked.getFollowupForm.mockResolvedValue({ status: "ok", data: form });
    renderWithProviders(<SignatoryPage id={7} refs={refs} onDone={vi.fn()} onCancel={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Claire Martin" })).toBeInTheDocument();
    await user.click(screen.getByTestId("tab-suivi"));
    expect(screen.getByTestId("tab-suivi")).toHaveTextContent("Suivi annuel");
    expect(await screen.findByTestId("history-year-2026")).toBeVisible();

    mocked.getSignatory.mockResolvedValue({ status: "ok", data: { ...saved, email: "claire.martin@example.org" } });
    mocked.recordFollowupAnswers.mockResolvedValue({
      status: "ok",
      data: {
        form: { ...form, form_status: "incomplete", received_date: "2026-10-20", complete: false },
        changes: [{ field: "email", label: "Courriel", before: "", after: "claire.martin@example.org" }],
        warnings: [],
      },
    });
    await user.click(screen.getByTestId("history-record-2026"));
    await user.click(await screen.findByTestId("answers-save"));
    expect(await screen.findByTestId("record-outcome")).toHaveTextContent("Courriel — → claire.martin@example.org");
    await waitFor(() => expect(mocked.getSignatory).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByTestId("field-email")).toHaveValue("claire.martin@example.org"));
  });
});
