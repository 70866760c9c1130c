// DEV ONLY: an in-memory fake of the Rust commands so that `npm run dev` can be
// used in a plain browser (no Tauri). main.tsx loads it only when
// import.meta.env.DEV is true and no Tauri runtime is present, so it is never
// in the production bundle. Its checks are a rough imitation, not the real rules.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import type {
  AllowanceRateForm, AnswersForm, AppInfo, BulkInput, BulkResult, CampaignDatesForm, CampaignPage, CampaignQuery, LetterKind, LetterKindView, TemplateView, CampaignRow, ColumnChoice,
  CommandError, ContactSettings, ContractEndInput, ContractEndView, FieldOption, FileChange, FormStatus, FormView,
  ImportInput, ImportPreview, ImportProgress, LedgerForm, LedgerView, ListQuery, Page, PrintProgress, PrintReport, PrintTarget,
  RecordOutcome, ReferenceLists, ReminderView, RowPreview, RowProblem, SendChannel, Signatory, SignatoryInput,
  SignatoryRow, SimulateOutput,
} from "../bindings";
import { sheetFileName } from "../format";

const refs: ReferenceLists = {
  civilities: [{ value: "M", label: "M." }, { value: "Mme", label: "Mme" }],
  disciplines: [
    { value: "medecine", label: "Médecine" }, { value: "odontologie", label: "Odontologie" },
    { value: "maieutique", label: "Maïeutique" }, { value: "pharmacie", label: "Pharmacie" },
  ],
  statuses: [
    { value: "candidat", label: "Candidat" }, { value: "en_formation", label: "En formation" },
    { value: "suspendu", label: "Suspendu" }, { value: "diplome", label: "Diplômé" },
    { value: "installe", label: "Installé" }, { value: "engagement_termine", label: "Engagement terminé" },
    { value: "rompu", label: "Rompu" }, { value: "resilie", label: "Résilié" },
    { value: "decede_ou_inaptitude", label: "Décès ou inaptitude" },
  ],
  cycles: [{ value: "deuxieme_cycle", label: "2e cycle" }, { value: "troisieme_cycle", label: "3e cycle" }],
  managing_bodies: [{ value: "cng", label: "CNG" }, { value: "asp", label: "ASP" }],
  regimes: [
    { value: "r2010", label: "2010" }, { value: "r2013", label: "2013" },
    { value: "r2020", label: "2020" }, { value: "r2026", label: "2026" },
  ],
  suspension_reasons: [
    { value: "maternite", label: "Congé de maternité" },
    { value: "paternite", label: "Congé de paternité" },
    { value: "adoption", label: "Congé d'adoption" },
    { value: "maladie", label: "Maladie" },
    { value: "accident", label: "Accident survenu pendant la formation" },
    { value: "disponibilite", label: "Disponibilité (conjoint ou enfant malade)" },
    { value: "convenance_personnelle", label: "Convenance personnelle (interne)" },
    { value: "autre", label: "Autre motif" },
  ],
  contract_end_kinds: [
    { value: "rupture", label: "Rupture (remboursement et pénalité)" },
    { value: "resiliation", label: "Résiliation par l'organisme gestionnaire" },
    { value: "sans_remboursement", label: "Fin sans remboursement (décès ou inaptitude définitive)" },
  ],
  rupture_phases: [
    { value: "avant_diplome", label: "Avant le diplôme" },
    { value: "apres_diplome", label: "Après le diplôme, avant l'installation" },
    { value: "en_exercice", label: "En exercice" },
  ],
  channels: [
    { value: "courrier", label: "Courrier" }, { value: "courriel", label: "Courriel" },
    { value: "main_propre", label: "Remise en main propre" }, { value: "telephone", label: "Téléphone" },
  ],
  situations: [
    { value: "deuxieme_cycle", label: "Étudiant en 2e cycle" }, { value: "troisieme_cycle", label: "Interne (3e cycle)" },
    { value: "suspendu", label: "Formation ou allocation suspendue" },
    { value: "diplome_non_installe", label: "Diplômé, pas encore installé" },
    { value: "installe", label: "Installé (en exercice)" }, { value: "autre", label: "Autre situation" },
  ],
  practice_modes: [
    { value: "liberal", label: "Libéral (secteur 1)" }, { value: "salarie", label: "Salarié" },
    { value: "mixte", label: "Mixte (libéral et salarié)" }, { value: "remplacement", label: "Remplacement" },
    { value: "indecis", label: "Pas encore décidé" },
  ],
  practice_structures: [
    { value: "cabinet_individuel", label: "Cabinet individuel" }, { value: "cabinet_groupe", label: "Cabinet de groupe" },
    { value: "msp", label: "Maison de santé pluriprofessionnelle (MSP)" }, { value: "centre_sante", label: "Centre de santé" },
    { value: "etablissement", label: "Établissement de santé (hors CHU)" },
    { value: "pmi", label: "Protection maternelle et infantile (PMI)" },
    { value: "cpts", label: "Communauté professionnelle territoriale de santé (CPTS)" },
    { value: "autre", label: "Autre structure" }, { value: "indecis", label: "Pas encore décidé" },
  ],
  zone_types: [
    { value: "zip", label: "Zone d'intervention prioritaire (ZIP)" }, { value: "zac", label: "Zone d'action complémentaire (ZAC)" },
    { value: "hors_zone", label: "Hors zone sous-dotée" }, { value: "indecis", label: "Ne sait pas encore" },
  ],
  form_statuses: [
    { value: "a_envoyer", label: "À envoyer" }, { value: "envoyee", label: "Envoyée" },
    { value: "relancee", label: "Relancée" }, { value: "recue", label: "Reçue (à saisir)" },
    { value: "complete", label: "Complète et signée" }, { value: "incomplete", label: "Incomplète" },
  ],
  interview_modes: [
    { value: "ars", label: "À l'ARS" },
    { value: "telephone", label: "Par téléphone" },
    { value: "visio", label: "En visioconférence" },
  ],
  interview_reasons: [
    { value: "premiere_annee", label: "Première année après la signature" },
    { value: "avant_ecn", label: "Avant les ECN/EDN" },
    { value: "annuel_troisieme_cycle", label: "Entretien annuel du 3e cycle" },
    { value: "avant_installation", label: "Année précédant l'installation" },
    { value: "sur_demande", label: "À la demande du signataire ou de l'ARS" },
    { value: "convocation_suspendu", label: "Convocation annuelle (interne suspendu)" },
  ],
  place_modes: [
    { value: "liberal", label: "Libéral" },
    { value: "salarie", label: "Salarié" },
    { value: "mixte", label: "Mixte (libéral et salarié)" },
    { value: "remplacement", label: "Remplacement" },
  ],
  decisions: [
    { value: "retenu", label: "Retenu" },
    { value: "liste_attente", label: "Liste d'attente" },
    { value: "non_retenu", label: "Non retenu" },
  ],
  ars_validation_rules: [
    { value: "jamais", label: "Jamais" },
    { value: "medecine_generale", label: "Pour la médecine générale" },
    { value: "autres_specialites", label: "Pour les spécialités autres que la médecine générale" },
    { value: "toujours", label: "Toujours" },
  ],
  sectors: [
    { value: "secteur_1", label: "Secteur 1" },
    { value: "secteur_2", label: "Secteur 2" },
    { value: "non_conventionne", label: "Non conventionné" },
  ],
  regions: ["Bretagne", "Centre-Val de Loire", "Normandie", "Occitanie"],
  specialties: [
    { discipline: "medecine", name: "Médecine générale" }, { discipline: "medecine", name: "Psychiatrie" },
    { discipline: "medecine", name: "Pédiatrie" }, { discipline: "odontologie", name: "Orthopédie dento-faciale" },
  ],
};

