import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type InterviewsTab as Tab } from "../bindings";
import { todayFr } from "../format";
import { refs, renderWithProviders } from "../test/render";
import { InterviewsTab } from "./InterviewsTab";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    interviewsTab: vi.fn(),
    saveInterview: vi.fn(),
    deleteInterview: vi.fn(),
    printInterviewReport: vi.fn(),
  },
}));
vi.mock("../dialog", () => ({ save: vi.fn(async () => "/tmp/entretien.pdf") }));
const mocked = vi.mocked(commands);

const due: Tab = {
  interviews: [],
  due: [
    { reason: "annuel_troisieme_cycle", reason_label: "Entretien annuel du 3e cycle", from: "01/01/2025", due: "31/12/2025", overdue: true },
    { reason: "annuel_troisieme_cycle", reason_label: "Entretien annuel du 3e cycle", from: "01/01/2026", due: "31/12/2026", overdue: false },
  ],
};

const held: Tab = {
  due: [],
  interviews: [
    {
      id: 3, date: "02/11/2026", mode: "telephone", mode_label: "Par téléphone", reason: "annuel_troisieme_cycle",
      reason_label: "Entretien annuel du 3e cycle", attendees: "Référente CESP", report: "Projet en MSP.",
      actions: [{ text: "Envoyer la liste des lieux", due_date: "15/12/2026", done_date: "", overdue: false }],
      form: {
        date: "02/11/2026", mode: "telephone", reason: "annuel_troisieme_cycle", attendees: "Référente CESP",
        report: "Projet en MSP.", actions: [{ text: "Envoyer la liste des lieux", due_date: "15/12/2026", done_date: "" }],
      },
    },
  ],
};

describe("InterviewsTab", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.interviewsTab.mockResolvedValue({ status: "ok", data: due });
  });

  it("lists the interviews due, late ones marked", async () => {
    renderWithProviders(<InterviewsTab id={5} refs={refs} />);
    const box = await screen.findByTestId("interviews-due");
    await expectAccessible();
    expect(box).toHaveTextContent("Entretien annuel du 3e cycle — à tenir au plus tard le 31/12/2025");
    expect(box).toHaveTextContent("En retard");
    expect(screen.getByText("Aucun entretien enregistré.")).toBeInTheDocument();
  });

  it("shows the core's errors next to the fields and keeps what was typed, then saves", async () => {
    const user = userEvent.setup();
    mocked.saveInterview.mockResolvedValueOnce({
      status: "error",
      error: {
        kind: "validation",
        fields: [
          { field: "mode", message: "Choisissez la modalité de l'entretien." },
          { field: "actions.0.text", message: "Décrivez l'action." },
        ],
      },
    });
    mocked.saveInterview.mockResolvedValueOnce({ status: "ok", data: held });
    renderWithProviders(<InterviewsTab id={5} refs={refs} />);
    await user.click(await screen.findByTestId("interview-new"));
    expect(screen.getByTestId("interview-date")).toHaveValue(todayFr());
    await user.clear(screen.getByTestId("interview-date"));
    await user.type(screen.getByTestId("interview-date"), "02/11/2026");
    await user.selectOptions(screen.getByTestId("interview-reason"), "annuel_troisieme_cycle");
    await user.type(screen.getByTestId("interview-report"), "Projet en MSP.");
    await user.click(screen.getByTestId("interview-add-action"));
    await user.type(screen.getByTestId("interview-action-0-due"), "15/12/2026");
    await user.click(screen.getByTestId("interview-save"));

    const summary = await screen.findByTestId("interview-errors");
    expect(summary).toHaveTextContent("Modalité : Choisissez la modalité de l'entretien.");
    expect(summary).toHaveTextContent("Suites à donner, ligne 1 : action : Décrivez l'action.");
    expect(screen.getByTestId("interview-mode")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("interview-report")).toHaveValue("Projet en MSP.");
    expect(mocked.saveInterview.mock.calls[0]![1]).toBeNull();
    expect(mocked.saveInterview.mock.calls[0]![2]).toMatchObject({
      date: "02/11/2026",
      reason: "annuel_troisieme_cycle",
      actions: [{ text: "", due_date: "15/12/2026", done_date: "" }],
    });

    await user.selectOptions(screen.getByTestId("interview-mode"), "telephone");
    await user.type(screen.getByTestId("interview-action-0-text"), "Envoyer la liste des lieux");
    await user.click(screen.getByTestId("interview-save"));
    await waitFor(() => expect(screen.queryByTestId("interview-form")).not.toBeInTheDocument());
    expect(screen.getByTestId("interview-card")).toHaveTextContent("02/11/2026 — Entretien annuel du 3e cycle");
    expect(screen.getByTestId("interview-card")).toHaveTextContent("Envoyer la liste des lieux");
    expect(screen.getByText("Aucun entretien à tenir pour l'instant.")).toBeInTheDocument();
  });

  it("corrects an interview, prints its report and deletes it after confirmation", async () => {
    const user = userEvent.setup();
    mocked.interviewsTab.mockResolvedValue({ status: "ok", data: held });
    mocked.saveInterview.mockResolvedValue({ status: "ok", data: held });
    mocked.printInterviewReport.mockResolvedValue({ status: "ok", data: "/tmp/entretien.pdf" });
    mocked.deleteInterview.mockResolvedValue({ status: "ok", data: due });
    renderWithProviders(<InterviewsTab id={5} refs={refs} />);
    await user.click(await screen.findByText("Modifier"));
    expect(screen.getByTestId("interview-action-0-text")).toHaveValue("Envoyer la liste des lieux");
    await user.type(screen.getByTestId("interview-action-0-done"), "20/11/2026");
    await user.click(screen.getByTestId("interview-save"));
    await waitFor(() => expect(mocked.saveInterview).toHaveBeenCalledTimes(1));
    expect(mocked.saveInterview.mock.calls[0]![1]).toBe(3);
    expect(mocked.saveInterview.mock.calls[0]![2].actions[0]!.done_date).toBe("20/11/2026");

    await user.click(screen.getByText("Imprimer le compte rendu"));
    await waitFor(() => expect(mocked.printInterviewReport).toHaveBeenCalledWith(5, 3, "/tmp/entretien.pdf"));

    await user.click(screen.getByText("Supprimer"));
    expect(mocked.deleteInterview).not.toHaveBeenCalled();
    await user.click(screen.getByText("Confirmer la suppression"));
    await waitFor(() => expect(mocked.deleteInterview).toHaveBeenCalledWith(5, 3));
    expect(await screen.findByText("Aucun entretien enregistré.")).toBeInTheDocument();
  });
});
