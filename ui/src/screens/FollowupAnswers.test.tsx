import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type FormView } from "../bindings";
import { todayFr } from "../format";
import { emptyAnswers } from "../followupForm";
import { refs, renderWithProviders } from "../test/render";
import { FollowupAnswers, type RecordTarget } from "./FollowupAnswers";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: { getFollowupForm: vi.fn(), recordFollowupAnswers: vi.fn(), markFormReceived: vi.fn() },
}));
const mocked = vi.mocked(commands);

const target: RecordTarget = { id: 7, year: 2026, lastName: "Lefèvre", firstNames: "Hélène", discipline: "medecine" };

// Not back yet: the core pre-fills the answers from the file.
const sent: FormView = {
  signatory_id: 7, year: 2026, form_status: "envoyee", sent_date: "2026-10-01", sent_channel: "courrier",
  reminders: [], received_date: null, complete: null, missing: [], applied_fields: [],
  answers: {
    ...emptyAnswers(), situation: "troisieme_cycle", study_year: "1", specialty: "Médecine générale",
    subdivision: "Rennes", email: "helene.lefevre@example.org",
  },
};

function renderDialog(onSaved = vi.fn()) {
  renderWithProviders(<FollowupAnswers target={target} refs={refs} onClose={vi.fn()} onSaved={onSaved} />);
  return onSaved;
}

