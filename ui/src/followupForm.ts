// Pure logic of the annual follow-up screens (no React), unit-tested in followupForm.test.ts.
// As elsewhere, validation and statuses are the Rust core's; this file only shapes what
// the core says for display.
import type {
  AnswersForm, ContactSettings, FileChange, FormStatus, Labeled, PrintReport, PrintTarget, ReferenceLists,
} from "./bindings";
import { countLabel, labelOf } from "./format";

/** Props of every jj/mm/aaaa text input (as in the other forms). */
export const DATE_PROPS = { placeholder: "jj/mm/aaaa", maxLength: 10, inputMode: "numeric" as const };

/** Years offered by the campaign screens: 2010 to next year, most recent first. */
export function campaignYears(now: Date = new Date()): number[] {
  const last = now.getFullYear() + 1;
  return Array.from({ length: last - 2010 + 1 }, (_, i) => last - i);
}

/** French labels of the returned form's fields, also used in the error summary. */
export const ANSWERS_LABELS: Record<keyof AnswersForm, string> = {
  received_date: "Date de réception",
  signature_date: "Date de signature de la fiche",
  situation: "Situation actuelle",
  study_year: "Année d'études",
  specialty: "Spécialité (DES)",
  subdivision: "Subdivision",
  email: "Courriel",
  phone: "Téléphone",
  address: "Adresse postale",
  project_mode: "Mode d'exercice envisagé",
  project_structure: "Structure d'exercice envisagée",
  project_zone: "Zone d'installation envisagée",
  project_place: "Lieu d'installation envisagé",
  project_date: "Date d'installation envisagée",
  expected_des_date: "Date prévue d'obtention du DES",
  expected_thesis_date: "Date prévue de soutenance de thèse",
  other_aids: "Autres aides perçues ou demandées",
  comments: "Observations",
  missing_note: "Éléments manquants",
};

/** French labels of the contact settings' fields. */
export const CONTACT_LABELS: Record<keyof ContactSettings, string> = {
  service: "Service",
  referent: "Référent(e) signataire",
  address: "Adresse postale",
  email: "Courriel",
  phone: "Téléphone",
  return_days: "Délai de retour (jours)",
};

/** Labels of the bulk actions' fields (and of the other keys the core may name). */
export const BULK_LABELS: Record<string, string> = {
  date: "Date",
  channel: "Moyen d'envoi",
  ids: "Sélection",
  year: "Campagne",
};

/** Label of a field key from a table of labels; the key itself if unknown. */
export function labelFor(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

/** A returned form with nothing typed. */
export function emptyAnswers(): AnswersForm {
  return {
    received_date: "", situation: "", study_year: "", specialty: "", subdivision: "", email: "", phone: "",
    address: "", project_mode: "", project_structure: "", project_zone: "", project_place: "", project_date: "",
    expected_des_date: "", expected_thesis_date: "", other_aids: "", comments: "", signature_date: "",
    missing_note: "",
  };
}

/** The closed lists of the returned form, by field. */
function listOf(refs: ReferenceLists, key: keyof AnswersForm): Labeled[] | null {
  switch (key) {
    case "situation":
      return refs.situations;
    case "project_mode":
      return refs.practice_modes;
    case "project_structure":
      return refs.practice_structures;
    case "project_zone":
      return refs.zone_types;
    default:
      return null;
  }
}

/** Order in which the answers are shown (that of the paper form). */
const ANSWER_ORDER: (keyof AnswersForm)[] = [
  "received_date", "signature_date", "situation", "study_year", "specialty", "subdivision", "email", "phone",
  "address", "project_mode", "project_structure", "project_zone", "project_place", "project_date",
  "expected_des_date", "expected_thesis_date", "other_aids", "comments", "missing_note",
];

/** The answered fields of a form, labelled, closed lists by their French label. */
export function answerLines(a: AnswersForm, refs: ReferenceLists): { key: keyof AnswersForm; label: string; value: string }[] {
  return ANSWER_ORDER.filter((key) => a[key].trim() !== "").map((key) => {
    const list = listOf(refs, key);
    return { key, label: ANSWERS_LABELS[key], value: list ? labelOf(list, a[key]) : a[key] };
  });
}

/** "Année d'études 1 → 2"; a cycle by its label; an empty value as "—". */
export function changeLine(c: FileChange, refs: ReferenceLists): string {
  const show = (v: string) => (v === "" ? "—" : c.field === "cycle" ? labelOf(refs.cycles, v) : v);
  return `${c.label} ${show(c.before)} → ${show(c.after)}`;
}

/** Mantine colour of a form status's badge. */
export function statusColor(s: FormStatus): string {
  switch (s) {
    case "a_envoyer":
      return "gray";
    case "envoyee":
      return "blue";
    case "relancee":
      return "orange";
    case "recue":
      return "cyan";
    case "complete":
      return "green";
    case "incomplete":
      return "red";
  }
}

/** What a batch print produced, in one sentence ("1 000 fiches dans /chemin/Fiches.pdf"). */
export function printReportText(r: PrintReport, target: PrintTarget["kind"]): string {
  if (r.cancelled) {
    if (target === "folder" && r.files.length > 0) {
      return `Impression annulée : ${countLabel(r.files.length, "fichier déjà écrit", "fichiers déjà écrits")} dans ${r.location}`;
    }
    return "Impression annulée : aucun fichier écrit";
  }
  const where = `${countLabel(r.sheets, "fiche", "fiches")} dans ${r.location}`;
  return target === "folder" ? `${where} (un fichier par signataire)` : where;
}
