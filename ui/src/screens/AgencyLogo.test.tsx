import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands } from "../bindings";
import { open } from "../dialog";
import { renderWithProviders } from "../test/render";
import { AgencyLogo } from "./AgencyLogo";

vi.mock("../bindings", () => ({ commands: { logoInfo: vi.fn(), saveLogo: vi.fn(), removeLogo: vi.fn() } }));
vi.mock("../dialog", () => ({ save: vi.fn(), open: vi.fn() }));
const mocked = vi.mocked(commands);
const PNG = "data:image/png;base64,iVBORw0KGgo=";

describe("AgencyLogo", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.logoInfo.mockResolvedValue({ status: "ok", data: null });
  });

  it("shows the core's refusal of a file, then keeps a PNG and removes it", async () => {
    const refusal = "logo.gif : ce fichier n'est ni une image PNG ni un dessin SVG.";
    vi.mocked(open).mockResolvedValueOnce("/tmp/logo.gif").mockResolvedValueOnce("/tmp/logo.png");
    mocked.saveLogo
      .mockResolvedValueOnce({ status: "error", error: { kind: "validation", fields: [{ field: "logo", message: refusal }] } })
      .mockResolvedValueOnce({ status: "ok", data: { file_name: "logo.png", width: 600, height: 240, preview: PNG } });
    mocked.removeLogo.mockResolvedValue({ status: "ok", data: null });
    renderWithProviders(<AgencyLogo />);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("logo-choose"));
    expect(await screen.findByTestId("logo-problem")).toHaveTextContent("ni une image PNG ni un dessin SVG");
    await user.click(screen.getByTestId("logo-choose"));
    expect(await screen.findByTestId("logo-current")).toHaveTextContent("logo.png — 600 × 240 pixels");
    expect(screen.getByAltText("Logo de l'agence")).toHaveAttribute("src", PNG);
    await user.click(screen.getByTestId("logo-remove"));
    expect(await screen.findByText("Choisir un logo (PNG ou SVG)…")).toBeInTheDocument();
  });
});
