import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands } from "../bindings";
import { renderWithProviders } from "../test/render";
import { PrivacyNotice } from "./PrivacyNotice";

vi.mock("../bindings", () => ({ commands: { privacyNotice: vi.fn(), savePrivacyNotice: vi.fn() } }));
const mocked = vi.mocked(commands);
const DEFAULT = "Protection des données personnelles. ARS Bretagne (son directeur général) est responsable du traitement…";

describe("PrivacyNotice", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.privacyNotice.mockResolvedValue({ status: "ok", data: ["", DEFAULT] });
  });

  it("shows the default as a hint, saves a text, shows the core's refusal and returns to the default", async () => {
    const tooLong = "La mention sur les données personnelles dépasse 1000 caractères (1204) : raccourcissez-la.";
    mocked.savePrivacyNotice
      .mockResolvedValueOnce({ status: "error", error: { kind: "validation", fields: [{ field: "privacy_notice", message: tooLong }] } })
      .mockResolvedValueOnce({ status: "ok", data: ["Texte de l'agence.", "Texte de l'agence."] })
      .mockResolvedValueOnce({ status: "ok", data: ["", DEFAULT] });
    renderWithProviders(<PrivacyNotice />);
    const user = userEvent.setup();
    const area = await screen.findByTestId("privacy-notice");
    expect(area).toHaveAttribute("placeholder", DEFAULT);
    await user.type(area, "Texte de l'agence.");
    await user.click(screen.getByTestId("privacy-save"));
    expect(await screen.findByText(tooLong)).toBeInTheDocument();
    expect(area).toHaveValue("Texte de l'agence.");
    await user.click(screen.getByTestId("privacy-save"));
    await waitFor(() => expect(screen.queryByText(tooLong)).not.toBeInTheDocument());
    await user.click(screen.getByTestId("privacy-default"));
    await waitFor(() => expect(screen.getByTestId("privacy-notice")).toHaveValue(""));
    expect(mocked.savePrivacyNotice).toHaveBeenLastCalledWith("");
  });
});