let info: AppInfo = { version: "0.0.0-dev", db_path: "/home/referent/.local/share/suivi-cesp/cesp.sqlite", region: "", first_launch: true, signatory_count: 0 };
const store: Signatory[] = [];

const NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre", "Le Gall"];
const FIRST = ["Claire", "Léa", "Hugo", "Louis", "Camille", "Chloé", "Jules", "Inès"];

function fromInput(id: number, i: SignatoryInput): Signatory {
  const iso = (d: string) => (/^(\d{2})\/(\d{2})\/(\d{4})$/.test(d) ? d.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, "$3-$2-$1") : d || null);
  const n = (s: string) => (s === "" ? null : Number(s));
  const o = (s: string) => (s === "" ? null : s);
  const sig = iso(i.signature_date);
  const year = sig ? Number(sig.slice(0, 4)) : null;
  return {
    id, civility: (i.civility || null) as Signatory["civility"], last_name: i.last_name, birth_name: o(i.birth_name),
    first_names: i.first_names, birth_date: iso(i.birth_date), email: o(i.email), phone: o(i.phone), address: o(i.address),
    discipline: i.discipline as Signatory["discipline"], padhue: i.padhue, ufr: o(i.ufr), subdivision: o(i.subdivision),
    cycle: o(i.cycle) as Signatory["cycle"], study_year: n(i.study_year), ecn_year: n(i.ecn_year), ecn_rank: n(i.ecn_rank),
    specialty: o(i.specialty), signature_date: sig,
    regime: year == null ? null : year >= 2026 ? "r2026" : year >= 2020 ? "r2020" : year >= 2014 ? "r2013" : "r2010",
    managing_body: o(i.managing_body) as Signatory["managing_body"], contract_ref: o(i.contract_ref),
    status: i.status as Signatory["status"], notes: i.notes, to_complete: i.civility ? [] : ["civilité"],
    created_at: "", updated_at: "",
  };
}

function check(i: SignatoryInput): void {
  const fields: { field: string; message: string }[] = [];
  if (!i.last_name.trim()) fields.push({ field: "last_name", message: "Le nom est obligatoire." });
  if (!i.first_names.trim()) fields.push({ field: "first_names", message: "Le prénom est obligatoire." });
  if (!i.discipline) fields.push({ field: "discipline", message: "La discipline est obligatoire." });
  if (!i.status) fields.push({ field: "status", message: "Le statut est obligatoire." });
  for (const k of ["birth_date", "signature_date"] as const)
    if (i[k] && !/^\d{2}\/\d{2}\/\d{4}$/.test(i[k])) fields.push({ field: k, message: "Date invalide : saisir jj/mm/aaaa." });
  if (fields.length) throw { kind: "validation", fields } satisfies CommandError;
}

function demo(count: number) {
  for (let k = 0; k < count; k++) {
    const statuses = refs.statuses.map((s) => s.value);
    store.push(fromInput(store.length + 1, {
      civility: k % 2 ? "M" : "Mme", last_name: NAMES[k % NAMES.length]!, birth_name: k % 7 === 0 ? "Durand" : "",
      first_names: FIRST[k % FIRST.length]!, birth_date: "", email: `signataire.${k + 1}@example.org`,
      phone: `06 39 98 ${String(10 + (k % 90))} ${String(10 + ((k * 7) % 90))}`, address: "",
      discipline: k % 5 === 0 ? "odontologie" : "medecine", padhue: false, ufr: ["Rennes", "Brest", "Tours"][k % 3]!,
      subdivision: "Rennes", cycle: k % 4 === 0 ? "deuxieme_cycle" : "troisieme_cycle", study_year: String(1 + (k % 4)),
      ecn_year: "", ecn_rank: "",
      specialty: k % 3 === 0 ? "Médecine générale" : "", signature_date: `15/02/${2011 + (k % 15)}`, managing_body: "cng",
      contract_ref: "", status: statuses[k % statuses.length]!, notes: "",
    }));
  }
  seedFollowup();
}

function list(q: ListQuery): Page {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const needle = fold(q.search.trim());
  const rows: SignatoryRow[] = store
    .filter((s) => !needle || fold(`${s.last_name} ${s.first_names} ${s.birth_name ?? ""}`).includes(needle))
    .filter((s) => (q.status ? s.status === q.status : true) && (q.discipline ? s.discipline === q.discipline : true))
    .map((s) => ({
      id: s.id, last_name: s.last_name, birth_name: s.birth_name, first_names: s.first_names, discipline: s.discipline,
      signature_year: s.signature_date ? Number(s.signature_date.slice(0, 4)) : null, status: s.status,
      specialty: s.specialty, ufr: s.ufr,
    }));
  const key = (r: SignatoryRow) => String(q.sort === "name" ? `${r.last_name} ${r.first_names}` : (r[q.sort] ?? ""));
  rows.sort((a, b) => key(a).localeCompare(key(b), "fr") * (q.descending ? -1 : 1));
  return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
}

// --- Contract and allowance (rough: floats, no suspension rules) ------------------------
let rates: AllowanceRateForm[] = [{ from: "01/01/2010", monthly_gross: "1200.00", monthly_net: "1106.88" }];
const ledgers = new Map<number, LedgerForm>();
const ends = new Map<number, ContractEndView>();
const emptyLedger = (): LedgerForm => ({
  allocation_start: "", allocation_end: "", intern_start: "", definitive_request: "", diploma_date: "",
  practice_start: "", suspensions: [], practice_suspensions: [],
});
const parseFr = (d: string): Date | null => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(d.trim());
  return m ? new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1])) : null;
};
const isoOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const monthsFrom = (a: Date, b: Date) => Math.max(0, (b.getFullYear() - a.getFullYear()) * 12 + b.getMonth() - a.getMonth() + 1);
const money = (x: number) => x.toFixed(2);

