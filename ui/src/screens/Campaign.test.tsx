import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { save } from "../dialog";
import { commands, type CampaignPage, type CampaignQuery, type CampaignRow } from "../bindings";
import { todayFr } from "../format";
import { refs, renderWithProviders } from "../test/render";
import { Campaign, initialCampaignState, type CampaignState } from "./Campaign";
import { expectAccessible } from "../test/axe";

vi.mock("../bindings", () => ({
  commands: {
    followupCampaign: vi.fn(),
    followupCampaignIds: vi.fn(),
    markFormsSent: vi.fn(),
    recordFormReminder: vi.fn(),
    printFollowupSheet: vi.fn(),
    printFollowupBatch: vi.fn(),
    cancelFollowupPrint: vi.fn(),
    getFollowupForm: vi.fn(),
    campaignDates: vi.fn(),
    saveCampaignDates: vi.fn(),
  },
}));
vi.mock("../dialog", () => ({ save: vi.fn(), open: vi.fn() }));
// A Channel that needs no Tauri runtime: the test sends its messages by hand.
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));
const mocked = vi.mocked(commands);

const year = new Date().getFullYear();

const row = (id: number, last_name: string, first_names: string, extra: Partial<CampaignRow> = {}): CampaignRow => ({
  signatory_id: id, last_name, first_names, discipline: "medecine", status: "en_formation",
  studies: "3e cycle, 2e année", specialty: "Médecine générale", form_status: "a_envoyer", sent_date: null,
  sent_channel: null, reminders: [], received_date: null, missing: [], ...extra,
});

const rows = [
  row(1, "Lefèvre", "Hélène"),
  row(2, "Martin", "Léa", {
    form_status: "relancee", sent_date: `${year}-01-05`, sent_channel: "courrier",
    reminders: [`${year}-02-05`, `${year}-03-01`],
  }),
  row(3, "Dubois", "Hugo", {
    form_status: "incomplete", sent_date: `${year}-01-05`, sent_channel: "courriel", received_date: `${year}-02-10`,
    missing: ["la signature et sa date", "le certificat de scolarité"],
  }),
];

const page = (extra: Partial<CampaignPage> = {}): CampaignPage => ({
  year,
  rows,
  total: 120,
  counts: [
    { status: "a_envoyer", count: 12 }, { status: "envoyee", count: 40 }, { status: "relancee", count: 8 },
    { status: "recue", count: 5 }, { status: "complete", count: 50 }, { status: "incomplete", count: 5 },
  ],
  campaign_total: 120,
  ...extra,
});

function Harness({ onOpen = vi.fn() }: { onOpen?: (id: number) => void }) {
  const [state, setState] = useState<CampaignState>(() => initialCampaignState());
  return <Campaign refs={refs} state={state} onStateChange={setState} onOpen={onOpen} />;
}

const lastQuery = (): CampaignQuery => mocked.followupCampaign.mock.calls.at(-1)![0];

