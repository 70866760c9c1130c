// DEV ONLY: an in-memory fake of the Rust commands so that `npm run dev` can be
// used in a plain browser (no Tauri). main.tsx loads it only when
// import.meta.env.DEV is true and no Tauri runtime is present, so it is never
// in the production bundle. Its checks are a rough imitation, not the real rules.
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AllowanceRateForm, AppInfo, CommandError, ContractEndInput, ContractEndView, LedgerForm, LedgerView, ListQuery, Page,
  ReferenceLists, Signatory, SignatoryInput, SignatoryRow, SimulateOutput,
} from "../bindings";

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
    id, civility: i.civility as Signatory["civility"], last_name: i.last_name, birth_name: o(i.birth_name),
    first_names: i.first_names, birth_date: iso(i.birth_date), email: o(i.email), phone: o(i.phone), address: o(i.address),
    discipline: i.discipline as Signatory["discipline"], padhue: i.padhue, ufr: o(i.ufr), subdivision: o(i.subdivision),
    cycle: o(i.cycle) as Signatory["cycle"], study_year: n(i.study_year), ecn_year: n(i.ecn_year), ecn_rank: n(i.ecn_rank),
    specialty: o(i.specialty), signature_date: sig,
    regime: year == null ? null : year >= 2026 ? "r2026" : year >= 2020 ? "r2020" : year >= 2014 ? "r2013" : "r2010",
    managing_body: o(i.managing_body) as Signatory["managing_body"], contract_ref: o(i.contract_ref),
    status: i.status as Signatory["status"], notes: i.notes, created_at: "", updated_at: "",
  };
}

function check(i: SignatoryInput): void {
  const fields: { field: string; message: string }[] = [];
  if (!i.civility) fields.push({ field: "civility", message: "La civilité est obligatoire." });
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
      first_names: FIRST[k % FIRST.length]!, birth_date: "", email: "", phone: "", address: "",
      discipline: k % 5 === 0 ? "odontologie" : "medecine", padhue: false, ufr: ["Rennes", "Brest", "Tours"][k % 3]!,
      subdivision: "", cycle: "", study_year: "", ecn_year: "", ecn_rank: "",
      specialty: k % 3 === 0 ? "Médecine générale" : "", signature_date: `15/02/${2011 + (k % 15)}`, managing_body: "cng",
      contract_ref: "", status: statuses[k % statuses.length]!, notes: "",
    }));
  }
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
    default: return fail(`Commande inconnue : ${cmd}`);
  }
});