function compute(id: number, at: Date | null): SimulateOutput | null {
  const f = ledgers.get(id) ?? emptyLedger();
  const start = parseFr(f.allocation_start);
  if (!start) return null;
  const now = at ?? new Date();
  const end = parseFr(f.allocation_end);
  const cutoff = end && end < now ? end : now;
  const paid = monthsFrom(start, cutoff);
  const rate = rates[rates.length - 1]!;
  const net = paid * Number(rate.monthly_net);
  const commitment = Math.max(24, paid);
  const practice = parseFr(f.practice_start);
  const commitmentEnd = practice
    ? new Date(practice.getFullYear(), practice.getMonth() + commitment, practice.getDate() - 1)
    : null;
  const served = practice && practice <= now ? monthsFrom(practice, now) - 1 : 0;
  const out: SimulateOutput = {
    months_paid: paid, gross_total: money(paid * Number(rate.monthly_gross)), net_total: money(net),
    allowance_lines: paid > 0
      ? [{ from: isoOf(new Date(start.getFullYear(), start.getMonth(), 1)), months: paid, monthly_gross: rate.monthly_gross, monthly_net: rate.monthly_net }]
      : [],
    commitment_months: commitment, commitment_end: commitmentEnd ? isoOf(commitmentEnd) : null, months_served: served,
    months_remaining: practice ? Math.max(0, commitment - served) : null, warnings: [],
  };
  if (at) {
    const diploma = parseFr(f.diploma_date);
    const phase = practice && practice <= at ? "en_exercice" : diploma && diploma <= at ? "apres_diplome" : "avant_diplome";
    const penalty = phase === "avant_diplome" ? Math.max(2000, 200 * paid) : 20000;
    const pct = phase === "en_exercice" && served > 36 ? 100 - Math.min(100, 120 * Math.sqrt((served - 36) / commitment)) : 100;
    out.rupture = { phase, allocations: money(net), penalty: money(penalty), rate: pct.toFixed(4), total: money(((net + penalty) * pct) / 100) };
  }
  return out;
}

function ledgerView(id: number): LedgerView {
  const rate = rates[rates.length - 1]!;
  const form = ledgers.get(id) ?? emptyLedger();
  const computation = compute(id, null);
  return {
    form, computation, definitive: null, contract_end: ends.get(id) ?? null,
    monthly_gross: computation ? rate.monthly_gross : null, monthly_net: computation ? rate.monthly_net : null,
    warnings: computation ? ["Données fictives (npm run dev) : calcul approximatif."] : [],
  };
}

function checkDates(prefix: string, entries: [string, string][]): { field: string; message: string }[] {
  return entries
    .filter(([, v]) => v.trim() !== "" && !parseFr(v))
    .map(([k, v]) => ({ field: `${prefix}${k}`, message: `Date invalide « ${v} » : attendu jj/mm/aaaa.` }));
}

// --- Annual follow-up (rough imitation of the core's rules) -----------------------------
type FormRec = {
  sent_date: string | null; sent_channel: SendChannel | null; reminders: ReminderView[]; received_date: string | null;
  complete: boolean | null; missing: string[]; answers: AnswersForm; applied_fields: string[];
};
const forms = new Map<string, FormRec>();
const formKey = (id: number, year: number) => `${id}:${year}`;
const campaignDates = new Map<number, CampaignDatesForm>();
const MOCK_LETTER_KINDS: LetterKindView[] = [
  { kind: "envoi", label: "Courrier d'envoi de la fiche de suivi", with_sheet: true, recipients: "Destinataires : tous les signataires de la campagne." },
  { kind: "relance", label: "Relance : fiche de suivi non retournée", with_sheet: true, recipients: "Destinataires : les fiches non reçues." },
  { kind: "convocation", label: "Convocation à un entretien", with_sheet: false, recipients: "Destinataires : les entretiens à tenir." },
  { kind: "installation", label: "Rappel : déclarer le lieu d'exercice", with_sheet: false, recipients: "Destinataires : les diplômés non installés." },
];
const letterTemplates = new Map<LetterKind, TemplateView>();
const mockTemplate = (kind: LetterKind, text: string, is_default: boolean): TemplateView => ({
  kind, medium: "courrier", label: MOCK_LETTER_KINDS.find((k) => k.kind === kind)?.label ?? kind, text, is_default,
  fields: [{ name: "formule", description: "Formule d'appel", example: "Madame," }],
});
let privacyNotice = "";
const DEFAULT_PRIVACY_NOTICE =
  "Protection des données personnelles. L'ARS (son directeur général) est responsable du traitement de ces informations (texte par défaut, fictif en mode démonstration).";

let contact: ContactSettings = {
  service: "Suivi des signataires du CESP — Direction de l'offre de soins", referent: "Camille Exemple",
  address: "ARS (fictive)\n1 rue de l'Exemple\n35000 Rennes", email: "ars-cesp@example.org", phone: "02 99 00 00 00",
  return_days: "30",
};
let printCancelled = false;
const FOLLOWED = ["en_formation", "suspendu", "diplome", "installe"];
const emptyAnswers = (): AnswersForm => ({
  received_date: "", situation: "", study_year: "", specialty: "", subdivision: "", email: "", phone: "", address: "",
  project_mode: "", project_structure: "", project_zone: "", project_place: "", project_date: "", expected_des_date: "",
  expected_thesis_date: "", other_aids: "", comments: "", signature_date: "", missing_note: "",
});
const nameOf = (s: Signatory) => `${s.last_name.toUpperCase()} ${s.first_names}`;
const frOf = (iso: string | null) => (iso ? iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, "$3/$2/$1") : "");
const validation = (fields: { field: string; message: string }[]) => {
  if (fields.length) throw { kind: "validation", fields } satisfies CommandError;
};

function inCampaign(s: Signatory, year: number): boolean {
  if (forms.has(formKey(s.id, year))) return true;
  return FOLLOWED.includes(s.status) && (!s.signature_date || Number(s.signature_date.slice(0, 4)) <= year);
}

function formStatus(f: FormRec | undefined): FormStatus {
  if (!f) return "a_envoyer";
  if (f.received_date) return f.complete === true ? "complete" : f.complete === false ? "incomplete" : "recue";
  return f.reminders.length ? "relancee" : f.sent_date ? "envoyee" : "a_envoyer";
}

function campaignMembers(year: number, status: FormStatus | null, search: string): Signatory[] {
  const fold = (x: string) => x.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const needle = fold(search.trim());
  return store
    .filter((s) => inCampaign(s, year))
    .filter((s) => !needle || fold(`${s.last_name} ${s.first_names}`).includes(needle))
    .filter((s) => !status || formStatus(forms.get(formKey(s.id, year))) === status)
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b), "fr"));
}

