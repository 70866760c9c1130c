import { describe, expect, it } from "vitest";
import type { SimulateOutput } from "./bindings";
import { NBSP, NNBSP } from "./format";
import {
  emptySuspension, fieldErrors, fromCents, ledgerFieldLabel, rateToInput, removeRowErrors, rowErrors, ruptureLines,
  toCents,
} from "./ledgerForm";
import { refs } from "./test/render";

const eur = (s: string) => `${s.replace(/ /g, NNBSP)}${NBSP}€`;

/** domain.md §6 worked example: medicine, 60 months at 1 106,88 € net, in practice, d = 60, f = 48. */
const worked: SimulateOutput = {
  months_paid: 60,
  gross_total: "72000.00",
  net_total: "66412.80",
  allowance_lines: [{ from: "2015-10-01", months: 60, monthly_gross: "1200.00", monthly_net: "1106.88" }],
  commitment_months: 60,
  commitment_end: "2026-08-31",
  months_served: 48,
  months_remaining: 12,
  warnings: [],
  rupture: { phase: "en_exercice", allocations: "66412.80", penalty: "20000.00", rate: "46.3344", total: "40038.83" },
};

describe("emptySuspension", () => {
  it("is a blank, unpaid row without document", () => {
    expect(emptySuspension()).toEqual({ start: "", end: "", reason: "", paid: false, document_received: false });
    expect(emptySuspension()).not.toBe(emptySuspension());
  });
});

describe("fieldErrors and rowErrors", () => {
  const errors = fieldErrors({
    kind: "validation",
    fields: [
      { field: "allocation_start", message: "A." },
      { field: "suspensions.0.start", message: "Début invalide." },
      { field: "suspensions.0.start", message: "Encore." },
      { field: "suspensions.1", message: "Chevauche la suspension 1." },
      { field: "suspensions.10.end", message: "Fin 11." },
      { field: "practice_suspensions.1.start", message: "P." },
    ],
  });
  it("keeps nested keys as they come, joining several messages", () => {
    expect(errors["suspensions.0.start"]).toBe("Début invalide. Encore.");
    expect(errors["practice_suspensions.1.start"]).toBe("P.");
  });
  it("splits the errors of one row into columns and a whole-row message", () => {
    expect(rowErrors(errors, "suspensions", 0)).toEqual({ fields: { start: "Début invalide. Encore." }, row: undefined });
    expect(rowErrors(errors, "suspensions", 1)).toEqual({ fields: {}, row: "Chevauche la suspension 1." });
    expect(rowErrors(errors, "suspensions", 10)).toEqual({ fields: { end: "Fin 11." }, row: undefined });
    expect(rowErrors(errors, "practice_suspensions", 1).fields).toEqual({ start: "P." });
    expect(rowErrors(errors, "practice_suspensions", 0).fields).toEqual({});
  });
  it("reindexes the errors when a row is deleted", () => {
    expect(removeRowErrors(errors, "suspensions", 0)).toEqual({
      allocation_start: "A.",
      "suspensions.0": "Chevauche la suspension 1.",
      "suspensions.9.end": "Fin 11.",
      "practice_suspensions.1.start": "P.",
    });
  });
  it("labels nested keys in French", () => {
    expect(ledgerFieldLabel("suspensions.0.start")).toBe("Suspension 1 (début)");
    expect(ledgerFieldLabel("suspensions.1")).toBe("Suspension 2");
    expect(ledgerFieldLabel("practice_suspensions.1.start")).toBe("Suspension d'exercice 2 (début)");
    expect(ledgerFieldLabel("rates.0.monthly_gross")).toBe("Barème, ligne 1 (brut mensuel)");
    expect(ledgerFieldLabel("allocation_start")).toBe("Début de l'allocation");
    expect(ledgerFieldLabel("rupture_date")).toBe("Date de rupture");
    expect(ledgerFieldLabel("inconnu")).toBe("inconnu");
  });
});

describe("cents", () => {
  it("converts decimal strings exactly", () => {
    expect(toCents("1106.88")).toBe(110688n);
    expect(toCents("2000")).toBe(200000n);
    expect(toCents("0.5")).toBe(50n);
    expect(toCents("1.234")).toBeNull();
    expect(toCents(null)).toBeNull();
    expect(fromCents(6641280n)).toBe("66412.80");
    expect(fromCents(-5n)).toBe("-0.05");
  });
});

describe("rateToInput", () => {
  it("shows the core's amounts with a decimal comma", () => {
    expect(rateToInput({ from: "01/01/2010", monthly_gross: "1200.00", monthly_net: "1106.88" })).toEqual({
      from: "01/01/2010",
      monthly_gross: "1200,00",
      monthly_net: "1106,88",
    });
  });
});

describe("ruptureLines", () => {
  it("explains the worked example line by line", () => {
    const lines = ruptureLines(worked, refs);
    expect(lines).toEqual([
      { label: "Phase", detail: "En exercice", amount: "" },
      { label: "Allocations nettes perçues", detail: `60 mois × ${eur("1 106,88")} net`, amount: eur("66 412,80") },
      { label: "Pénalité", detail: `forfait de ${eur("20 000")}`, amount: eur("20 000,00") },
      { label: "Taux dégressif", detail: "engagement dû 60 mois, 48 mois effectués", amount: `46,3344${NBSP}%` },
      { label: "Total dû", detail: "(allocations + pénalité) × taux", amount: eur("40 038,83") },
    ]);
  });

  it("explains the penalty and the rate before the diploma", () => {
    const out: SimulateOutput = {
      ...worked,
      months_paid: 8,
      allowance_lines: [{ from: "2019-10-01", months: 8, monthly_gross: "1200.00", monthly_net: "1106.88" }],
      months_served: 0,
      rupture: { phase: "avant_diplome", allocations: "8855.04", penalty: "2000.00", rate: "100.0000", total: "10855.04" },
    };
    const lines = ruptureLines(out, refs);
    expect(lines[0]!.detail).toBe("Avant le diplôme");
    expect(lines[1]!.detail).toBe(`8 mois × ${eur("1 106,88")} net`);
    expect(lines[2]!.detail).toBe(`200${NBSP}€ × 8 mois, ${eur("2 000")} minimum`);
    expect(lines[3]).toEqual({ label: "Taux dégressif", detail: `100${NBSP}% (avant l'installation)`, amount: `100,0000${NBSP}%` });
  });

  it("details each amount in force when the rate table changed on the way", () => {
    const out: SimulateOutput = {
      ...worked,
      allowance_lines: [
        { from: "2015-10-01", months: 30, monthly_gross: "1200.00", monthly_net: "1106.88" },
        { from: "2018-04-01", months: 30, monthly_gross: "1300.00", monthly_net: "1199.12" },
      ],
      rupture: { ...worked.rupture!, allocations: "69180.00" },
    };
    expect(ruptureLines(out, refs)[1]!.detail).toBe(`30 mois × ${eur("1 106,88")} + 30 mois × ${eur("1 199,12")} net`);
  });

  it("is empty without a rupture", () => {
    expect(ruptureLines({ ...worked, rupture: undefined }, refs)).toEqual([]);
    expect(ruptureLines({ ...worked, rupture: null }, refs)).toEqual([]);
  });
});
