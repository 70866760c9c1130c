import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands } from "../bindings";
import { save } from "../dialog";
import { renderWithProviders } from "../test/render";
import { LettersPrint } from "./LettersPrint";

vi.mock("../bindings", () => ({ commands: { letterKinds: vi.fn(), printLetters: vi.fn(), writeEmailDrafts: vi.fn() } }));
vi.mock("../dialog", () => ({ save: vi.fn(), open: vi.fn() }));
import { open } from "../dialog";
const mocked = vi.mocked(commands);

describe("LettersPrint", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.letterKinds.mockResolvedValue({
      status: "ok",
      data: [
        { kind: "envoi", label: "Courrier d'envoi de la fiche de suivi", with_sheet: true, recipients: "Destinataires : tous les signataires de la campagne." },
        { kind: "convocation", label: "Convocation à un entretien", with_sheet: false, recipients: "Destinataires : les entretiens à tenir." },
      ],
    });
  });

  it("prints the covering letters with their sheets where the user chooses", async () => {
    vi.mocked(save).mockResolvedValue("/tmp/Courriers_envoi_2026.pdf");
    mocked.printLetters.mockResolvedValue({
      status: "ok",
      data: { sheets: 221, files: ["/tmp/Courriers_envoi_2026.pdf"], location: "/tmp/Courriers_envoi_2026.pdf", cancelled: false },
    });
    const onClose = vi.fn();
    renderWithProviders(<LettersPrint year={2026} onClose={onClose} />);
    const user = userEvent.setup();
    expect(await screen.findByText("Destinataires : tous les signataires de la campagne.")).toBeInTheDocument();
    expect(screen.getByTestId("letters-with-sheets")).toBeChecked();
    await user.click(screen.getByTestId("letters-print"));
    expect(mocked.printLetters).toHaveBeenCalledWith({
      year: 2026, kind: "envoi", with_sheets: true, appointment: "", place: "",
      target: { kind: "merged", path: "/tmp/Courriers_envoi_2026.pdf" },
    });
    expect(onClose).toHaveBeenCalled();
  });

  it("offers no sheet with a convocation and shows the core's refusal", async () => {
    vi.mocked(save).mockResolvedValue("/tmp/c.pdf");
    mocked.printLetters.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "kind", message: "Aucun destinataire pour « Convocation à un entretien » en 2026." }] },
    });
    renderWithProviders(<LettersPrint year={2026} onClose={vi.fn()} />);
    const user = userEvent.setup();
    await screen.findByText("Destinataires : tous les signataires de la campagne.");
    await user.selectOptions(screen.getByTestId("letters-kind"), "convocation");
    expect(screen.queryByTestId("letters-with-sheets")).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Rendez-vous proposé (facultatif)"), "12/01/2027 à 10 h");
    await user.click(screen.getByTestId("letters-print"));
    expect(await screen.findByTestId("letters-problem")).toHaveTextContent("Aucun destinataire");
    expect(mocked.printLetters.mock.calls[0]![0]).toMatchObject({ kind: "convocation", with_sheets: false, appointment: "12/01/2027 à 10 h" });
  });

  it("writes the covering e-mails as drafts in a chosen folder and names those without an address", async () => {
    vi.mocked(open).mockResolvedValue("/tmp/courriels");
    mocked.writeEmailDrafts.mockResolvedValue({
      status: "ok",
      data: { written: 219, location: "/tmp/courriels", files: [], without_address: ["ŒUVRAY Zoé", "MARTIN Léa"] },
    });
    renderWithProviders(<LettersPrint year={2026} onClose={vi.fn()} />);
    const user = userEvent.setup();
    await screen.findByText("Destinataires : tous les signataires de la campagne.");
    await user.selectOptions(screen.getByTestId("letters-output"), "emails");
    await user.click(screen.getByTestId("letters-print"));
    expect(mocked.writeEmailDrafts).toHaveBeenCalledWith({ year: 2026, kind: "envoi", folder: "/tmp/courriels" });
    expect(await screen.findByTestId("letters-without-address")).toHaveTextContent("ŒUVRAY Zoé, MARTIN Léa");
    // A convocation is posted only: the e-mail choice goes away.
    await user.selectOptions(screen.getByTestId("letters-kind"), "convocation");
    expect(screen.queryByRole("option", { name: /Brouillons de courriels/ })).not.toBeInTheDocument();
  });
});