function campaign(q: CampaignQuery): CampaignPage {
  const all = campaignMembers(q.year, null, q.search);
  const lines = q.form_status ? all.filter((s) => formStatus(forms.get(formKey(s.id, q.year))) === q.form_status) : all;
  const counts = refs.form_statuses.map((x) => ({
    status: x.value as FormStatus,
    count: all.filter((s) => formStatus(forms.get(formKey(s.id, q.year))) === x.value).length,
  }));
  const rows: CampaignRow[] = lines.slice(q.offset, q.offset + q.limit).map((s) => {
    const f = forms.get(formKey(s.id, q.year));
    const cycle = s.cycle ? refs.cycles.find((c) => c.value === s.cycle)!.label : "";
    const studies = [cycle, s.study_year ? `${s.study_year}${s.study_year === 1 ? "re" : "e"} année` : ""].filter(Boolean).join(", ");
    return {
      signatory_id: s.id, last_name: s.last_name, first_names: s.first_names, discipline: s.discipline, status: s.status,
      studies, specialty: s.specialty, form_status: formStatus(f), sent_date: f?.sent_date ?? null,
      sent_channel: f?.sent_channel ?? null, reminders: f?.reminders.map((r) => r.date) ?? [],
      received_date: f?.received_date ?? null, missing: f?.complete === false ? f.missing : [],
    };
  });
  return { year: q.year, rows, total: lines.length, counts, campaign_total: all.length };
}

function bulkCheck(input: BulkInput): { date: string; channel: SendChannel } {
  const d = parseFr(input.date);
  const fields = [
    ...(d ? (d > new Date() ? [{ field: "date", message: "La date est dans le futur." }] : [])
      : [{ field: "date", message: input.date.trim() ? `Date invalide « ${input.date.trim()} » : attendu jj/mm/aaaa.` : "Indiquez la date." }]),
    ...(refs.channels.some((c) => c.value === input.channel) ? [] : [{ field: "channel", message: "Choisissez le moyen d'envoi." }]),
    ...(input.ids.length ? [] : [{ field: "ids", message: "Sélectionnez au moins un signataire." }]),
  ];
  validation(fields);
  return { date: isoOf(d!), channel: input.channel as SendChannel };
}

function bulk(input: BulkInput, reminder: boolean): BulkResult {
  const { date, channel } = bulkCheck(input);
  const out: BulkResult = { changed: 0, skipped: [] };
  for (const id of input.ids) {
    const s = store.find((x) => x.id === id);
    if (!s) continue;
    const key = formKey(id, input.year);
    const f = forms.get(key);
    if (f?.received_date) out.skipped.push(`${nameOf(s)} : déjà reçue le ${frOf(f.received_date)}`);
    else if (reminder && !f?.sent_date) out.skipped.push(`${nameOf(s)} : pas encore envoyée`);
    else if (reminder) { f!.reminders.push({ date, channel }); out.changed++; }
    else if (f?.sent_date) out.skipped.push(`${nameOf(s)} : déjà envoyée le ${frOf(f.sent_date)}`);
    else {
      forms.set(key, { ...(f ?? newForm()), sent_date: date, sent_channel: channel });
      out.changed++;
    }
  }
  return out;
}

const newForm = (): FormRec => ({
  sent_date: null, sent_channel: null, reminders: [], received_date: null, complete: null, missing: [],
  answers: emptyAnswers(), applied_fields: [],
});

function formView(s: Signatory, year: number): FormView {
  const f = forms.get(formKey(s.id, year));
  const prefill: AnswersForm = {
    ...emptyAnswers(), study_year: s.study_year ? String(s.study_year) : "", specialty: s.specialty ?? "",
    subdivision: s.subdivision ?? "", email: s.email ?? "", phone: s.phone ?? "", address: s.address ?? "",
    situation: s.status === "installe" ? "installe" : s.status === "diplome" ? "diplome_non_installe" : s.cycle ?? "",
  };
  return {
    signatory_id: s.id, year, form_status: formStatus(f), sent_date: f?.sent_date ?? null, sent_channel: f?.sent_channel ?? null,
    reminders: f?.reminders ?? [], received_date: f?.received_date ?? null, complete: f?.complete ?? null,
    missing: f?.missing ?? [], applied_fields: f?.applied_fields ?? [],
    answers: f && f.complete !== null ? f.answers : { ...prefill, received_date: frOf(f?.received_date ?? null) },
  };
}

function receivedCheck(text: string, year: number, field = "received_date"): Date {
  const d = parseFr(text);
  validation(
    !d ? [{ field, message: "Indiquez la date de réception (jj/mm/aaaa)." }]
      : d > new Date() ? [{ field, message: "La date de réception est dans le futur." }]
        : d.getFullYear() < year ? [{ field, message: `La fiche de la campagne ${year} ne peut pas avoir été reçue avant le 01/01/${year}.` }]
          : [],
  );
  return d!;
}

function recordAnswers(s: Signatory, year: number, a: AnswersForm): RecordOutcome {
  const fields: { field: string; message: string }[] = [];
  if (!a.received_date.trim()) fields.push({ field: "received_date", message: "Indiquez la date de réception de la fiche." });
  for (const k of ["received_date", "signature_date", "project_date", "expected_des_date", "expected_thesis_date"] as const)
    if (a[k].trim() && !parseFr(a[k])) fields.push({ field: k, message: `Date invalide « ${a[k].trim()} » : attendu jj/mm/aaaa, par exemple 15/10/${year}.` });
  if (a.study_year.trim() && !/^[1-9]$|^1[0-2]$/.test(a.study_year.trim())) fields.push({ field: "study_year", message: "Année d'études invalide : attendu un nombre entre 1 et 12." });
  if (a.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.email.trim())) fields.push({ field: "email", message: "Adresse de courriel invalide : attendu prenom.nom@exemple.fr." });
  if (a.specialty.trim() && !refs.specialties.some((x) => x.name.toLowerCase() === a.specialty.trim().toLowerCase()))
    fields.push({ field: "specialty", message: `Spécialité inconnue « ${a.specialty.trim()} » : choisissez dans la liste.` });
  validation(fields);
  const received = receivedCheck(a.received_date, year);
  const missing = [
    ...(a.signature_date.trim() ? [] : ["la signature et sa date"]),
    ...(a.situation ? [] : ["la situation actuelle"]),
    ...(a.situation === "troisieme_cycle" && !a.specialty.trim() ? ["la spécialité (DES)"] : []),
    ...(a.missing_note.trim() ? [a.missing_note.trim()] : []),
  ];
  const changes: FileChange[] = [];
  const apply = (field: "study_year" | "specialty" | "subdivision" | "email" | "phone" | "address", label: string) => {
    const before = s[field] == null ? "" : String(s[field]);
    const after = a[field].trim();
    if (!after || after === before) return;
    changes.push({ field, label, before, after });
    if (field === "study_year") s.study_year = Number(after);
    else s[field] = after;
  };
  apply("study_year", "Année d'études"); apply("specialty", "Spécialité (DES)"); apply("subdivision", "Subdivision");
  apply("email", "Courriel"); apply("phone", "Téléphone"); apply("address", "Adresse postale");
  const key = formKey(s.id, year);
  forms.set(key, {
    ...(forms.get(key) ?? newForm()), received_date: isoOf(received), complete: missing.length === 0, missing,
    answers: { ...a }, applied_fields: changes.map((c) => c.label),
  });
  const expected: Record<string, string> = { deuxieme_cycle: "en_formation", troisieme_cycle: "en_formation", suspendu: "suspendu", diplome_non_installe: "diplome", installe: "installe" };
  const warnings = a.situation && expected[a.situation] && expected[a.situation] !== s.status
    ? [`Situation déclarée « ${refs.situations.find((x) => x.value === a.situation)!.label} », statut du dossier « ${refs.statuses.find((x) => x.value === s.status)!.label} » : vérifiez le statut du dossier.`]
    : [];
  return { form: formView(s, year), changes, warnings };
}