describe("FollowupAnswers", { timeout: 30000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.getFollowupForm.mockResolvedValue({ status: "ok", data: sent });
  });

  it("starts from the core's pre-filled answers, received today", async () => {
    renderDialog();
    expect(await screen.findByTestId("answers-email")).toHaveValue("helene.lefevre@example.org");
    await expectAccessible();
    expect(mocked.getFollowupForm).toHaveBeenCalledWith(7, 2026);
    expect(screen.getByText("Retour de la fiche de suivi 2026 — LEFÈVRE Hélène")).toBeInTheDocument();
    expect(screen.getByTestId("answers-situation")).toHaveValue("troisieme_cycle");
    expect(screen.getByTestId("answers-received_date")).toHaveValue(todayFr());
    expect(screen.getByTestId("answers-signature_date")).toHaveValue("");
    expect(screen.getByTestId("answers-status")).toHaveTextContent("Envoyée");
    expect(screen.getByText("Envoyée le 01/10/2026 (Courrier)")).toBeInTheDocument();
    for (const key of Object.keys(emptyAnswers())) expect(screen.getByTestId(`answers-${key}`)).toBeInTheDocument();
  });

  it("shows the core's messages next to the fields and keeps what was typed", async () => {
    const user = userEvent.setup();
    const onSaved = renderDialog();
    mocked.recordFollowupAnswers.mockResolvedValue({
      status: "error",
      error: {
        kind: "validation",
        fields: [
          { field: "signature_date", message: "La fiche ne peut pas avoir été signée après sa réception." },
          { field: "email", message: "Adresse de courriel invalide : attendu prenom.nom@exemple.fr." },
        ],
      },
    });
    const received = await screen.findByTestId("answers-received_date");
    await user.clear(received);
    await user.type(received, "20/10/2026");
    await user.type(screen.getByTestId("answers-signature_date"), "21/10/2026");
    const email = screen.getByTestId("answers-email");
    await user.clear(email);
    await user.type(email, "helene@");
    await user.selectOptions(screen.getByTestId("answers-project_mode"), "liberal");
    await user.click(screen.getByTestId("answers-project_place"));
    await user.paste("Carhaix-Plouguer");
    await user.click(screen.getByTestId("answers-comments"));
    await user.paste("Souhaite un entretien.");
    await user.click(screen.getByTestId("answers-save"));

    expect(mocked.recordFollowupAnswers).toHaveBeenCalledWith(7, 2026, expect.objectContaining({
      received_date: "20/10/2026", signature_date: "21/10/2026", email: "helene@", project_mode: "liberal",
      project_place: "Carhaix-Plouguer", comments: "Souhaite un entretien.", specialty: "Médecine générale",
    }));
    const summary = await screen.findByTestId("answers-errors");
    expect(summary).toHaveTextContent("Le formulaire contient 2 erreurs : rien n'a été enregistré.");
    expect(summary).toHaveTextContent("Courriel : Adresse de courriel invalide");
    expect(screen.getByTestId("answers-signature_date")).toHaveAccessibleDescription(
      "La fiche ne peut pas avoir été signée après sa réception.",
    );
    expect(screen.getByTestId("answers-email")).toHaveAttribute("aria-invalid", "true");
    // Nothing lost.
    expect(screen.getByTestId("answers-email")).toHaveValue("helene@");
    expect(screen.getByTestId("answers-signature_date")).toHaveValue("21/10/2026");
    expect(screen.getByTestId("answers-project_mode")).toHaveValue("liberal");
    expect(screen.getByTestId("answers-project_place")).toHaveValue("Carhaix-Plouguer");
    expect(screen.getByTestId("answers-comments")).toHaveValue("Souhaite un entretien.");
    expect(screen.queryByTestId("record-outcome")).not.toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("shows the resulting status, what changed in the file and the warnings", async () => {
    const user = userEvent.setup();
    const onSaved = renderDialog();
    const after: FormView = {
      ...sent, form_status: "incomplete", received_date: "2026-10-20", complete: false,
      missing: ["la signature et sa date"], applied_fields: ["Année d'études", "Cycle"],
      answers: { ...sent.answers, received_date: "20/10/2026", study_year: "2" },
    };
    mocked.recordFollowupAnswers.mockResolvedValue({
      status: "ok",
      data: {
        form: after,
        changes: [
          { field: "study_year", label: "Année d'études", before: "1", after: "2" },
          { field: "cycle", label: "Cycle", before: "deuxieme_cycle", after: "troisieme_cycle" },
        ],
        warnings: ["Situation déclarée « Interne (3e cycle) », statut du dossier « Installé » : vérifiez le statut du dossier."],
      },
    });
    const year = await screen.findByTestId("answers-study_year");
    await user.clear(year);
    await user.type(year, "2");
    await user.click(screen.getByTestId("answers-save"));

    const outcome = await screen.findByTestId("record-outcome");
    expect(outcome).toHaveTextContent("Fiche enregistrée : Incomplète");
    expect(outcome).toHaveTextContent("Éléments manquants : la signature et sa date");
    expect(outcome).toHaveTextContent("Dossier mis à jour :");
    expect(outcome).toHaveTextContent("Année d'études 1 → 2");
    expect(outcome).toHaveTextContent("Cycle 2e cycle → 3e cycle");
    expect(outcome).toHaveTextContent("vérifiez le statut du dossier");
    expect(screen.getByTestId("answers-status")).toHaveTextContent("Incomplète");
    expect(screen.getByTestId("answers-received_date")).toHaveValue("20/10/2026");
    expect(onSaved).toHaveBeenCalledWith(after, true);
  });

  it("marks the form received without its answers, with the date typed", async () => {
    const user = userEvent.setup();
    const onSaved = renderDialog();
    mocked.markFormReceived
      .mockResolvedValueOnce({
        status: "error",
        error: { kind: "validation", fields: [{ field: "received_date", message: "La date de réception est dans le futur." }] },
      })
      .mockResolvedValueOnce({ status: "ok", data: { ...sent, form_status: "recue", received_date: "2026-10-20" } });
    const received = await screen.findByTestId("answers-received_date");
    await user.clear(received);
    await user.type(received, "20/10/2099");
    await user.click(screen.getByTestId("answers-received-only"));
    expect(mocked.markFormReceived).toHaveBeenLastCalledWith(7, 2026, "20/10/2099");
    await waitFor(() =>
      expect(screen.getByTestId("answers-received_date")).toHaveAccessibleDescription("La date de réception est dans le futur."),
    );
    expect(onSaved).not.toHaveBeenCalled();

    await user.clear(received);
    await user.type(received, "20/10/2026");
    await user.click(screen.getByTestId("answers-received-only"));
    expect(mocked.markFormReceived).toHaveBeenLastCalledWith(7, 2026, "20/10/2026");
    await waitFor(() => expect(screen.getByTestId("answers-status")).toHaveTextContent("Reçue (à saisir)"));
    expect(screen.getByText("Reçue le 20/10/2026")).toBeInTheDocument();
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(mocked.recordFollowupAnswers).not.toHaveBeenCalled();
  });
});
