import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type ReturnedSheet } from "../bindings";
import { renderWithProviders } from "../test/render";
import { ReturnedSheets } from "./ReturnedSheets";

vi.mock("../bindings", () => ({
  commands: { chooseFiles: vi.fn(), readReturnedSheets: vi.fn(), acceptReturnedSheet: vi.fn() },
}));
// Outside the application's window there is no webview to listen to.
vi.mock("@tauri-apps/api/webview", () => ({
  getCurrentWebview: () => ({ onDragDropEvent: () => Promise.resolve(() => undefined) }),
}));
const mocked = vi.mocked(commands);

const matched: ReturnedSheet = {
  path: "/tmp/LEFEVRE_Helene_2026.pdf",
  file_name: "LEFEVRE_Helene_2026.pdf",
  signatory_id: 42,
  name: "LEFÈVRE Hélène",
  year: 2026,
  refused: "",
  scanned: false,
  already_read: null,
  fields: [
    { key: "email", label: "Courriel", in_file: "helene@exemple.fr", on_sheet: "h.lefevre@exemple.fr", changed: true },
    { key: "comments", label: "Observations", in_file: "", on_sheet: "Thèse à l'automne", changed: true },
    { key: "phone", label: "Téléphone", in_file: "06 00 00 00 01", on_sheet: "06 00 00 00 01", changed: false },
  ],
};

const refused: ReturnedSheet = {
  ...matched,
  path: "/tmp/autre.pdf",
  file_name: "autre.pdf",
  signatory_id: null,
  name: "",
  refused: "cette fiche a été envoyée par un autre registre (n° 0000), pas par celui-ci",
  fields: [],
};

describe("ReturnedSheets", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.chooseFiles.mockResolvedValue({ status: "ok", data: [matched.path, refused.path] });
    mocked.readReturnedSheets.mockResolvedValue({ status: "ok", data: [matched, refused] });
  });

  it("shows each sheet beside its file, the changes ticked, and records what is kept", async () => {
    mocked.acceptReturnedSheet.mockResolvedValue({
      status: "ok",
      data: {
        form: {} as never,
        changes: [{ field: "email", label: "Courriel", before: "helene@exemple.fr", after: "h.lefevre@exemple.fr" }],
        warnings: [],
      },
    });
    const onRecorded = vi.fn();
    renderWithProviders(<ReturnedSheets year={2026} onClose={vi.fn()} onRecorded={onRecorded} />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId("returns-choose"));
    expect(mocked.readReturnedSheets).toHaveBeenCalledWith([matched.path, refused.path], 2026);
    expect(await screen.findByText("LEFÈVRE Hélène — dossier n° 42")).toBeInTheDocument();
    expect(screen.getByTestId("returned-refused")).toHaveTextContent("autre registre");
    expect(screen.getByText("1 réponse identique au dossier.")).toBeInTheDocument();
    expect(screen.getByTestId("returned-accept-email")).toBeChecked();
    await user.click(screen.getByTestId("returned-accept-comments"));
    await user.click(screen.getByTestId("returned-record"));
    expect(mocked.acceptReturnedSheet).toHaveBeenCalledWith(matched.path, 2026, ["email"], "");
    expect(await screen.findByTestId("returned-done")).toHaveTextContent("1 champ du dossier mis à jour");
    expect(onRecorded).toHaveBeenCalled();
  });

  it("says when a sheet was already recorded, and keeps a refusal of the core beside its sheet", async () => {
    mocked.readReturnedSheets.mockResolvedValue({ status: "ok", data: [{ ...matched, already_read: "03/12/2026" }] });
    renderWithProviders(<ReturnedSheets year={2026} onClose={vi.fn()} onRecorded={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId("returns-choose"));
    expect(await screen.findByTestId("returned-already")).toHaveTextContent("déjà été enregistrée le 03/12/2026");
    expect(screen.queryByTestId("returned-record")).not.toBeInTheDocument();
  });
});