function saveContact(c: ContactSettings): ContactSettings {
  const fields: { field: string; message: string }[] = [];
  if (c.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.email.trim())) fields.push({ field: "email", message: "Adresse de courriel invalide : attendu service@ars.sante.fr." });
  if (c.phone.trim() && c.phone.replace(/\D/g, "").length !== 10) fields.push({ field: "phone", message: "Numéro invalide : attendu 10 chiffres (02 99 00 00 00) ou un numéro international." });
  const days = Number(c.return_days.trim() || "30");
  if (!Number.isInteger(days) || days < 1 || days > 365) fields.push({ field: "return_days", message: "Indiquez un nombre de jours entre 1 et 365." });
  validation(fields);
  return (contact = { ...c, email: c.email.trim().toLowerCase(), return_days: String(days) });
}

/** A batch print that takes its time (40 ms a sheet), streams its progress and can be cancelled. */
async function printBatch(year: number, ids: number[], target: PrintTarget, channel: Channel<PrintProgress>): Promise<PrintReport> {
  validation(ids.length ? [] : [{ field: "ids", message: "Aucune fiche à imprimer." }]);
  printCancelled = false;
  const files: string[] = [];
  for (let done = 1; done <= ids.length; done++) {
    await new Promise((r) => setTimeout(r, 40));
    if (printCancelled) return { sheets: done - 1, files: target.kind === "folder" ? files : [], location: target.path, cancelled: true };
    const s = store.find((x) => x.id === ids[done - 1]);
    if (target.kind === "folder" && s) files.push(`${target.path}/${sheetFileName(s.last_name, s.first_names, year)}`);
    channel.onmessage({ done, total: ids.length });
  }
  return { sheets: ids.length, files: target.kind === "folder" ? files : [target.path], location: target.path, cancelled: false };
}

/** Last year's campaign mostly back; this year's under way. */
function seedFollowup() {
  const year = new Date().getFullYear();
  const members = store.filter((s) => inCampaign(s, year));
  members.forEach((s, k) => {
    if (k % 6 !== 5) {
      forms.set(formKey(s.id, year - 1), {
        ...newForm(), sent_date: `${year - 1}-10-01`, sent_channel: "courrier", received_date: `${year - 1}-10-20`,
        complete: true, answers: { ...emptyAnswers(), received_date: `20/10/${year - 1}`, signature_date: `14/10/${year - 1}`, situation: s.cycle ?? "installe", project_mode: "liberal", project_place: "Carhaix-Plouguer" },
      });
    }
    const sent = k % 3 !== 0;
    if (!sent) return;
    forms.set(formKey(s.id, year), {
      ...newForm(), sent_date: `${year}-01-05`, sent_channel: "courrier",
      reminders: k % 4 === 1 ? [{ date: `${year}-02-05`, channel: "courriel" }] : [],
      received_date: k % 5 === 2 ? `${year}-01-20` : null,
      complete: k % 5 === 2 && k % 3 !== 0 ? k % 2 === 0 : null,
      missing: k % 5 === 2 && k % 3 !== 0 && k % 2 !== 0 ? ["la signature et sa date"] : [],
    });
  });
}

function followupCommand(cmd: string, args: Record<string, unknown>): { handled: boolean; value?: unknown } {
  const year = args.year as number;
  const signatory = () => store.find((s) => s.id === args.id) ?? fail("Signataire introuvable.");
  switch (cmd) {
    case "followup_campaign": return { handled: true, value: campaign(args.query as CampaignQuery) };
    case "followup_campaign_ids":
      return { handled: true, value: campaignMembers(year, args.formStatus as FormStatus | null, args.search as string).map((s) => s.id) };
    case "mark_forms_sent": return { handled: true, value: bulk(args.input as BulkInput, false) };
    case "record_form_reminder": return { handled: true, value: bulk(args.input as BulkInput, true) };
    case "mark_form_received": {
      const s = signatory();
      const d = receivedCheck(args.date as string, year);
      const key = formKey(s.id, year);
      forms.set(key, { ...(forms.get(key) ?? newForm()), received_date: isoOf(d) });
      return { handled: true, value: formView(s, year) };
    }
    case "get_followup_form": return { handled: true, value: formView(signatory(), year) };
    case "record_followup_answers": return { handled: true, value: recordAnswers(signatory(), year, args.answers as AnswersForm) };
    case "followup_history": {
      const s = signatory();
      const years = [...forms.keys()].filter((k) => k.startsWith(`${s.id}:`)).map((k) => Number(k.split(":")[1]));
      return { handled: true, value: years.sort((a, b) => b - a).map((y) => formView(s, y)) };
    }
    case "print_followup_sheet": return { handled: true, value: args.path };
    case "print_followup_batch":
      return { handled: true, value: printBatch(year, args.ids as number[], args.target as PrintTarget, args.onProgress as Channel<PrintProgress>) };
    case "cancel_followup_print": printCancelled = true; return { handled: true, value: null };
    case "contact_settings": return { handled: true, value: contact };
    // Stored as typed: the dates' rules (working days) are the core's.
    case "campaign_dates": {
      const y = args.year as number;
      return { handled: true, value: campaignDates.get(y) ?? { year: y, send: "", return_by: "" } };
    }
    case "save_campaign_dates": {
      const input = args.input as CampaignDatesForm;
      campaignDates.set(input.year, input);
      return { handled: true, value: input };
    }
    // The letters: the kinds and templates are listed, printing writes nothing (fictitious paths).
    case "logo_info": return { handled: true, value: null };
    case "remove_logo": return { handled: true, value: null };
    case "letter_kinds": return { handled: true, value: MOCK_LETTER_KINDS };
    case "letter_template": {
      const kind = args.kind as LetterKind;
      return { handled: true, value: letterTemplates.get(kind) ?? mockTemplate(kind, "Objet : …\n\n{{ formule }}", true) };
    }
    case "save_letter_template": {
      const kind = args.kind as LetterKind;
      const text = String(args.text ?? "");
      const view = mockTemplate(kind, text || "Objet : …\n\n{{ formule }}", !text);
      letterTemplates.set(kind, view);
      return { handled: true, value: view };
    }
    case "print_letters": {
      const input = args.input as { target: PrintTarget };
      const location = input.target.path;
      return { handled: true, value: { sheets: 3, files: [location], location, cancelled: false } };
    }
    case "privacy_notice": return { handled: true, value: [privacyNotice, privacyNotice || DEFAULT_PRIVACY_NOTICE] };
    case "save_privacy_notice": {
      privacyNotice = String(args.text ?? "").trim();
      return { handled: true, value: [privacyNotice, privacyNotice || DEFAULT_PRIVACY_NOTICE] };
    }
    case "save_contact_settings": return { handled: true, value: saveContact(args.input as ContactSettings) };
    // The native dialogs (choose_path): a fictitious path.
    case "choose_path": {
      const request = args.request as { kind: "save"; default_name: string } | { kind: "open" } | { kind: "folder" };
      const value =
        request.kind === "save"
          ? `/home/referent/Documents/${request.default_name || "document.pdf"}`
          : request.kind === "folder"
            ? "/home/referent/Documents/Fiches de suivi"
            : "/home/referent/Documents/Registre CESP (fictif).xlsx";
      return { handled: true, value };
    }
    default: return { handled: false };
  }
}

