// Form helpers of the "Entretiens" and "Installation" tabs: empty rows, labels of the
// fields (for the error summary), and row removal that keeps the other rows' errors.
import type { ActionForm, DeclarationForm, InterviewForm, PlaceForm } from "./bindings";

export function emptyAction(): ActionForm {
  return { text: "", due_date: "", done_date: "" };
}

export function emptyInterview(date: string): InterviewForm {
  return { date, mode: "", reason: "", attendees: "", report: "", actions: [] };
}

export function emptyPlace(): PlaceForm {
  return {
    address: "", insee: "", commune: "", mode: "", sector: "", structure: "", half_days: "", start_date: "",
    end_date: "",
  };
}

export function emptyDeclaration(date: string): DeclarationForm {
  return {
    declaration_date: date, practice_start: "", des_certificate_date: "", contracts_date: "", notes: "",
    places: [emptyPlace()],
  };
}

export const INTERVIEW_LABELS: Record<string, string> = {
  date: "Date de l'entretien",
  mode: "Modalité",
  reason: "Motif",
  attendees: "Participants",
  report: "Compte rendu",
  actions: "Suites à donner",
  text: "action",
  due_date: "échéance",
  done_date: "faite le",
};

export const DECLARATION_LABELS: Record<string, string> = {
  declaration_date: "Date de la déclaration",
  practice_start: "Début d'exercice",
  des_certificate_date: "Attestation de DES reçue le",
  contracts_date: "Contrat(s) de travail reçu(s) le",
  notes: "Notes",
  places: "Lieux d'exercice",
  insee: "commune (code INSEE)",
  commune: "nom de la commune",
  address: "adresse",
  mode: "mode d'exercice",
  sector: "secteur",
  structure: "structure",
  half_days: "demi-journées par semaine",
  start_date: "début dans ce lieu",
  end_date: "fin dans ce lieu",
};

/** "actions.1.due_date" → "Suites à donner, ligne 2 : échéance"; "date" → "Date de l'entretien". */
export function rowFieldLabel(labels: Record<string, string>, listKey: string, key: string): string {
  const parts = key.split(".");
  if (parts.length === 3 && parts[0] === listKey) {
    const n = Number(parts[1]) + 1;
    return `${labels[listKey] ?? listKey}, ligne ${n} : ${labels[parts[2]!] ?? parts[2]}`;
  }
  return labels[key] ?? key;
}

/** The errors once row `index` of `listKey` is removed: later rows move up by one. */
export function withoutRow(errors: Record<string, string>, listKey: string, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const parts = k.split(".");
    if (parts.length === 3 && parts[0] === listKey) {
      const i = Number(parts[1]);
      if (i === index) continue;
      out[i > index ? `${listKey}.${i - 1}.${parts[2]}` : k] = v;
    } else {
      out[k] = v;
    }
  }
  return out;
}

/** Liberal, mixed and replacement practice have a conventional sector. */
export function hasSector(mode: string): boolean {
  return mode === "liberal" || mode === "mixte" || mode === "remplacement";
}

export function zoneColor(zone: string): string {
  switch (zone) {
    case "zip":
      return "green";
    case "zac":
      return "teal";
    case "hors_zone":
      return "red";
    default:
      return "orange";
  }
}
