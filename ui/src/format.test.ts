import { describe, expect, it } from "vitest";
import {
  countLabel, formatCount, formatDateFr, formatEuros, formatPercent, fullName, labelOf, NBSP, NNBSP, plural, sheetFileName,
  todayFr,
} from "./format";

describe("formatDateFr", () => {
  it("turns aaaa-mm-jj into jj/mm/aaaa", () => {
    expect(formatDateFr("2024-03-05")).toBe("05/03/2024");
    expect(formatDateFr("1999-12-31")).toBe("31/12/1999");
  });
  it("keeps only the date of a date-time", () => {
    expect(formatDateFr("2024-03-05T10:20:30Z")).toBe("05/03/2024");
  });
  it("gives an empty string for null, undefined and empty", () => {
    expect(formatDateFr(null)).toBe("");
    expect(formatDateFr(undefined)).toBe("");
    expect(formatDateFr("")).toBe("");
  });
  it("leaves anything else unchanged", () => {
    expect(formatDateFr("05/03/2024")).toBe("05/03/2024");
    expect(formatDateFr("n'importe quoi")).toBe("n'importe quoi");
  });
});

describe("formatCount", () => {
  it("groups thousands with a narrow no-break space", () => {
    expect(NNBSP).toBe("\u202f");
    expect(formatCount(1234)).toBe("1\u202f234");
    expect(formatCount(1234567)).toBe("1\u202f234\u202f567");
  });
  it("does not group below 1 000", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(7)).toBe("7");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1000)).toBe("1\u202f000");
  });
  it("handles negatives", () => {
    expect(formatCount(-12345)).toBe("-12\u202f345");
  });
  it("never uses a plain space", () => {
    expect(formatCount(123456789)).not.toContain(" ");
  });
});

describe("plural and countLabel", () => {
  it("uses the singular for 0 and 1, as French does", () => {
    expect(plural(0, "erreur", "erreurs")).toBe("erreur");
    expect(plural(1, "erreur", "erreurs")).toBe("erreur");
    expect(plural(2, "erreur", "erreurs")).toBe("erreurs");
  });
  it("formats a count with its noun", () => {
    expect(countLabel(1234, "signataire", "signataires")).toBe("1\u202f234 signataires");
    expect(countLabel(1, "signataire", "signataires")).toBe("1 signataire");
    expect(countLabel(0, "signataire", "signataires")).toBe("0 signataire");
  });
});

describe("labelOf", () => {
  const statuses = [
    { value: "en_formation", label: "En formation" },
    { value: "installe", label: "Installé" },
  ];
  it("finds the French label", () => {
    expect(labelOf(statuses, "installe")).toBe("Installé");
  });
  it("falls back to the raw value when unknown", () => {
    expect(labelOf(statuses, "rompu")).toBe("rompu");
  });
  it("gives an empty string for null or empty", () => {
    expect(labelOf(statuses, null)).toBe("");
    expect(labelOf(statuses, "")).toBe("");
  });
});

describe("formatEuros", () => {
  it("groups the integer part, uses a decimal comma and a no-break space before €", () => {
    expect(formatEuros("66412.80")).toBe("66\u202f412,80\u00a0€");
    expect(formatEuros("1200.00")).toBe("1\u202f200,00\u00a0€");
    expect(formatEuros("40038.83")).toBe(`40${NNBSP}038,83${NBSP}€`);
    expect(formatEuros("1234567.05")).toBe(`1${NNBSP}234${NNBSP}567,05${NBSP}€`);
  });
  it("never goes through a float", () => {
    expect(formatEuros("12345678901234567.89")).toBe(`12${NNBSP}345${NNBSP}678${NNBSP}901${NNBSP}234${NNBSP}567,89${NBSP}€`);
    expect(formatEuros("0.10")).toBe(`0,10${NBSP}€`);
  });
  it("pads to two decimals, keeps the sign", () => {
    expect(formatEuros("2000")).toBe(`2${NNBSP}000,00${NBSP}€`);
    expect(formatEuros("999.5")).toBe(`999,50${NBSP}€`);
    expect(formatEuros("-1106.88")).toBe(`-1${NNBSP}106,88${NBSP}€`);
  });
  it("gives '' for null/empty and leaves anything else unchanged", () => {
    expect(formatEuros(null)).toBe("");
    expect(formatEuros("")).toBe("");
    expect(formatEuros("abc")).toBe("abc");
  });
});

describe("formatPercent", () => {
  it("keeps the decimals given, with a decimal comma", () => {
    expect(formatPercent("46.3344")).toBe(`46,3344${NBSP}%`);
    expect(formatPercent("100.0000")).toBe(`100,0000${NBSP}%`);
    expect(formatPercent("100")).toBe(`100${NBSP}%`);
    expect(formatPercent(null)).toBe("");
  });
});

describe("todayFr", () => {
  it("formats a local date as jj/mm/aaaa", () => {
    expect(todayFr(new Date(2025, 0, 5))).toBe("05/01/2025");
    expect(todayFr(new Date(2024, 11, 31))).toBe("31/12/2024");
  });
});

describe("fullName", () => {
  it("puts the last name in capitals before the first names", () => {
    expect(fullName("Le Gall", "Léa Marie")).toBe("LE GALL Léa Marie");
    expect(fullName("Lefèvre", "Hélène")).toBe("LEFÈVRE Hélène");
  });
});

describe("sheetFileName", () => {
  it("names the file as the core names the files of a batch", () => {
    expect(sheetFileName("Lefèvre", "Hélène", 2026)).toBe("LEFEVRE_Helene_2026.pdf");
    expect(sheetFileName("D'Almeida", "Jean-Noël", 2026)).toBe("D-ALMEIDA_Jean-Noel_2026.pdf");
    expect(sheetFileName("Œuvray", "Zoë Ænéas", 2026)).toBe("OEUVRAY_Zoe-AEneas_2026.pdf");
    expect(sheetFileName("  ", "", 2026)).toBe("SANS-NOM_Sans-prenom_2026.pdf");
    expect(sheetFileName("N/A:*?\"<>|", "..", 2026)).toBe("N-A_Sans-prenom_2026.pdf");
  });
});