// --- Spreadsheet import (rough imitation: one fictitious sheet, whatever the path) -------
const IMPORT_FIELDS: FieldOption[] = ([
  ["civility", "Civilité", false], ["last_name", "Nom", true], ["birth_name", "Nom de naissance", false],
  ["first_names", "Prénoms", true], ["birth_date", "Date de naissance", false], ["email", "Courriel", false],
  ["phone", "Téléphone", false], ["address", "Adresse", false], ["discipline", "Discipline", true],
  ["padhue", "PADHUE", false], ["ufr", "UFR", false], ["subdivision", "Subdivision", false], ["cycle", "Cycle", false],
  ["study_year", "Année d'études", false], ["ecn_year", "Année ECN/EDN", false], ["ecn_rank", "Rang ECN/EDN", false],
  ["specialty", "Spécialité", false], ["signature_date", "Date de signature", false],
  ["managing_body", "Organisme gestionnaire", false], ["contract_ref", "Référence du contrat", false],
  ["status", "Statut", false], ["notes", "Notes", false], ["allocation_start", "Début de l'allocation", false],
  ["allocation_end", "Fin de l'allocation", false], ["diploma_date", "Date du diplôme", false],
  ["practice_start", "Début d'exercice", false],
] as const).map(([key, label, required]) => ({ key, label, required }));
const IMPORT_DATES = ["birth_date", "signature_date", "allocation_start", "allocation_end", "diploma_date", "practice_start"];
/** The sheet: a title line, the headers on line 2, the data from line 3. */
const IMPORT_HEADERS = [
  "N° contrat", "Civilité", "NOM", "Prénom(s)", "Date de naissance", "Discipline", "Statut", "Date signature CESP",
  "Courriel", "Observations",
];
const IMPORT_PROPOSAL: (string | null)[] = [
  "contract_ref", "civility", "last_name", "first_names", "birth_date", "discipline", "status", "signature_date", "email", null,
];
const IMPORT_DATA: string[][] = Array.from({ length: 64 }, (_, k) => {
  const disc = ["Médecine", "Médecine", "Odontologie", "Maïeutique", "Pharmacie"][k % 5]!;
  const year = 2012 + (k % 12);
  return [
    `CESP-${year}-${String(100 + k)}`, k % 2 ? "M." : "Mme", NAMES[k % NAMES.length]!.toUpperCase(),
    FIRST[Math.floor(k / NAMES.length) % FIRST.length]!, `${String(1 + (k % 28)).padStart(2, "0")}/0${1 + (k % 9)}/${1990 + (k % 8)}`,
    k === 17 ? "Kinésithérapie" : disc, ["En formation", "Installé", "Diplômé"][k % 3]!,
    k % 23 === 11 ? "31/02/2019" : `15/0${1 + (k % 9)}/${year}`, `personne.fictive${k + 1}@example.org`,
    k % 7 === 0 ? "Dossier papier au service" : "",
  ];
});
// The same line twice (as happens in registers kept by hand).
IMPORT_DATA.splice(30, 0, [...IMPORT_DATA[29]!]);
let savedImportMapping: Record<string, string> | null = null;

const letterOf = (c: number): string => (c < 26 ? "" : letterOf(Math.floor(c / 26) - 1)) + String.fromCharCode(65 + (c % 26));
const fold = (x: string) => x.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
const validFr = (d: string) => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(d.trim());
  if (!m) return false;
  const date = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  return date.getDate() === Number(m[1]) && date.getMonth() === Number(m[2]) - 1;
};
const codeOf = (list: { value: string; label: string }[], v: string) =>
  list.find((x) => fold(x.label) === fold(v) || fold(x.value) === fold(v) || fold(x.label) === fold(`${v}.`))?.value ?? null;

function importMapping(columns: ColumnChoice[] | null): { mapping: (string | null)[]; saved: boolean } {
  if (columns) {
    validation(columns.flatMap((c) => [
      ...(c.field && !IMPORT_FIELDS.some((f) => f.key === c.field) ? [{ field: `columns.${c.column}`, message: `Champ inconnu « ${c.field} ».` }] : []),
      ...(c.column >= IMPORT_HEADERS.length ? [{ field: `columns.${c.column}`, message: `La colonne ${letterOf(c.column)} n'existe pas dans le fichier.` }] : []),
    ]));
    const mapping = [...IMPORT_PROPOSAL];
    for (const c of columns) mapping[c.column] = c.field || null;
    return { mapping, saved: false };
  }
  if (savedImportMapping) {
    const saved = savedImportMapping;
    return { mapping: IMPORT_HEADERS.map((h) => saved[h] ?? null), saved: true };
  }
  return { mapping: [...IMPORT_PROPOSAL], saved: false };
}