describe("Campaign", { timeout: 30000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.followupCampaign.mockResolvedValue({ status: "ok", data: page() });
    mocked.campaignDates.mockResolvedValue({ status: "ok", data: { year, send: "", return_by: "" } });
  });

  it("saves the campaign calendar and shows the core's refusal of a public holiday at its field", async () => {
    const message = "Date limite de retour : le 01/01/2027 est un jour férié (Jour de l'an), l'ARS est fermée. Premier jour ouvré suivant : le 04/01/2027.";
    mocked.saveCampaignDates
      .mockResolvedValueOnce({
        status: "error",
        error: { kind: "validation", fields: [{ field: "return_by", message }] },
      })
      .mockResolvedValueOnce({ status: "ok", data: { year, send: "05/10/2026", return_by: "04/01/2027" } });
    renderWithProviders(<Harness />);
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("campaign-dates-send"), "05/10/2026");
    await user.type(screen.getByTestId("campaign-dates-return_by"), "01/01/2027");
    await user.click(screen.getByTestId("campaign-dates-save"));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(mocked.saveCampaignDates).toHaveBeenLastCalledWith({ year, send: "05/10/2026", return_by: "01/01/2027" });
    await user.clear(screen.getByTestId("campaign-dates-return_by"));
    await user.type(screen.getByTestId("campaign-dates-return_by"), "04/01/2027");
    await user.click(screen.getByTestId("campaign-dates-save"));
    await waitFor(() => expect(screen.queryByText(message)).not.toBeInTheDocument());
    expect(screen.getByTestId("campaign-dates-return_by")).toHaveValue("04/01/2027");
  });

  it("shows the rows and the counts of the campaign of the current year", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    renderWithProviders(<Harness onOpen={onOpen} />);
    const lines = await screen.findAllByTestId("campaign-row");
    expect(lines).toHaveLength(3);
    expect(lastQuery()).toEqual({ year, form_status: null, search: "", offset: 0, limit: 50 });
    expect(screen.getByRole("heading", { name: `Campagne de suivi ${year}` })).toBeInTheDocument();
    expect(screen.getByTestId("campaign-year")).toHaveValue(String(year));

    expect(lines[0]).toHaveAttribute("data-id", "1");
    expect(within(lines[0]!).getByText("LEFÈVRE Hélène")).toBeInTheDocument();
    expect(within(lines[0]!).getByText("À envoyer")).toBeInTheDocument();
    expect(within(lines[0]!).getByText("3e cycle, 2e année")).toBeInTheDocument();
    expect(lines[1]).toHaveTextContent(`05/01/${year}Courrier`);
    expect(lines[1]).toHaveTextContent(`05/02/${year}, 01/03/${year}`);
    expect(within(lines[1]!).getByText("Relancée")).toBeInTheDocument();
    expect(within(lines[2]!).getByTestId("campaign-missing")).toHaveTextContent(
      "Manque : la signature et sa date ; le certificat de scolarité",
    );
    expect(lines[2]).toHaveTextContent(`10/02/${year}`);

    expect(screen.getByTestId("campaign-count-a_envoyer")).toHaveTextContent("À envoyer : 12");
    expect(screen.getByTestId("campaign-count-complete")).toHaveTextContent("Complète et signée : 50");
    expect(screen.getByTestId("campaign-count-all")).toHaveTextContent("Toutes : 120");
    expect(screen.getByTestId("campaign-total")).toHaveTextContent("120 fiches");
    // 120 lines, 50 a page.
    expect(screen.getByRole("button", { name: "Page 3" })).toBeInTheDocument();

    await user.click(within(lines[1]!).getByTestId("campaign-name"));
    expect(onOpen).toHaveBeenCalledWith(2);
  });

  it("filters by a status badge, goes back to all with « Toutes », and searches as you type", async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("campaign-row");

    await user.click(screen.getByRole("button", { name: "Page 2" }));
    await waitFor(() => expect(lastQuery().offset).toBe(50));

    await user.click(screen.getByTestId("campaign-count-relancee"));
    await waitFor(() => expect(lastQuery()).toEqual({ year, form_status: "relancee", search: "", offset: 0, limit: 50 }));
    expect(screen.getByTestId("campaign-count-relancee")).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("campaign-count-all")).toHaveAttribute("aria-pressed", "false");

    await user.type(screen.getByTestId("campaign-search"), "mar");
    await waitFor(() => expect(lastQuery()).toMatchObject({ form_status: "relancee", search: "mar", offset: 0 }));

    await user.click(screen.getByTestId("campaign-count-all"));
    await waitFor(() => expect(lastQuery()).toMatchObject({ form_status: null, search: "mar" }));

    await user.selectOptions(screen.getByTestId("campaign-year"), String(year - 1));
    await waitFor(() => expect(lastQuery()).toMatchObject({ year: year - 1, search: "mar" }));
    expect(screen.getByRole("heading", { name: `Campagne de suivi ${year - 1}` })).toBeInTheDocument();
  });

  it("marks the selected forms as sent and shows what was left aside", async () => {
    const user = userEvent.setup();
    mocked.markFormsSent.mockResolvedValue({
      status: "ok",
      data: { changed: 1, skipped: [`DUBOIS Hugo : déjà reçue le 10/02/${year}`] },
    });
    renderWithProviders(<Harness />);
    const lines = await screen.findAllByTestId("campaign-row");
    expect(screen.getByTestId("bulk-sent")).toBeDisabled();

    await user.click(within(lines[0]!).getByTestId("campaign-row-check"));
    await user.click(within(lines[2]!).getByTestId("campaign-row-check"));
    expect(screen.getByTestId("campaign-selected")).toHaveTextContent("2 fiches sélectionnées");
    expect(screen.getByTestId("campaign-select-page")).toHaveProperty("indeterminate", true);

    await user.click(screen.getByTestId("bulk-sent"));
    const date = await screen.findByTestId("bulk-date");
    await expectAccessible();
    expect(date).toHaveValue(todayFr());
    await user.clear(date);
    await user.type(date, `02/01/${year}`);
    await user.selectOptions(screen.getByTestId("bulk-channel"), "courriel");
    const calls = mocked.followupCampaign.mock.calls.length;
    await user.click(screen.getByTestId("bulk-confirm"));

    expect(mocked.markFormsSent).toHaveBeenCalledWith({ year, ids: [1, 3], date: `02/01/${year}`, channel: "courriel" });
    const result = await screen.findByTestId("bulk-result");
    expect(result).toHaveTextContent("1 fiche marquée comme envoyée");
    expect(result).toHaveTextContent(`DUBOIS Hugo : déjà reçue le 10/02/${year}`);
    expect(await screen.findByText("1 fiche marquée comme envoyée", { selector: ".mantine-Notification-description" })).toBeInTheDocument();
    // The list is refreshed.
    await waitFor(() => expect(mocked.followupCampaign.mock.calls.length).toBeGreaterThan(calls));
  });

  it("selects the page, then the whole filtered campaign, and shows a refused reminder next to its field", async () => {
    const user = userEvent.setup();
    mocked.followupCampaignIds.mockResolvedValue({ status: "ok", data: [1, 2, 3, 4, 5] });
    mocked.recordFormReminder.mockResolvedValue({
      status: "error",
      error: { kind: "validation", fields: [{ field: "channel", message: "Choisissez le moyen d'envoi." }] },
    });
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("campaign-row");

    await user.click(screen.getByTestId("campaign-select-page"));
    expect(screen.getByTestId("campaign-selected")).toHaveTextContent("3 fiches sélectionnées");
    for (const box of screen.getAllByTestId("campaign-row-check")) expect(box).toBeChecked();

    await user.click(screen.getByTestId("campaign-count-envoyee"));
    await waitFor(() => expect(lastQuery().form_status).toBe("envoyee"));
    await user.click(screen.getByTestId("campaign-select-all"));
    expect(mocked.followupCampaignIds).toHaveBeenCalledWith(year, "envoyee", "");
    await waitFor(() => expect(screen.getByTestId("campaign-selected")).toHaveTextContent("5 fiches sélectionnées"));

    await user.click(screen.getByTestId("bulk-reminder"));
    await user.click(await screen.findByTestId("bulk-confirm"));
    expect(mocked.recordFormReminder).toHaveBeenCalledWith({ year, ids: [1, 2, 3, 4, 5], date: todayFr(), channel: "" });
    await waitFor(() => expect(screen.getByTestId("bulk-channel")).toHaveAccessibleDescription("Choisissez le moyen d'envoi."));
    expect(screen.queryByTestId("bulk-result")).not.toBeInTheDocument();
  });

  it("prints one sheet under the signatory's name", async () => {
    const user = userEvent.setup();
    vi.mocked(save).mockResolvedValue(`/tmp/LEFEVRE_Helene_${year}.pdf`);
    mocked.printFollowupSheet.mockResolvedValue({ status: "ok", data: `/tmp/LEFEVRE_Helene_${year}.pdf` });
    renderWithProviders(<Harness />);
    const lines = await screen.findAllByTestId("campaign-row");
    await user.click(within(lines[0]!).getByTestId("row-print"));
    await waitFor(() => expect(mocked.printFollowupSheet).toHaveBeenCalledWith(1, year, `/tmp/LEFEVRE_Helene_${year}.pdf`));
    expect(vi.mocked(save).mock.calls[0]![0]).toMatchObject({ defaultPath: `LEFEVRE_Helene_${year}.pdf` });
  });

  it("after printing the selection, offers to mark those forms as sent by post", async () => {
    const user = userEvent.setup();
    vi.mocked(save).mockResolvedValue("/tmp/Fiches.pdf");
    mocked.printFollowupBatch.mockResolvedValue({
      status: "ok",
      data: { sheets: 2, files: ["/tmp/Fiches.pdf"], location: "/tmp/Fiches.pdf", cancelled: false },
    });
    mocked.markFormsSent.mockResolvedValue({ status: "ok", data: { changed: 2, skipped: [] } });
    renderWithProviders(<Harness />);
    const lines = await screen.findAllByTestId("campaign-row");
    await user.click(within(lines[0]!).getByTestId("campaign-row-check"));
    await user.click(within(lines[1]!).getByTestId("campaign-row-check"));

    await user.click(screen.getByTestId("print-open"));
    expect(await screen.findByTestId("print-scope")).toHaveValue("selection");
    await user.click(screen.getByTestId("print-start"));
    expect(await screen.findByTestId("print-report")).toHaveTextContent("2 fiches dans /tmp/Fiches.pdf");
    expect(mocked.printFollowupBatch.mock.calls[0]!.slice(0, 3)).toEqual([year, [1, 2], { kind: "merged", path: "/tmp/Fiches.pdf" }]);

    await user.click(screen.getByTestId("print-mark-sent"));
    expect(await screen.findByTestId("bulk-channel")).toHaveValue("courrier");
    await user.click(screen.getByTestId("bulk-confirm"));
    expect(mocked.markFormsSent).toHaveBeenCalledWith({ year, ids: [1, 2], date: todayFr(), channel: "courrier" });
    expect(await screen.findByTestId("bulk-result")).toHaveTextContent("2 fiches marquées comme envoyées");
  });
});
