import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { spotlight } from "@mantine/spotlight";
import { commands } from "./bindings";
import { renderWithProviders } from "./test/render";
import { CommandPalette, fold } from "./CommandPalette";

vi.mock("./bindings", () => ({ commands: { listSignatories: vi.fn() } }));
const mocked = vi.mocked(commands);

describe("CommandPalette", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.listSignatories.mockResolvedValue({
      status: "ok",
      data: {
        rows: [
          { id: 12, last_name: "Lefèvre", birth_name: null, first_names: "Hélène", discipline: "medecine", signature_year: 2024, status: "en_formation", specialty: null },
        ],
        total: 1,
      },
    } as never);
  });

  it("folds accents for the screens' names", () => {
    expect(fold("Paramètres")).toBe("parametres");
  });

  it("goes to a screen typed without accents, and opens a signatory found by the core", async () => {
    const user = userEvent.setup();
    const onScreen = vi.fn();
    const onOpen = vi.fn();
    renderWithProviders(<CommandPalette onScreen={onScreen} onOpen={onOpen} />);
    spotlight.open();
    const input = await screen.findByPlaceholderText("Aller à un écran, ou chercher un signataire…");
    await user.type(input, "parametres");
    await user.click(await screen.findByText("Paramètres"));
    expect(onScreen).toHaveBeenCalledWith("settings");

    spotlight.open();
    const again = await screen.findByPlaceholderText("Aller à un écran, ou chercher un signataire…");
    await user.clear(again);
    await user.type(again, "helene");
    await user.click(await screen.findByText("LEFÈVRE Hélène"));
    expect(onOpen).toHaveBeenCalledWith(12);
    await waitFor(() => expect(mocked.listSignatories).toHaveBeenCalledWith(expect.objectContaining({ search: "helene", limit: 8 })));
  });
});