function importPlan(input: ImportInput): { preview: ImportPreview; inputs: (SignatoryInput | null)[] } {
  const path = input.path.trim();
  validation(path ? [] : [{ field: "path", message: "Choisissez le fichier à importer." }]);
  const fileName = path.split(/[\\/]/).pop() ?? path;
  if (!/\.(xlsx|xls|ods|csv|txt)$/i.test(fileName))
    fail(`Le fichier « ${fileName} » n'est pas un tableur : choisissez un fichier .xlsx, .xls, .ods, .csv ou .txt.`);
  if (/corrompu|endommag/i.test(fileName))
    fail(`Le fichier « ${fileName} » est endommagé ou n'est pas un classeur Excel : ouvrez-le dans votre tableur, enregistrez-le à nouveau puis recommencez.`);
  const { mapping, saved } = importMapping(input.columns);
  const colOf = (key: string) => mapping.indexOf(key);
  const label = (key: string) => IMPORT_FIELDS.find((f) => f.key === key)!.label;
  const warnings = IMPORT_FIELDS.flatMap((f) => {
    const cols = mapping.flatMap((m, c) => (m === f.key ? [c] : []));
    return cols.length > 1
      ? [`Le champ « ${f.label} » est donné par les colonnes ${cols.map(letterOf).join(" et ")} : seule la colonne ${letterOf(cols[0]!)} est lue.`]
      : [];
  });
  const seen = new Map<string, number>();
  const inputs: (SignatoryInput | null)[] = [];
  const rows: RowPreview[] = IMPORT_DATA.map((cells, k) => {
    const rowNumber = k + 3;
    const value = (key: string) => (colOf(key) >= 0 ? (cells[colOf(key)] ?? "").trim() : "");
    const problem = (key: string, message: string): RowProblem => {
      const c = colOf(key);
      return { column_letter: c >= 0 ? letterOf(c) : "", column: c >= 0 ? c : null, column_header: c >= 0 ? IMPORT_HEADERS[c]! : "", field_label: label(key), value: value(key), message };
    };
    const name = `${value("last_name").toUpperCase()} ${value("first_names")}`.trim();
    const existing = store.find((s) => fold(s.last_name) === fold(value("last_name")) && fold(s.first_names) === fold(value("first_names")));
    const problems: RowProblem[] = [];
    if (!existing)
      for (const f of IMPORT_FIELDS.filter((x) => x.required && colOf(x.key) < 0))
        problems.push(problem(f.key, `Aucune colonne ne donne le champ « ${f.label} », obligatoire pour créer un dossier.`));
    for (const key of IMPORT_DATES)
      if (value(key) && !validFr(value(key))) problems.push(problem(key, "Attendu : une date jj/mm/aaaa qui existe."));
    const civility = value("civility") ? codeOf(refs.civilities, value("civility")) : null;
    const discipline = value("discipline") ? codeOf(refs.disciplines, value("discipline")) : null;
    const status = value("status") ? codeOf(refs.statuses, value("status")) : null;
    if (value("civility") && !civility) problems.push(problem("civility", "Attendu : M. ou Mme."));
    if (value("discipline") && !discipline) problems.push(problem("discipline", "Attendu : Médecine, Odontologie, Maïeutique ou Pharmacie."));
    if (value("status") && !status) problems.push(problem("status", `Attendu : ${refs.statuses.map((x) => x.label).join(", ")}.`));
    if (value("email") && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value("email"))) problems.push(problem("email", "Attendu : une adresse de courriel (prenom.nom@exemple.fr)."));
    const row: RowPreview = { row_number: rowNumber, action: "rejected", signatory_id: existing?.id ?? null, name, problems, changes: [], note: "", set_aside: [], to_complete: [], readings: [] };
    const key = cells.join("|");
    const first = seen.get(key);
    if (first !== undefined && problems.length === 0) {
      inputs.push(null);
      return { ...row, action: "unchanged", note: `Identique à la ligne ${first} : ignorée.` };
    }
    seen.set(key, rowNumber);
    if (problems.length) {
      inputs.push(null);
      return row;
    }
    const sigInput: SignatoryInput = {
      civility: civility ?? existing?.civility ?? "", last_name: value("last_name") || existing?.last_name || "",
      birth_name: value("birth_name") || existing?.birth_name || "", first_names: value("first_names") || existing?.first_names || "",
      birth_date: value("birth_date") || frOf(existing?.birth_date ?? null), email: value("email") || existing?.email || "",
      phone: value("phone") || existing?.phone || "", address: value("address") || existing?.address || "",
      discipline: discipline ?? existing?.discipline ?? "", padhue: existing?.padhue ?? false, ufr: value("ufr") || existing?.ufr || "",
      subdivision: value("subdivision") || existing?.subdivision || "", cycle: existing?.cycle ?? "",
      study_year: existing?.study_year != null ? String(existing.study_year) : "", ecn_year: "", ecn_rank: "",
      specialty: value("specialty") || existing?.specialty || "",
      signature_date: value("signature_date") || frOf(existing?.signature_date ?? null), managing_body: existing?.managing_body ?? "cng",
      contract_ref: value("contract_ref") || existing?.contract_ref || "", status: status ?? existing?.status ?? "",
      notes: value("notes") || existing?.notes || "",
    };
    inputs.push(sigInput);
    if (!existing) return { ...row, action: "create" };
    const changes = IMPORT_FIELDS.filter((f) => {
      if (!value(f.key) || !(f.key in sigInput)) return false; // the contract dates are not the file's
      const before = (existing as unknown as Record<string, unknown>)[f.key];
      const after = (sigInput as unknown as Record<string, unknown>)[f.key];
      const shown = IMPORT_DATES.includes(f.key) ? frOf((before as string | null) ?? null) : before == null ? "" : String(before);
      return fold(shown) !== fold(String(after));
    }).map((f) => f.label);
    return { ...row, action: changes.length ? "update" : "unchanged", changes, note: changes.length ? "" : "Le dossier contient déjà ces valeurs." };
  });
  const count = (a: RowPreview["action"]) => rows.filter((r) => r.action === a).length;
  return {
    inputs,
    preview: {
      file_name: fileName, sheet_name: "Registre", sheets: [{ name: "Registre", filled_rows: IMPORT_DATA.length, hidden: false }], header_row: 2,
      columns: IMPORT_HEADERS.map((header, c) => ({
        column: c, letter: letterOf(c), header, field: mapping[c] ?? null,
        samples: IMPORT_DATA.map((r) => r[c] ?? "").filter((x) => x.trim()).slice(0, 3),
        read_as: IMPORT_DATA.map((r) => r[c] ?? "").filter((x) => x.trim()).slice(0, 3).map(() => ""),
        recognised_by_values: false,
      })),
      fields: IMPORT_FIELDS, rows, created: count("create"), updated: count("update"), unchanged: count("unchanged"),
      rejected: count("rejected"), skipped: count("skipped"), warnings,
      missing_required: IMPORT_FIELDS.filter((f) => f.required && colOf(f.key) < 0).map((f) => f.label),
      saved_mapping_used: saved, imported: false,
    },
  };
}

