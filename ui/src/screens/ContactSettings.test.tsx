import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type ContactSettings as Contact } from "../bindings";
import { renderWithProviders } from "../test/render";
import { ContactSettings } from "./ContactSettings";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({ commands: { contactSettings: vi.fn(), saveContactSettings: vi.fn() } }));
const mocked = vi.mocked(commands);

const stored: Contact = {
  service: "Suivi des signataires du CESP", referent: "Camille Exemple", address: "1 rue de l'Exemple\n35000 Rennes",
  email: "ars-cesp@example.org", phone: "02 99 00 00 00", return_days: "30",
};

describe("ContactSettings", { timeout: 30000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.contactSettings.mockResolvedValue({ status: "ok", data: stored });
  });

  it("shows the core's messages next to the fields, keeps what was typed, then saves", async () => {
    const user = userEvent.setup();
    renderWithProviders(<ContactSettings />);
    const days = await screen.findByTestId("contact-return_days");
    await expectAccessible();
    expect(screen.getByTestId("contact-address")).toHaveValue("1 rue de l'Exemple\n35000 Rennes");
    expect(screen.getByLabelText("Délai de retour (jours)")).toBe(days);

    mocked.saveContactSettings.mockResolvedValueOnce({
      status: "error",
      error: {
        kind: "validation",
        fields: [
          { field: "return_days", message: "Indiquez un nombre de jours entre 1 et 365." },
          { field: "email", message: "Adresse de courriel invalide : attendu service@ars.sante.fr." },
        ],
      },
    });
    await user.clear(days);
    await user.type(days, "400");
    const email = screen.getByTestId("contact-email");
    await user.clear(email);
    await user.type(email, "ars");
    await user.click(screen.getByTestId("contact-save"));

    expect(mocked.saveContactSettings).toHaveBeenCalledWith({ ...stored, return_days: "400", email: "ars" });
    await waitFor(() => expect(days).toHaveAccessibleDescription("Indiquez un nombre de jours entre 1 et 365."));
    expect(email).toHaveAccessibleDescription("Adresse de courriel invalide : attendu service@ars.sante.fr.");
    expect(screen.getByTestId("contact-errors")).toHaveTextContent("Le formulaire contient 2 erreurs");
    expect(days).toHaveValue("400");
    expect(email).toHaveValue("ars");

    mocked.saveContactSettings.mockResolvedValueOnce({ status: "ok", data: { ...stored, return_days: "45" } });
    await user.clear(days);
    await user.type(days, "45");
    await user.clear(email);
    await user.type(email, "ars-cesp@example.org");
    await user.click(screen.getByTestId("contact-save"));
    expect(await screen.findByText("Coordonnées enregistrées")).toBeInTheDocument();
    expect(mocked.saveContactSettings).toHaveBeenLastCalledWith({ ...stored, return_days: "45" });
    expect(screen.queryByTestId("contact-errors")).not.toBeInTheDocument();
    expect(days).not.toHaveAttribute("aria-invalid", "true");
  });
});
