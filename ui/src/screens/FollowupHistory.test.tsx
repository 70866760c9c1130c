import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type FormView } from "../bindings";
import { emptyAnswers } from "../followupForm";
import { refs, renderWithProviders } from "../test/render";
import { FollowupHistory } from "./FollowupHistory";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: { followupHistory: vi.fn(), getFollowupForm: vi.fn(), recordFollowupAnswers: vi.fn() },
}));
const mocked = vi.mocked(commands);

const recorded: FormView = {
  signatory_id: 7, year: 2025, form_status: "complete", sent_date: "2025-10-01", sent_channel: "courrier",
  reminders: [{ date: "2025-11-03", channel: "courriel" }], received_date: "2025-11-20", complete: true, missing: [],
  answers: {
    ...emptyAnswers(), received_date: "20/11/2025", signature_date: "14/11/2025", situation: "troisieme_cycle",
    study_year: "2", project_mode: "liberal", project_zone: "zip", project_place: "Carhaix-Plouguer",
  },
  applied_fields: ["Année d'études", "Courriel"],
};
const current: FormView = {
  signatory_id: 7, year: 2026, form_status: "incomplete", sent_date: "2026-10-01", sent_channel: "main_propre",
  reminders: [], received_date: "2026-10-15", complete: false, missing: ["la signature et sa date"],
  answers: { ...emptyAnswers(), received_date: "15/10/2026", situation: "installe" }, applied_fields: [],
};

function renderTab(onFileChanged = vi.fn()) {
  renderWithProviders(
    <FollowupHistory id={7} refs={refs} lastName="Lefèvre" firstNames="Hélène" discipline="medecine" onFileChanged={onFileChanged} />,
  );
  return onFileChanged;
}

describe("FollowupHistory", { timeout: 30000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.followupHistory.mockResolvedValue({ status: "ok", data: [current, recorded] });
  });

  it("shows one card per year with the status, the dates, the answers and what they updated", async () => {
    renderTab();
    const y2025 = await screen.findByTestId("history-year-2025");
    await expectAccessible();
    const y2026 = screen.getByTestId("history-year-2026");
    expect(mocked.followupHistory).toHaveBeenCalledWith(7);
    // Most recent first, as the core sends them.
    expect(y2026.compareDocumentPosition(y2025) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    expect(within(y2025).getByText("Complète et signée")).toBeInTheDocument();
    expect(y2025).toHaveTextContent("Envoyée le 01/10/2025 (Courrier)");
    expect(y2025).toHaveTextContent("Relance : 03/11/2025 (Courriel)");
    expect(y2025).toHaveTextContent("Reçue le 20/11/2025");
    expect(y2025).toHaveTextContent("Situation actuelle : Interne (3e cycle)");
    expect(y2025).toHaveTextContent("Mode d'exercice envisagé : Libéral (secteur 1)");
    expect(y2025).toHaveTextContent("Zone d'installation envisagée : Zone d'intervention prioritaire (ZIP)");
    expect(y2025).toHaveTextContent("Lieu d'installation envisagé : Carhaix-Plouguer");
    expect(within(y2025).getByTestId("history-applied")).toHaveTextContent("Cette fiche a mis à jour : Année d'études, Courriel.");

    expect(within(y2026).getByText("Incomplète")).toBeInTheDocument();
    expect(y2026).toHaveTextContent("Envoyée le 01/10/2026 (Remise en main propre)");
    expect(within(y2026).getByTestId("form-missing")).toHaveTextContent("Éléments manquants : la signature et sa date");
    expect(within(y2026).queryByTestId("history-applied")).not.toBeInTheDocument();
  });

  it("says when there is no form yet", async () => {
    mocked.followupHistory.mockResolvedValue({ status: "ok", data: [] });
    renderTab();
    expect(await screen.findByTestId("history-empty")).toHaveTextContent("Aucune fiche de suivi");
  });

  it("records a year's form from its card, then reloads the history and reports a changed file", async () => {
    const user = userEvent.setup();
    mocked.getFollowupForm.mockResolvedValue({ status: "ok", data: current });
    mocked.recordFollowupAnswers.mockResolvedValue({
      status: "ok",
      data: {
        form: { ...current, form_status: "complete", complete: true, missing: [] },
        changes: [{ field: "email", label: "Courriel", before: "a@example.org", after: "b@example.org" }],
        warnings: [],
      },
    });
    const onFileChanged = renderTab();
    await user.click(await screen.findByTestId("history-record-2026"));
    expect(mocked.getFollowupForm).toHaveBeenCalledWith(7, 2026);
    await user.click(await screen.findByTestId("answers-save"));
    expect(await screen.findByTestId("record-outcome")).toHaveTextContent("Courriel a@example.org → b@example.org");
    await waitFor(() => expect(mocked.followupHistory).toHaveBeenCalledTimes(2));
    expect(onFileChanged).toHaveBeenCalledTimes(1);
  });
});
