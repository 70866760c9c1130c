import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, type ArchiveCandidate, type ArchiveList } from "../bindings";
import { renderWithProviders } from "../test/render";
import { ArchiveSettings } from "./ArchiveSettings";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    archiveCandidates: vi.fn(),
    exportArchive: vi.fn(),
    anonymiseFile: vi.fn(),
    deleteFile: vi.fn(),
    saveArchiveYears: vi.fn(),
    deleteOldApplications: vi.fn(),
    purgeArchivedBackups: vi.fn(),
  },
}));
vi.mock("../dialog", () => ({ save: vi.fn().mockResolvedValue("/archives/dossier-4.json") }));
const mocked = vi.mocked(commands);

const file: ArchiveCandidate = {
  id: 4,
  label: "Kerhervé Gwenaëlle",
  status_label: "Engagement terminé",
  ended_on: "31/12/2015",
  reason: "Engagement terminé le 31/12/2015",
  anonymised: false,
};
const list: ArchiveList = { years: 5, ended_before: "01/12/2021", rows: [file], old_applications: 3, old_campaigns_until: 2019, old_campaigns_label: "2019-2020" };

describe("ArchiveSettings", { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.archiveCandidates.mockResolvedValue({ status: "ok", data: list });
  });

  it("lists the ended files, exports one, anonymises it after confirmation, names a bad duration", async () => {
    const user = userEvent.setup();
    renderWithProviders(<ArchiveSettings />);
    const table = await screen.findByTestId("archive-list");
    await expectAccessible();
    expect(table).toHaveTextContent("Kerhervé Gwenaëlle");
    expect(table).toHaveTextContent("Engagement terminé le 31/12/2015");

    mocked.exportArchive.mockResolvedValue({ status: "ok", data: "/archives/dossier-4.json" });
    await user.click(screen.getByTestId("archive-export-4"));
    await waitFor(() => expect(mocked.exportArchive).toHaveBeenCalledWith(4, "/archives/dossier-4.json"));

    const anonymised = { ...list, rows: [{ ...file, label: "Dossier anonymisé n° 4", anonymised: true }] };
    const backup = {
      path: "/registre/sauvegardes/cesp-quotidienne-20261101-090000.sqlite3",
      file_name: "cesp-quotidienne-20261101-090000.sqlite3",
      kind: "quotidienne" as const,
      kind_label: "Automatique (quotidienne)",
      taken: "01/11/2026 09:00",
      taken_iso: "2026-11-01T09:00:00",
      size_bytes: 1024,
      size_label: "1 Ko",
      signatories: 10,
    };
    mocked.anonymiseFile.mockResolvedValue({
      status: "ok",
      data: {
        list: anonymised,
        erased: { id: 4, created_at: "2014-09-01T10:00:00", backups: [backup], journal_pending: false },
      },
    });
    await user.click(screen.getByTestId("archive-anonymise-4"));
    expect(await screen.findByText(/seront effacés/)).toBeInTheDocument();
    expect(mocked.anonymiseFile).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("archive-confirm"));
    await waitFor(() => expect(screen.getByTestId("archive-list")).toHaveTextContent("Dossier anonymisé n° 4"));
    expect(mocked.anonymiseFile).toHaveBeenCalledWith(4);
    // Anonymised: no export nor anonymisation left, only the deletion.
    expect(screen.queryByTestId("archive-anonymise-4")).toBeNull();
    expect(screen.getByTestId("archive-delete-4")).toBeInTheDocument();
    // The backups that still hold the person are named, and can go.
    const leftover = screen.getByTestId("archive-leftover");
    expect(leftover).toHaveTextContent("1 sauvegarde contient encore la personne");
    expect(leftover).toHaveTextContent("01/11/2026 09:00");
    mocked.purgeArchivedBackups.mockResolvedValue({ status: "ok", data: 1 });
    await user.click(screen.getByTestId("archive-purge-backups"));
    await waitFor(() => expect(mocked.purgeArchivedBackups).toHaveBeenCalledWith(4, "2014-09-01T10:00:00"));
    await waitFor(() => expect(screen.queryByTestId("archive-leftover")).toBeNull());

    mocked.saveArchiveYears.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "years", message: "Durée de conservation des dossiers terminés : de 1 à 30 ans." }] },
    });
    await user.clear(screen.getByTestId("archive-years"));
    await user.type(screen.getByTestId("archive-years"), "40");
    await user.click(screen.getByTestId("archive-years-save"));
    expect(await screen.findByText(/de 1 à 30 ans/)).toBeInTheDocument();
    expect(mocked.saveArchiveYears).toHaveBeenCalledWith(40);
  });
  it("deletes the old applications never converted, after confirmation", async () => {
    const user = userEvent.setup();
    renderWithProviders(<ArchiveSettings />);
    expect(await screen.findByTestId("archive-applications")).toHaveTextContent("3 candidatures jamais devenues dossier");
    mocked.deleteOldApplications.mockResolvedValue({ status: "ok", data: { ...list, old_applications: 0 } });
    await user.click(screen.getByTestId("archive-delete-applications"));
    expect(await screen.findByText(/seront supprimées avec leurs pièces/)).toBeInTheDocument();
    expect(mocked.deleteOldApplications).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("archive-confirm"));
    await waitFor(() => expect(screen.queryByTestId("archive-applications")).toBeNull());
  });
});
