import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type TemplateView } from "../bindings";
import { renderWithProviders } from "../test/render";
import { LetterTemplates } from "./LetterTemplates";

vi.mock("../bindings", () => ({
  commands: { letterKinds: vi.fn(), letterTemplate: vi.fn(), saveLetterTemplate: vi.fn() },
}));
const mocked = vi.mocked(commands);

const view = (extra: Partial<TemplateView> = {}): TemplateView => ({
  kind: "envoi", medium: "courrier", label: "Courrier d'envoi de la fiche de suivi", text: "Objet : suivi {{ annee }}\n\n{{ formule }}",
  is_default: true,
  fields: [
    { name: "annee", description: "Année de la campagne", example: "2026" },
    { name: "formule", description: "Formule d'appel", example: "Madame," },
  ],
  ...extra,
});

describe("LetterTemplates", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.letterKinds.mockResolvedValue({
      status: "ok",
      data: [
        { kind: "envoi", label: "Courrier d'envoi de la fiche de suivi", with_sheet: true, recipients: "Destinataires : tous." },
        { kind: "relance", label: "Relance : fiche de suivi non retournée", with_sheet: true, recipients: "Destinataires : les fiches non reçues." },
      ],
    });
    mocked.letterTemplate.mockImplementation(async (kind) =>
      ({ status: "ok", data: view(kind === "relance" ? { kind, label: "Relance", text: "Objet : relance" } : {}) }),
    );
  });

  it("lists the fields beside the template, shows the core's refusal and saves the agency's text", async () => {
    const refusal = "Champ inconnu : {{ nom_de_famille }}. Champs disponibles pour ce courrier : annee, formule.";
    mocked.saveLetterTemplate
      .mockResolvedValueOnce({ status: "error", error: { kind: "validation", fields: [{ field: "template", message: refusal }] } })
      .mockResolvedValueOnce({ status: "ok", data: view({ text: "Objet : essai", is_default: false }) });
    renderWithProviders(<LetterTemplates />);
    const user = userEvent.setup();
    const area = await screen.findByTestId("template-text");
    expect(screen.getByTestId("template-fields")).toHaveTextContent("{{ annee }}");
    expect(screen.getByText("Modèle par défaut")).toBeInTheDocument();
    await user.clear(area);
    await user.type(area, "Objet : essai {{{{ nom_de_famille }}");
    await user.click(screen.getByTestId("template-save"));
    expect(await screen.findByText(refusal)).toBeInTheDocument();
    expect(area).toHaveValue("Objet : essai {{ nom_de_famille }}");
    await user.click(screen.getByTestId("template-save"));
    expect(await screen.findByText("Modèle de l'agence")).toBeInTheDocument();
    expect(mocked.saveLetterTemplate).toHaveBeenLastCalledWith("envoi", "Objet : essai {{ nom_de_famille }}");
    // Another letter: its own template.
    await user.selectOptions(screen.getByTestId("template-kind"), "relance");
    await waitFor(() => expect(screen.getByTestId("template-text")).toHaveValue("Objet : relance"));
  });
});
