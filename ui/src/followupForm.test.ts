import { describe, expect, it } from "vitest";
import { answerLines, campaignYears, changeLine, emptyAnswers, printReportText } from "./followupForm";
import { refs } from "./test/render";

describe("campaignYears", () => {
  it("goes from next year down to 2010", () => {
    const years = campaignYears(new Date(2026, 5, 1));
    expect(years[0]).toBe(2027);
    expect(years.at(-1)).toBe(2010);
    expect(years).toHaveLength(18);
  });
});

describe("answerLines", () => {
  it("keeps the answered fields, in the paper form's order, closed lists by their label", () => {
    const lines = answerLines(
      { ...emptyAnswers(), project_zone: "zac", situation: "installe", received_date: "20/10/2026", comments: "  " },
      refs,
    );
    expect(lines.map((l) => `${l.label} : ${l.value}`)).toEqual([
      "Date de réception : 20/10/2026",
      "Situation actuelle : Installé (en exercice)",
      "Zone d'installation envisagée : Zone d'action complémentaire (ZAC)",
    ]);
  });
});

describe("changeLine", () => {
  it("writes before → after, a cycle by its label and an empty value as a dash", () => {
    expect(changeLine({ field: "study_year", label: "Année d'études", before: "1", after: "2" }, refs)).toBe("Année d'études 1 → 2");
    expect(changeLine({ field: "cycle", label: "Cycle", before: "", after: "troisieme_cycle" }, refs)).toBe("Cycle — → 3e cycle");
  });
});

describe("printReportText", () => {
  it("says how many sheets went where, or that the print was cancelled", () => {
    const report = { sheets: 1000, files: ["/a/Fiches.pdf"], location: "/a/Fiches.pdf", cancelled: false };
    expect(printReportText(report, "merged")).toBe("1\u202f000 fiches dans /a/Fiches.pdf");
    expect(printReportText({ ...report, sheets: 1, location: "/a/d" }, "folder")).toBe("1 fiche dans /a/d (un fichier par signataire)");
    expect(printReportText({ ...report, cancelled: true, files: [] }, "merged")).toBe("Impression annulée : aucun fichier écrit");
    expect(printReportText({ ...report, cancelled: true, files: ["/a/d/x.pdf", "/a/d/y.pdf"], location: "/a/d" }, "folder")).toBe(
      "Impression annulée : 2 fichiers déjà écrits dans /a/d",
    );
  });
});
