import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type Signatory } from "../bindings";
import { refs, renderWithProviders } from "../test/render";
import { SignatoryForm } from "./SignatoryForm";
import { expectAccessible } from "../test/axe";

// The backend is mocked: only `commands` is used by the form.
vi.mock("../bindings", () => ({
  commands: {
    createSignatory: vi.fn(),
    updateSignatory: vi.fn(),
    getSignatory: vi.fn(),
  },
}));

const mocked = vi.mocked(commands);

const saved: Signatory = {
  id: 7, civility: "Mme", last_name: "Martin", birth_name: null, first_names: "Claire", birth_date: "1998-07-04",
  email: null, phone: null, address: null, discipline: "medecine", padhue: false, ufr: "Rennes", subdivision: null,
  cycle: null, study_year: null, ecn_year: 2022, ecn_rank: 1234, specialty: null, signature_date: "2021-02-15",
  regime: "r2020", managing_body: "cng", contract_ref: null, status: "en_formation", notes: "",
  to_complete: [], created_at: "2024-01-01T10:00:00Z", updated_at: "2024-01-01T10:00:00Z",
};

describe("SignatoryForm", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows the core's validation message next to the field and keeps the typed values", async () => {
    const user = userEvent.setup();
    mocked.createSignatory.mockResolvedValue({
      status: "error",
      error: {
        kind: "validation",
        fields: [{ field: "birth_date", message: "Date de naissance invalide : attendu jj/mm/aaaa." }],
      },
    });
    const onDone = vi.fn();
    renderWithProviders(<SignatoryForm id={null} refs={refs} onDone={onDone} onCancel={vi.fn()} />);

    await user.selectOptions(screen.getByTestId("field-civility"), "Mme");
    await user.type(screen.getByTestId("field-last_name"), "Dupont");
    await user.type(screen.getByTestId("field-first_names"), "Léa");
    await user.type(screen.getByTestId("field-birth_date"), "31/02/2001");
    await user.selectOptions(screen.getByTestId("field-discipline"), "medecine");
    await user.selectOptions(screen.getByTestId("field-status"), "candidat");
    await user.click(screen.getByTestId("save-signatory"));

    // Everything is sent as typed, the date included.
    expect(mocked.createSignatory).toHaveBeenCalledTimes(1);
    expect(mocked.createSignatory.mock.calls[0]![0]).toMatchObject({
      civility: "Mme", last_name: "Dupont", first_names: "Léa", birth_date: "31/02/2001",
      discipline: "medecine", status: "candidat", email: "", padhue: false,
    });

    // Summary at the top, singular.
    const summary = await screen.findByTestId("form-errors");
    await expectAccessible();
    expect(summary).toHaveTextContent("Le formulaire contient 1 erreur : rien n'a été enregistré.");

    // Message attached to the field (Mantine sets aria-invalid and aria-describedby).
    const birth = screen.getByTestId("field-birth_date");
    expect(birth).toHaveAttribute("aria-invalid", "true");
    expect(birth).toHaveAccessibleDescription("Date de naissance invalide : attendu jj/mm/aaaa.");

    // What the user typed is still there; nothing was "saved".
    expect(birth).toHaveValue("31/02/2001");
    expect(screen.getByTestId("field-last_name")).toHaveValue("Dupont");
    expect(screen.getByTestId("field-civility")).toHaveValue("Mme");
    expect(onDone).not.toHaveBeenCalled();
  });

  it("goes back to the list after a successful save", async () => {
    const user = userEvent.setup();
    mocked.createSignatory.mockResolvedValue({ status: "ok", data: saved });
    const onDone = vi.fn();
    renderWithProviders(<SignatoryForm id={null} refs={refs} onDone={onDone} onCancel={vi.fn()} />);
    expect(screen.getByTestId("field-regime")).toHaveValue("calculé à l'enregistrement");
    await user.type(screen.getByTestId("field-last_name"), "Martin");
    await user.click(screen.getByTestId("save-signatory"));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(await screen.findByText("Signataire enregistré")).toBeInTheDocument();
  });

  it("saves with Ctrl+S and cancels with Échap, from inside a field", async () => {
    const user = userEvent.setup();
    mocked.createSignatory.mockResolvedValue({ status: "ok", data: saved });
    const onDone = vi.fn();
    const onCancel = vi.fn();
    renderWithProviders(<SignatoryForm id={null} refs={refs} onDone={onDone} onCancel={onCancel} />);
    const last = screen.getByTestId("field-last_name");
    await user.type(last, "Martin");
    await user.keyboard("{Control>}s{/Control}");
    await waitFor(() => expect(mocked.createSignatory).toHaveBeenCalledTimes(1));
    expect(mocked.createSignatory.mock.calls[0]?.[0]).toMatchObject({ last_name: "Martin" });
    await user.click(last);
    await user.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("keeps the input and shows the message of a failure", async () => {
    const user = userEvent.setup();
    mocked.createSignatory.mockResolvedValue({
      status: "error",
      error: { kind: "failure", message: "La base de données est verrouillée." },
    });
    const onDone = vi.fn();
    renderWithProviders(<SignatoryForm id={null} refs={refs} onDone={onDone} onCancel={vi.fn()} />);
    await user.type(screen.getByTestId("field-last_name"), "Martin");
    await user.click(screen.getByTestId("save-signatory"));
    expect(await screen.findByText("La base de données est verrouillée.")).toBeInTheDocument();
    expect(screen.getByTestId("field-last_name")).toHaveValue("Martin");
    expect(screen.queryByTestId("form-errors")).not.toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });

  it("loads a saved signatory with French dates, its regime, and updates it", async () => {
    const user = userEvent.setup();
    mocked.getSignatory.mockResolvedValue({ status: "ok", data: saved });
    mocked.updateSignatory.mockResolvedValue({ status: "ok", data: saved });
    const onDone = vi.fn();
    renderWithProviders(<SignatoryForm id={7} refs={refs} onDone={onDone} onCancel={vi.fn()} />);

    expect(await screen.findByTestId("field-birth_date")).toHaveValue("04/07/1998");
    expect(screen.getByTestId("field-signature_date")).toHaveValue("15/02/2021");
    expect(screen.getByTestId("field-ecn_rank")).toHaveValue("1234");
    expect(screen.getByTestId("field-regime")).toHaveValue("2020");
    expect(screen.getByTestId("field-managing_body")).toHaveValue("cng");
    expect(mocked.getSignatory).toHaveBeenCalledWith(7);

    await user.click(screen.getByTestId("save-signatory"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(mocked.updateSignatory.mock.calls[0]![0]).toBe(7);
    expect(mocked.updateSignatory.mock.calls[0]![1]).toMatchObject({ birth_date: "04/07/1998", ecn_year: "2022" });
  });
});
