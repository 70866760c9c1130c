// Pure logic of the signatory form (no React), unit-tested in signatoryForm.test.ts.
// Validation itself is NOT here: the Rust core is the single source of truth and
// answers with one French message per invalid field.
import type { CommandError, Signatory, SignatoryInput } from "./bindings";
import { formatDateFr, plural } from "./format";

/** A blank form: every text field "", PADHUE unchecked. */
export function emptyInput(): SignatoryInput {
  return {
    civility: "",
    last_name: "",
    birth_name: "",
    first_names: "",
    birth_date: "",
    email: "",
    phone: "",
    address: "",
    discipline: "",
    padhue: false,
    ufr: "",
    subdivision: "",
    cycle: "",
    study_year: "",
    ecn_year: "",
    ecn_rank: "",
    specialty: "",
    signature_date: "",
    managing_body: "",
    contract_ref: "",
    status: "",
    notes: "",
  };
}

const str = (v: string | null | undefined): string => v ?? "";
const num = (v: number | null | undefined): string => (v == null ? "" : String(v));

/** A saved signatory as the strings the form edits: dates as jj/mm/aaaa, numbers as text, null as "". */
export function toInput(s: Signatory): SignatoryInput {
  return {
    civility: str(s.civility),
    last_name: s.last_name,
    birth_name: str(s.birth_name),
    first_names: s.first_names,
    birth_date: formatDateFr(s.birth_date),
    email: str(s.email),
    phone: str(s.phone),
    address: str(s.address),
    discipline: s.discipline,
    padhue: s.padhue,
    ufr: str(s.ufr),
    subdivision: str(s.subdivision),
    cycle: str(s.cycle),
    study_year: num(s.study_year),
    ecn_year: num(s.ecn_year),
    ecn_rank: num(s.ecn_rank),
    specialty: str(s.specialty),
    signature_date: formatDateFr(s.signature_date),
    managing_body: str(s.managing_body),
    contract_ref: str(s.contract_ref),
    status: s.status,
    notes: s.notes,
  };
}

/** field key → message, for Mantine's `error` prop. Several messages for one
 *  field are joined; a "failure" error has no field errors. */
export function fieldErrors(error: CommandError): Record<string, string> {
  const out: Record<string, string> = {};
  if (error.kind !== "validation") return out;
  for (const { field, message } of error.fields) {
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}

/** Text of the summary alert shown above the form. */
export function errorSummary(count: number): string {
  return `Le formulaire contient ${count} ${plural(count, "erreur", "erreurs")} : rien n'a été enregistré.`;
}

/** French labels of the form fields, also used in the error summary list. */
export const FIELD_LABELS: Record<keyof SignatoryInput, string> = {
  civility: "Civilité",
  last_name: "Nom",
  birth_name: "Nom de naissance",
  first_names: "Prénom(s)",
  birth_date: "Date de naissance",
  email: "Courriel",
  phone: "Téléphone",
  address: "Adresse postale",
  discipline: "Discipline",
  padhue: "PADHUE",
  ufr: "UFR",
  subdivision: "Subdivision",
  cycle: "Cycle",
  study_year: "Année d'études",
  ecn_year: "Année ECN/EDN",
  ecn_rank: "Rang ECN/EDN",
  specialty: "Spécialité (DES)",
  signature_date: "Date de signature",
  managing_body: "Organisme gestionnaire",
  contract_ref: "Référence du contrat",
  status: "Statut",
  notes: "Notes",
};

/** Label for a field key coming from the core; the key itself if unknown. */
export function fieldLabel(key: string): string {
  return (FIELD_LABELS as Record<string, string>)[key] ?? key;
}
