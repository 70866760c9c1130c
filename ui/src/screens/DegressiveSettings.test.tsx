import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type DegressiveForm } from "../bindings";
import { refs, renderWithProviders } from "../test/render";
import { DegressiveSettings } from "./DegressiveSettings";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: { degressiveSettings: vi.fn(), saveDegressiveSettings: vi.fn() },
}));
const mocked = vi.mocked(commands);

const rows: DegressiveForm[] = [
  { regime: "r2013", discipline: "medecine", threshold_months: "36", coefficient: "120" },
  { regime: "r2013", discipline: "odontologie", threshold_months: "24", coefficient: "72" },
];

describe("DegressiveSettings", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.degressiveSettings.mockResolvedValue({ status: "ok", data: rows });
  });

  it("sends the edited values and shows the core's message next to the field", async () => {
    const user = userEvent.setup();
    mocked.saveDegressiveSettings.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "degressive.0.coefficient", message: "Coefficient invalide « x »." }] },
    });
    renderWithProviders(<DegressiveSettings refs={refs} />);
    const coefficient = await screen.findByTestId("degressive-0-coefficient");
    await expectAccessible();
    await user.clear(coefficient);
    await user.type(coefficient, "x");
    await user.click(screen.getByTestId("save-degressive"));
    await waitFor(() => expect(screen.getByText("Coefficient invalide « x ».")).toBeInTheDocument());
    expect(mocked.saveDegressiveSettings).toHaveBeenCalledWith([{ ...rows[0], coefficient: "x" }, rows[1]]);
    expect(coefficient).toHaveValue("x");
  });
});
