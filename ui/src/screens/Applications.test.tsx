import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type Application, type CampaignView } from "../bindings";
import { renderWithProviders, refs as REFS } from "../test/render";
import { Applications, type ApplicationsState } from "./Applications";
import { EMPTY_APPLICATION } from "./ApplicationForm";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    applicationCampaign: vi.fn(),
    saveApplication: vi.fn(),
    setApplicationDocument: vi.fn(),
    recordApplicationDecision: vi.fn(),
    convertApplication: vi.fn(),
    saveCommission: vi.fn(),
    printDecisions: vi.fn(),
  },
}));
const mocked = vi.mocked(commands);

const UFR = "Faculté de médecine de Brest";
const doc = (document: Application["documents"][number]["document"], label: string, on: string | null) => ({
  document,
  label,
  required: true,
  received_on: on,
});
const candidate: Application = {
  id: 3,
  academic_year: 2026,
  ufr: UFR,
  input: { ...EMPTY_APPLICATION, civility: "Mme", last_name: "Quéré", first_names: "Nolwenn", specialty: "Médecine générale" },
  name: "QUÉRÉ Nolwenn",
  discipline_label: "Médecine",
  studies_label: "2e cycle, 2e année",
  documents: [doc("formulaire", "Formulaire de candidature", "01/12/2026"), doc("photo", "Photo d'identité en couleur", null)],
  missing: ["Photo d'identité en couleur"],
  complete: false,
  decision: null,
  decision_label: "",
  waiting_rank: null,
  decision_reason: "",
  signatory_id: null,
  contract_sent_on: null,
  contract_due: null,
  contract_returned: false,
  contract_overdue: false,
};
const campaign = (applications: Application[]): CampaignView => ({
  academic_year: 2026,
  current_year: 2026,
  year_label: "2026-2027",
  year_choices: [2027, 2026, 2025].map((y) => ({ value: String(y), label: `${y}-${y + 1}` })),
  ufr: UFR,
  ufrs: [UFR],
  applications,
  commission: { sitting_date: "", members: "", notes: "" },
  deadline: "15/12/2026",
  commission_date: "10/01/2027",
  signatures_from: "01/02/2027",
  lists_before: "15/01/2027",
  contract_return_days: 30,
});

function Harness({ onOpenSignatory }: { onOpenSignatory: (id: number) => void }) {
  const [state, setState] = useState<ApplicationsState>({ year: 2026, ufr: UFR, open: null });
  return <Applications refs={REFS} state={state} onStateChange={setState} onOpenSignatory={onOpenSignatory} />;
}

describe("Applications", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.applicationCampaign.mockResolvedValue({ status: "ok", data: campaign([candidate]) });
  });

  it("shows what is missing, ticks a document, records the decision and converts the candidate", async () => {
    const user = userEvent.setup();
    const onOpenSignatory = vi.fn();
    renderWithProviders(<Harness onOpenSignatory={onOpenSignatory} />);
    const table = await screen.findByTestId("apps-table");
    await expectAccessible();
    expect(table).toHaveTextContent("Manque : Photo d'identité en couleur");
    expect(screen.getByTestId("apps-calendar")).toHaveTextContent("commission le 10/01/2027");

    await user.click(within(table).getByText("QUÉRÉ Nolwenn"));
    const complete = { ...candidate, complete: true, missing: [], documents: candidate.documents.map((d) => ({ ...d, received_on: "01/12/2026" })) };
    mocked.setApplicationDocument.mockResolvedValue({ status: "ok", data: complete });
    await user.click(screen.getByTestId("doc-photo"));
    expect(mocked.setApplicationDocument).toHaveBeenCalledWith(3, "photo", expect.stringMatching(/^\d\d\/\d\d\/\d{4}$/));
    expect(await screen.findByTestId("app-complete")).toBeInTheDocument();

    // A waiting list without its rank: the message next to the field.
    mocked.recordApplicationDecision.mockResolvedValueOnce({
      status: "error",
      error: { kind: "validation", fields: [{ field: "waiting_rank", message: "Indiquez le rang sur la liste d'attente." }] },
    });
    await user.selectOptions(screen.getByTestId("app-decision"), "liste_attente");
    await user.click(screen.getByTestId("app-decide"));
    expect(await screen.findByText("Indiquez le rang sur la liste d'attente.")).toBeInTheDocument();

    const selected = { ...complete, decision: "retenu" as const, decision_label: "Retenu" };
    mocked.recordApplicationDecision.mockResolvedValueOnce({ status: "ok", data: selected });
    await user.selectOptions(screen.getByTestId("app-decision"), "retenu");
    await user.click(screen.getByTestId("app-decide"));
    expect(mocked.recordApplicationDecision).toHaveBeenLastCalledWith(3, "retenu", "", "");
    mocked.convertApplication.mockResolvedValue({ status: "ok", data: 41 });
    await user.click(await screen.findByTestId("app-convert"));
    await waitFor(() => expect(onOpenSignatory).toHaveBeenCalledWith(41));
    expect(mocked.convertApplication).toHaveBeenCalledWith(3, expect.stringMatching(/^\d\d\/\d\d\/\d{4}$/));
  });

  it("filters the incomplete files and records the commission", async () => {
    const user = userEvent.setup();
    const done = { ...candidate, id: 4, name: "ABGRALL Yann", complete: true, missing: [] };
    mocked.applicationCampaign.mockResolvedValue({ status: "ok", data: campaign([candidate, done]) });
    renderWithProviders(<Harness onOpenSignatory={vi.fn()} />);
    expect(await screen.findByTestId("apps-total")).toHaveTextContent("2 candidatures, 1 incomplète");
    await user.click(screen.getByTestId("apps-incomplete-only"));
    expect(screen.getAllByTestId("apps-row")).toHaveLength(1);

    mocked.saveCommission.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "sitting_date", message: "Date invalide « 32/01/2027 » : attendu jj/mm/aaaa." }] },
    });
    await user.type(screen.getByTestId("commission-date"), "32/01/2027");
    await user.click(screen.getByTestId("commission-save"));
    expect(await screen.findByText(/Date invalide/)).toBeInTheDocument();
    expect(mocked.saveCommission).toHaveBeenCalledWith(2026, UFR, expect.objectContaining({ sitting_date: "32/01/2027" }));
  });
});
