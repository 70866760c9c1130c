import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands } from "../bindings";
import { renderWithProviders } from "../test/render";
import { AllowanceRates } from "./AllowanceRates";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: { allowanceRates: vi.fn(), saveAllowanceRates: vi.fn() },
}));
const mocked = vi.mocked(commands);

describe("AllowanceRates", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.allowanceRates.mockResolvedValue({
      status: "ok",
      data: [{ from: "01/01/2010", monthly_gross: "1200.00", monthly_net: "1106.88" }],
    });
  });

  it("lists the rates with a decimal comma, adds a row and shows the core's errors next to it", async () => {
    const user = userEvent.setup();
    mocked.saveAllowanceRates.mockResolvedValue({
      status: "error",
      error: {
        kind: "validation",
        fields: [{ field: "rates.1.monthly_gross", message: "Montant invalide « 12OO » : attendu par exemple 1 200,00." }],
      },
    });
    renderWithProviders(<AllowanceRates />);
    expect(await screen.findByTestId("rate-0-gross")).toHaveValue("1200,00");
    await expectAccessible();
    expect(screen.getByTestId("rate-0-net")).toHaveValue("1106,88");

    await user.click(screen.getByTestId("add-rate"));
    await user.type(screen.getByTestId("rate-1-from"), "01/01/2026");
    await user.type(screen.getByTestId("rate-1-gross"), "12OO");
    await user.type(screen.getByTestId("rate-1-net"), "1110,00");
    await user.click(screen.getByTestId("save-rates"));

    expect(mocked.saveAllowanceRates).toHaveBeenCalledWith([
      { from: "01/01/2010", monthly_gross: "1200,00", monthly_net: "1106,88" },
      { from: "01/01/2026", monthly_gross: "12OO", monthly_net: "1110,00" },
    ]);
    expect(await screen.findByTestId("rates-errors")).toHaveTextContent("Barème, ligne 2 (brut mensuel)");
    const gross = screen.getByTestId("rate-1-gross");
    expect(gross).toHaveAccessibleDescription("Montant invalide « 12OO » : attendu par exemple 1 200,00.");
    expect(gross).toHaveValue("12OO");
  });

  it("saves and shows the stored table", async () => {
    const user = userEvent.setup();
    mocked.saveAllowanceRates.mockResolvedValue({
      status: "ok",
      data: [
        { from: "01/01/2010", monthly_gross: "1200.00", monthly_net: "1106.88" },
        { from: "01/01/2026", monthly_gross: "1250.00", monthly_net: "1150.00" },
      ],
    });
    renderWithProviders(<AllowanceRates />);
    await user.click(await screen.findByTestId("add-rate"));
    await user.click(screen.getByTestId("save-rates"));
    expect(await screen.findByText("Barème enregistré")).toBeInTheDocument();
    expect(screen.getByTestId("rate-1-net")).toHaveValue("1150,00");
  });
});
