import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type AuditPage, type AuditRow } from "../bindings";
import { renderWithProviders } from "../test/render";
import { Journal } from "./Journal";
import { HistoryTab } from "./HistoryTab";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    auditLog: vi.fn(),
    exportAudit: vi.fn(),
    saveAuditRetention: vi.fn(),
    signatoryHistory: vi.fn(),
  },
}));
vi.mock("../dialog", () => ({ save: vi.fn().mockResolvedValue("/tmp/journal.csv") }));
const mocked = vi.mocked(commands);

const change: AuditRow = {
  id: 7,
  at: "01/12/2026 10:15:02",
  referent: "Camille Référente",
  os_user: "camille",
  signatory_id: 12,
  signatory_label: "Kerbrat Maëlle",
  entity: "signatory",
  entity_label: "Dossier",
  action: "modification",
  action_label: "Modification",
  field_label: "Statut",
  old_value: "En formation (allocataire)",
  new_value: "Suspendu",
};

const page = (rows: AuditRow[], total = rows.length): AuditPage => ({
  rows,
  total,
  entities: [{ value: "signatory", label: "Dossier" }],
  authors: ["Camille Référente", "camille"],
  retention_months: 12,
});

describe("Journal", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.auditLog.mockResolvedValue({ status: "ok", data: page([change]) });
  });

  it("lists the changes, filters, names a bad date, exports and sets the retention", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    renderWithProviders(<Journal onOpen={onOpen} />);
    const table = await screen.findByTestId("journal-table");
    await expectAccessible();
    expect(table).toHaveTextContent("Camille Référente (camille)");
    expect(table).toHaveTextContent("Modification : Statut");
    expect(table).toHaveTextContent("Suspendu");
    expect(screen.getByTestId("journal-total")).toHaveTextContent("1 entrée");
    await user.click(screen.getByText("Kerbrat Maëlle"));
    expect(onOpen).toHaveBeenCalledWith(12);

    mocked.auditLog.mockResolvedValueOnce({
      status: "error",
      error: { kind: "validation", fields: [{ field: "from", message: "Date illisible « 32/01 » : attendu jj/mm/aaaa." }] },
    });
    await user.type(screen.getByTestId("journal-from"), "32/01");
    await user.selectOptions(screen.getByTestId("journal-entity"), "signatory");
    await user.click(screen.getByTestId("journal-apply"));
    expect(await screen.findByText(/Date illisible/)).toBeInTheDocument();
    expect(mocked.auditLog).toHaveBeenLastCalledWith(
      expect.objectContaining({ from: "32/01", entity: "signatory", offset: 0, limit: 50 }),
    );

    mocked.exportAudit.mockResolvedValue({ status: "ok", data: 1 });
    await user.click(screen.getByTestId("journal-export-csv"));
    await waitFor(() => expect(mocked.exportAudit).toHaveBeenCalledWith(expect.objectContaining({ limit: 0 }), "csv", "/tmp/journal.csv"));

    mocked.saveAuditRetention.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "months", message: "Durée de conservation du journal : de 6 à 12 mois." }] },
    });
    await user.clear(screen.getByTestId("journal-retention"));
    await user.type(screen.getByTestId("journal-retention"), "24");
    await user.click(screen.getByTestId("journal-retention-save"));
    expect(await screen.findByText(/de 6 à 12 mois/)).toBeInTheDocument();
    expect(mocked.saveAuditRetention).toHaveBeenCalledWith(24);
  });

  it("shows a file's history once its tab is shown, and says when there is none", async () => {
    const user = userEvent.setup();
    mocked.signatoryHistory.mockResolvedValue({ status: "ok", data: [] });
    function Harness() {
      const [active, setActive] = useState(false);
      return (
        <>
          <button onClick={() => setActive((a) => !a)}>onglet</button>
          <HistoryTab id={12} active={active} />
        </>
      );
    }
    renderWithProviders(<Harness />);
    expect(mocked.signatoryHistory).not.toHaveBeenCalled();
    await user.click(screen.getByText("onglet"));
    expect(await screen.findByTestId("history-empty")).toBeInTheDocument();
    expect(mocked.signatoryHistory).toHaveBeenCalledWith(12);
    // Shown again after a change elsewhere: read again.
    mocked.signatoryHistory.mockResolvedValue({ status: "ok", data: [change] });
    await user.click(screen.getByText("onglet"));
    await user.click(screen.getByText("onglet"));
    expect(await screen.findByTestId("history-table")).toHaveTextContent("En formation (allocataire)");
  });
});
