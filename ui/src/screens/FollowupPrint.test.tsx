import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { open, save } from "../dialog";
import { commands, type CommandError, type PrintProgress, type PrintReport } from "../bindings";
import type { Result } from "../api";
import { refs, renderWithProviders } from "../test/render";
import { FollowupPrint } from "./FollowupPrint";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: { followupCampaignIds: vi.fn(), printFollowupBatch: vi.fn(), cancelFollowupPrint: vi.fn() },
}));
vi.mock("../dialog", () => ({ save: vi.fn(), open: vi.fn() }));
// A fake Channel: the test plays the core and sends the progress messages itself.
const channels = vi.hoisted(() => [] as { onmessage: (m: PrintProgress) => void }[]);
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (m: PrintProgress) => void = () => {};
    constructor() {
      channels.push(this);
    }
  },
}));
const mocked = vi.mocked(commands);

/** The batch's answer, given by hand when the test wants the print to end. */
function deferred() {
  let resolve!: (v: Result<PrintReport, CommandError>) => void;
  const promise = new Promise<Result<PrintReport, CommandError>>((r) => (resolve = r));
  return { promise, resolve };
}

const ids = Array.from({ length: 1000 }, (_, i) => i + 1);

describe("FollowupPrint", { timeout: 30000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    channels.length = 0;
    mocked.followupCampaignIds.mockResolvedValue({ status: "ok", data: ids });
    mocked.cancelFollowupPrint.mockResolvedValue({ status: "ok", data: null });
  });

  it("prints the whole campaign to one PDF, streams the progress and can be cancelled", async () => {
    const user = userEvent.setup();
    const batch = deferred();
    mocked.printFollowupBatch.mockReturnValue(batch.promise);
    vi.mocked(save).mockResolvedValue("/home/a/Fiches_de_suivi_2026.pdf");
    const onMarkSent = vi.fn();
    renderWithProviders(
      <FollowupPrint
        year={2026} refs={refs} selection={[]} campaignCount={1000} toSendCount={12}
        onClose={vi.fn()} onMarkSent={onMarkSent}
      />,
    );
    const scope = screen.getByTestId("print-scope");
    // Nothing selected: the whole campaign by default, the selection cannot be chosen.
    expect(scope).toHaveValue("campaign");
    expect(screen.getByRole("option", { name: "La sélection (0)" })).toBeDisabled();
    expect(screen.getByRole("option", { name: "Seulement les fiches « À envoyer » (12)" })).toBeInTheDocument();
    expect(screen.getByTestId("print-output")).toHaveValue("merged");
    await user.click(screen.getByTestId("print-start"));

    expect(mocked.followupCampaignIds).toHaveBeenCalledWith(2026, null, "");
    expect(vi.mocked(save).mock.calls[0]![0]).toMatchObject({ defaultPath: "Fiches_de_suivi_2026.pdf" });
    await waitFor(() => expect(mocked.printFollowupBatch).toHaveBeenCalledTimes(1));
    const [year, sentIds, target, channel] = mocked.printFollowupBatch.mock.calls[0]!;
    expect([year, sentIds, target]).toEqual([2026, ids, { kind: "merged", path: "/home/a/Fiches_de_suivi_2026.pdf" }]);
    expect(channel).toBe(channels[0]);

    const progress = await screen.findByTestId("print-progress");
    await expectAccessible();
    expect(progress.textContent).toBe("0 / 1\u202f000");
    await act(async () => channels[0]!.onmessage({ done: 250, total: 1000 }));
    expect(progress.textContent).toBe("250 / 1\u202f000");
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "25");

    await user.click(screen.getByTestId("print-cancel"));
    expect(mocked.cancelFollowupPrint).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("print-cancel")).toBeDisabled();

    await act(async () => batch.resolve({ status: "ok", data: { sheets: 251, files: [], location: "/home/a/Fiches_de_suivi_2026.pdf", cancelled: true } }));
    expect(await screen.findByTestId("print-report")).toHaveTextContent("Impression annulée : aucun fichier écrit");
    expect(screen.queryByTestId("print-progress")).not.toBeInTheDocument();
    expect(screen.queryByTestId("print-mark-sent")).not.toBeInTheDocument();
    // A late progress message changes nothing.
    await act(async () => channels[0]!.onmessage({ done: 300, total: 1000 }));
    expect(screen.queryByTestId("print-progress")).not.toBeInTheDocument();
  });

  it("prints the forms to send, one file each in a chosen folder, then offers to mark them sent", async () => {
    const user = userEvent.setup();
    mocked.followupCampaignIds.mockResolvedValue({ status: "ok", data: [4, 9] });
    vi.mocked(open).mockResolvedValue("/home/a/fiches");
    mocked.printFollowupBatch.mockResolvedValue({
      status: "ok",
      data: {
        sheets: 2, files: ["/home/a/fiches/A_B_2026.pdf", "/home/a/fiches/C_D_2026.pdf"], location: "/home/a/fiches",
        cancelled: false,
      },
    });
    const onMarkSent = vi.fn();
    renderWithProviders(
      <FollowupPrint
        year={2026} refs={refs} selection={[1, 2, 3]} campaignCount={null} toSendCount={null}
        onClose={vi.fn()} onMarkSent={onMarkSent}
      />,
    );
    expect(screen.getByTestId("print-scope")).toHaveValue("selection");
    await user.selectOptions(screen.getByTestId("print-scope"), "a_envoyer");
    await user.selectOptions(screen.getByTestId("print-output"), "folder");
    await user.click(screen.getByTestId("print-start"));

    expect(mocked.followupCampaignIds).toHaveBeenCalledWith(2026, "a_envoyer", "");
    expect(vi.mocked(open).mock.calls[0]![0]).toMatchObject({ directory: true });
    expect(save).not.toHaveBeenCalled();
    const report = await screen.findByTestId("print-report");
    expect(report).toHaveTextContent("2 fiches dans /home/a/fiches (un fichier par signataire)");
    expect(mocked.printFollowupBatch.mock.calls[0]!.slice(0, 3)).toEqual([2026, [4, 9], { kind: "folder", path: "/home/a/fiches" }]);
    await user.click(screen.getByTestId("print-mark-sent"));
    expect(onMarkSent).toHaveBeenCalledWith([4, 9]);
  });

  it("prints nothing when the save dialog is cancelled or the choice is empty", async () => {
    const user = userEvent.setup();
    vi.mocked(save).mockResolvedValue(null);
    renderWithProviders(
      <FollowupPrint year={2026} refs={refs} selection={[5]} campaignCount={null} toSendCount={null} onClose={vi.fn()} onMarkSent={vi.fn()} />,
    );
    await user.click(screen.getByTestId("print-start"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(mocked.printFollowupBatch).not.toHaveBeenCalled();
    expect(screen.getByTestId("print-start")).toBeEnabled();

    mocked.followupCampaignIds.mockResolvedValue({ status: "ok", data: [] });
    await user.selectOptions(screen.getByTestId("print-scope"), "a_envoyer");
    await user.click(screen.getByTestId("print-start"));
    expect(await screen.findByTestId("print-problem")).toHaveTextContent("Aucune fiche à imprimer dans ce choix.");
    expect(save).toHaveBeenCalledTimes(1);
    expect(mocked.printFollowupBatch).not.toHaveBeenCalled();
  });
});
