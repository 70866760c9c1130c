import { describe, expect, it } from "vitest";
import type { Signatory, SignatoryInput } from "./bindings";
import { emptyInput, errorSummary, FIELD_LABELS, fieldErrors, fieldLabel, toInput } from "./signatoryForm";

const signatory: Signatory = {
  id: 42,
  civility: "Mme",
  last_name: "Martin",
  birth_name: "Durand",
  first_names: "Claire Anne",
  birth_date: "1998-07-04",
  email: "claire.martin@example.fr",
  phone: "06 12 34 56 78",
  address: "1 rue de la Paix\n35000 Rennes",
  discipline: "medecine",
  padhue: true,
  ufr: "Rennes",
  subdivision: "Rennes",
  cycle: "troisieme_cycle",
  study_year: 7,
  ecn_year: 2022,
  ecn_rank: 1234,
  specialty: "Médecine générale",
  signature_date: "2021-02-15",
  regime: "r2020",
  managing_body: "cng",
  contract_ref: "CESP-2021-001",
  status: "en_formation",
  notes: "Entretien prévu.",
  created_at: "2024-01-01T10:00:00Z",
  to_complete: [],
  updated_at: "2024-01-02T10:00:00Z",
};

const sparse: Signatory = {
  ...signatory,
  birth_name: null,
  birth_date: null,
  email: null,
  phone: null,
  address: null,
  padhue: false,
  ufr: null,
  subdivision: null,
  cycle: null,
  study_year: null,
  ecn_year: null,
  ecn_rank: null,
  specialty: null,
  signature_date: null,
  regime: null,
  managing_body: null,
  contract_ref: null,
  notes: "",
};

describe("emptyInput", () => {
  it("has every key of SignatoryInput, all blank", () => {
    const input = emptyInput();
    expect(Object.keys(input).sort()).toEqual(Object.keys(FIELD_LABELS).sort());
    for (const [key, value] of Object.entries(input)) {
      if (key === "padhue") expect(value).toBe(false);
      else expect(value).toBe("");
    }
  });
  it("returns a fresh object each time", () => {
    const a = emptyInput();
    a.last_name = "X";
    expect(emptyInput().last_name).toBe("");
  });
});

describe("toInput", () => {
  it("converts dates to jj/mm/aaaa and numbers to strings", () => {
    const expected: SignatoryInput = {
      civility: "Mme",
      last_name: "Martin",
      birth_name: "Durand",
      first_names: "Claire Anne",
      birth_date: "04/07/1998",
      email: "claire.martin@example.fr",
      phone: "06 12 34 56 78",
      address: "1 rue de la Paix\n35000 Rennes",
      discipline: "medecine",
      padhue: true,
      ufr: "Rennes",
      subdivision: "Rennes",
      cycle: "troisieme_cycle",
      study_year: "7",
      ecn_year: "2022",
      ecn_rank: "1234",
      specialty: "Médecine générale",
      signature_date: "15/02/2021",
      managing_body: "cng",
      contract_ref: "CESP-2021-001",
      status: "en_formation",
      notes: "Entretien prévu.",
    };
    expect(toInput(signatory)).toEqual(expected);
  });
  it("turns null into empty strings", () => {
    const input = toInput(sparse);
    expect(input.birth_name).toBe("");
    expect(input.birth_date).toBe("");
    expect(input.signature_date).toBe("");
    expect(input.study_year).toBe("");
    expect(input.ecn_rank).toBe("");
    expect(input.cycle).toBe("");
    expect(input.managing_body).toBe("");
    expect(input.padhue).toBe(false);
  });
  it("keeps the number 0", () => {
    expect(toInput({ ...sparse, ecn_rank: 0 }).ecn_rank).toBe("0");
  });
  it("does not carry id, regime or timestamps", () => {
    const input = toInput(signatory) as Record<string, unknown>;
    expect(input.id).toBeUndefined();
    expect(input.regime).toBeUndefined();
    expect(input.created_at).toBeUndefined();
  });
});

describe("fieldErrors", () => {
  it("maps each field to its message", () => {
    expect(
      fieldErrors({
        kind: "validation",
        fields: [
          { field: "last_name", message: "Le nom est obligatoire." },
          { field: "birth_date", message: "Date invalide : attendu jj/mm/aaaa." },
        ],
      }),
    ).toEqual({
      last_name: "Le nom est obligatoire.",
      birth_date: "Date invalide : attendu jj/mm/aaaa.",
    });
  });
  it("joins several messages for one field", () => {
    expect(
      fieldErrors({
        kind: "validation",
        fields: [
          { field: "email", message: "Courriel invalide." },
          { field: "email", message: "Trop long." },
        ],
      }),
    ).toEqual({ email: "Courriel invalide. Trop long." });
  });
  it("gives nothing for a failure or an empty list", () => {
    expect(fieldErrors({ kind: "failure", message: "La base est verrouillée." })).toEqual({});
    expect(fieldErrors({ kind: "validation", fields: [] })).toEqual({});
  });
});

describe("errorSummary", () => {
  it("uses the singular for one error", () => {
    expect(errorSummary(1)).toBe("Le formulaire contient 1 erreur : rien n'a été enregistré.");
  });
  it("uses the plural from two errors", () => {
    expect(errorSummary(2)).toBe("Le formulaire contient 2 erreurs : rien n'a été enregistré.");
    expect(errorSummary(12)).toBe("Le formulaire contient 12 erreurs : rien n'a été enregistré.");
  });
});

describe("fieldLabel", () => {
  it("gives the French label of a known key", () => {
    expect(fieldLabel("first_names")).toBe("Prénom(s)");
    expect(fieldLabel("ecn_rank")).toBe("Rang ECN/EDN");
  });
  it("falls back to the key", () => {
    expect(fieldLabel("inconnu")).toBe("inconnu");
  });
});