function importRun(input: ImportInput, channel: Channel<ImportProgress> | undefined): ImportPreview {
  const { preview, inputs } = importPlan(input);
  const total = preview.rows.length;
  channel?.onmessage({ stage: "verification", done: total, total });
  if (preview.rejected > 0 && !input.skip_rejected) return preview;
  channel?.onmessage({ stage: "ecriture", done: preview.created + preview.updated, total: preview.created + preview.updated });
  preview.rows.forEach((r, k) => {
    const sigInput = inputs[k];
    if (!sigInput) return;
    if (r.action === "create") {
      const s = fromInput(store.length + 1, sigInput);
      store.push(s);
      r.signatory_id = s.id;
    } else if (r.action === "update" && r.signatory_id != null) {
      const idx = store.findIndex((s) => s.id === r.signatory_id);
      if (idx >= 0) store[idx] = fromInput(r.signatory_id, sigInput);
    }
  });
  info = { ...info, signatory_count: store.length };
  return { ...preview, imported: true };
}

function importCommand(cmd: string, args: Record<string, unknown>): { handled: boolean; value?: unknown } {
  const input = args.input as ImportInput;
  switch (cmd) {
    case "import_preview": return { handled: true, value: importPlan(input).preview };
    case "import_run": return { handled: true, value: importRun(input, args.onProgress as Channel<ImportProgress> | undefined) };
    case "cancel_import": return { handled: true, value: null };
    case "save_import_mapping": {
      const { mapping } = importMapping(input.columns);
      savedImportMapping = Object.fromEntries(IMPORT_HEADERS.flatMap((h, c) => (mapping[c] ? [[h, mapping[c]!]] : [])));
      return { handled: true, value: null };
    }
    case "save_import_report": return { handled: true, value: args.report };
    default: return { handled: false };
  }
}

function fail(message: string): never {
  throw { kind: "failure", message } satisfies CommandError;
}

mockIPC((cmd, payload) => {
  const args = (payload ?? {}) as Record<string, unknown>;
  const fail = (message: string) => { throw { kind: "failure", message } satisfies CommandError; };
  const done = () => (info = { ...info, first_launch: false, signatory_count: store.length });
  switch (cmd) {
    case "app_info": return info;
    case "reference_lists": return refs;
    case "list_signatories": return list(args.query as ListQuery);
    case "get_signatory": return store.find((s) => s.id === args.id) ?? fail("Signataire introuvable.");
    case "create_signatory": {
      const input = args.input as SignatoryInput;
      check(input);
      const s = fromInput(store.length + 1, input);
      store.push(s);
      return s;
    }
    case "update_signatory": {
      const input = args.input as SignatoryInput;
      check(input);
      const idx = store.findIndex((s) => s.id === args.id);
      if (idx < 0) return fail("Signataire introuvable.");
      return (store[idx] = fromInput(args.id as number, input));
    }
    case "save_settings": return (info = { ...info, region: (args.settings as { region: string }).region });
    case "load_demo": demo(args.count as number); return done();
    case "start_empty": return done();
    case "get_ledger": return ledgerView(args.id as number);
    case "save_ledger": {
      const form = args.form as LedgerForm;
      const { suspensions, practice_suspensions, ...dates } = form;
      const fields = [
        ...checkDates("", Object.entries(dates)),
        ...suspensions.flatMap((x, i) => checkDates(`suspensions.${i}.`, [["start", x.start], ["end", x.end]])),
        ...suspensions.flatMap((x, i) => (x.reason ? [] : [{ field: `suspensions.${i}.reason`, message: "Choisissez le motif de la suspension." }])),
        ...practice_suspensions.flatMap((x, i) => checkDates(`practice_suspensions.${i}.`, [["start", x.start], ["end", x.end]])),
      ];
      if (fields.length) throw { kind: "validation", fields } satisfies CommandError;
      ledgers.set(args.id as number, form);
      return ledgerView(args.id as number);
    }
    case "simulate_rupture": {
      const at = parseFr(args.date as string);
      if (!at) throw { kind: "validation", fields: [{ field: "rupture_date", message: "Date invalide : attendu jj/mm/aaaa." }] } satisfies CommandError;
      return compute(args.id as number, at) ?? fail("Renseignez d'abord le début de l'allocation.");
    }
    case "record_contract_end": {
      const input = args.input as ContractEndInput;
      const fields = [
        ...(input.kind ? [] : [{ field: "kind", message: "Choisissez comment le contrat a pris fin." }]),
        ...(parseFr(input.date) ? [] : [{ field: "date", message: "Date invalide : attendu jj/mm/aaaa." }]),
      ];
      if (fields.length) throw { kind: "validation", fields } satisfies CommandError;
      const id = args.id as number;
      const kind = input.kind as ContractEndView["kind"];
      const amount = kind === "rupture" ? compute(id, parseFr(input.date))?.rupture?.total ?? null : null;
      ends.set(id, { kind, date: isoOf(parseFr(input.date)!), amount, notes: input.notes });
      const s = store.find((x) => x.id === id);
      if (s) s.status = kind === "rupture" ? "rompu" : kind === "resiliation" ? "resilie" : "decede_ou_inaptitude";
      return ledgerView(id);
    }
    case "allowance_rates": return rates;
    case "save_allowance_rates": {
      const rows = args.rates as AllowanceRateForm[];
      const fields = rows.flatMap((r, i) => [
        ...checkDates(`rates.${i}.`, [["from", r.from]]),
        ...(["monthly_gross", "monthly_net"] as const)
          .filter((k) => !/^\d+([.,]\d{1,2})?$/.test(r[k].trim()))
          .map((k) => ({ field: `rates.${i}.${k}`, message: `Montant invalide « ${r[k]} » : attendu par exemple 1 200,00.` })),
      ]);
      if (!rows.length) fields.push({ field: "rates", message: "Le barème doit compter au moins une ligne." });
      if (fields.length) throw { kind: "validation", fields } satisfies CommandError;
      rates = rows.map((r) => ({ from: r.from, monthly_gross: money(Number(r.monthly_gross.replace(",", "."))), monthly_net: money(Number(r.monthly_net.replace(",", "."))) }));
      return rates;
    }
    default: {
      const followup = followupCommand(cmd, args);
      if (followup.handled) return followup.value;
      const imported = importCommand(cmd, args);
      return imported.handled ? imported.value : fail(`Commande inconnue : ${cmd}`);
    }
  }
});
