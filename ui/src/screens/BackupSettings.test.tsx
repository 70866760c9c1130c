import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type BackupInfo } from "../bindings";
import { renderWithProviders } from "../test/render";
import { BackupSettings } from "./BackupSettings";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    backups: vi.fn(),
    backupNow: vi.fn(),
    restoreBackup: vi.fn(),
    checkStore: vi.fn(),
    backupRetention: vi.fn(),
    saveBackupRetention: vi.fn(),
  },
}));
const mocked = vi.mocked(commands);

const daily: BackupInfo = {
  path: "/home/referent/.local/share/suivi-cesp/sauvegardes/cesp-quotidienne-20261201-090000.sqlite3",
  file_name: "cesp-quotidienne-20261201-090000.sqlite3",
  kind: "quotidienne",
  kind_label: "Automatique (quotidienne)",
  taken: "01/12/2026 09:00",
  taken_iso: "2026-12-01T09:00:00",
  size_bytes: 1_200_000,
  size_label: "1,2 Mo",
  signatories: 312,
};

describe("BackupSettings", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.backups.mockResolvedValue({ status: "ok", data: [daily] });
    mocked.backupRetention.mockResolvedValue({ status: "ok", data: { daily: 7, weekly: 4, monthly: 12, others_months: 12 } });
  });

  it("lists the backups, backs up now, checks the base and restores after confirmation", async () => {
    const user = userEvent.setup();
    renderWithProviders(<BackupSettings />);
    const list = await screen.findByTestId("backup-list");
    await expectAccessible();
    expect(list).toHaveTextContent("01/12/2026 09:00");
    expect(list).toHaveTextContent("312");

    const manual = { ...daily, kind: "manuelle" as const, kind_label: "Manuelle", file_name: "cesp-manuelle.sqlite3", path: "/b/m" };
    mocked.backupNow.mockResolvedValue({ status: "ok", data: manual });
    mocked.backups.mockResolvedValue({ status: "ok", data: [manual, daily] });
    await user.click(screen.getByTestId("backup-now"));
    await waitFor(() => expect(screen.getByTestId("backup-list")).toHaveTextContent("Manuelle"));

    mocked.checkStore.mockResolvedValue({ status: "ok", data: ["table signatory, ligne 4 : référence absente"] });
    await user.click(screen.getByTestId("check-store"));
    expect(await screen.findByTestId("check-problems")).toHaveTextContent("ligne 4");

    mocked.restoreBackup.mockResolvedValue({
      status: "ok",
      data: { restored: daily.path, previous: "/b/avant", previous_damaged: false, signatories: 312 },
    });
    const row = within(screen.getByTestId("backup-list")).getByText("Automatique (quotidienne)").closest("tr");
    if (!row) throw new Error("ligne de la sauvegarde quotidienne");
    await user.click(within(row).getByRole("button", { name: "Restaurer" }));
    expect(await screen.findByText(/Remplacer la base par la sauvegarde du 01\/12\/2026 09:00/)).toBeInTheDocument();
    await user.click(screen.getByTestId("confirm-restore"));
    await waitFor(() => expect(mocked.restoreBackup).toHaveBeenCalledWith(daily.path));
  });

  it("shows the message of a refused rotation next to its field", async () => {
    const user = userEvent.setup();
    mocked.saveBackupRetention.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "daily", message: "Nombre de sauvegardes quotidiennes : de 1 à 90." }] },
    });
    renderWithProviders(<BackupSettings />);
    const field = await screen.findByLabelText("Sauvegardes quotidiennes gardées");
    await user.clear(field);
    await user.type(field, "0");
    await user.click(screen.getByRole("button", { name: "Enregistrer la rotation" }));
    expect(await screen.findByText("Nombre de sauvegardes quotidiennes : de 1 à 90.")).toBeInTheDocument();
    expect(mocked.saveBackupRetention).toHaveBeenCalledWith({ daily: 0, weekly: 4, monthly: 12, others_months: 12 });
  });
});
