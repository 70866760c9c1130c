// Pure logic of the "Contrat et allocation" tab (no React), unit-tested in ledgerForm.test.ts.
// As for the signatory form, validation and every figure come from the Rust core: this file
// only shapes what the core says for display.
import type {
  AllowanceRateForm, AllowanceSuspensionForm, LedgerForm, PracticeSuspensionForm, ReferenceLists,
  SimulateOutput,
} from "./bindings";
import { formatCount, formatEuros, formatPercent, labelOf, NBSP, plural } from "./format";

export { fieldErrors } from "./signatoryForm";

/** A blank row of "Suspensions de l'allocation". */
export function emptySuspension(): AllowanceSuspensionForm {
  return { start: "", end: "", reason: "", paid: false, document_received: false };
}

/** A blank row of "Suspensions d'exercice". */
export function emptyPracticeSuspension(): PracticeSuspensionForm {
  return { start: "", end: "" };
}

/** A blank allowance rate row (settings). */
export function emptyRate(): AllowanceRateForm {
  return { from: "", monthly_gross: "", monthly_net: "" };
}

/** A rate row from the core ("1200.00") as a French user types it ("1200,00"); the core accepts both. */
export function rateToInput(r: AllowanceRateForm): AllowanceRateForm {
  const comma = (s: string) => (/^\d+\.\d+$/.test(s) ? s.replace(".", ",") : s);
  return { from: r.from, monthly_gross: comma(r.monthly_gross), monthly_net: comma(r.monthly_net) };
}

/** The ledger form with nothing typed. */
export function emptyLedgerForm(): LedgerForm {
  return {
    allocation_start: "",
    allocation_end: "",
    intern_start: "",
    definitive_request: "",
    diploma_date: "",
    practice_start: "",
    suspensions: [],
    practice_suspensions: [],
  };
}

/** The editable lists of the forms, with the prefix of their error keys. */
export type RowList = "suspensions" | "practice_suspensions" | "rates";

/**
 * Errors of row `index` of a list: `fields` by column ("suspensions.0.start" → fields.start),
 * and `row` for an error about the row as a whole ("suspensions.0": overlap, not a whole
 * month, outside the allowance period…, as the core's rules report them).
 */
export function rowErrors(
  errors: Record<string, string>,
  list: RowList,
  index: number,
): { fields: Record<string, string>; row: string | undefined } {
  const prefix = `${list}.${index}`;
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(`${prefix}.`)) fields[key.slice(prefix.length + 1)] = message;
  }
  return { fields, row: errors[prefix] };
}

/**
 * Errors after row `index` of `list` was deleted: that row's errors go, the following
 * rows' errors move up one index, everything else stays.
 */
export function removeRowErrors(errors: Record<string, string>, list: RowList, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  const re = new RegExp(`^${list}\\.(\\d+)(\\..*)?$`);
  for (const [key, message] of Object.entries(errors)) {
    const m = re.exec(key);
    if (!m) {
      out[key] = message;
      continue;
    }
    const i = Number(m[1]);
    if (i === index) continue;
    out[i > index ? `${list}.${i - 1}${m[2] ?? ""}` : key] = message;
  }
  return out;
}

/** French labels of the ledger's date fields. */
export const LEDGER_LABELS = {
  allocation_start: "Début de l'allocation",
  allocation_end: "Fin de l'allocation (diplôme)",
  intern_start: "Premier jour d'internat",
  definitive_request: "Demande de suspension définitive",
  diploma_date: "Date du diplôme (DES/doctorat)",
  practice_start: "Début d'exercice",
} as const satisfies Partial<Record<keyof LedgerForm, string>>;

export type LedgerDateKey = keyof typeof LEDGER_LABELS;

const COLUMN_LABELS: Record<string, string> = {
  start: "début",
  end: "fin",
  reason: "motif",
  paid: "allocation maintenue",
  document_received: "justificatif reçu",
  from: "en vigueur depuis",
  monthly_gross: "brut mensuel",
  monthly_net: "net mensuel",
};

const OTHER_LABELS: Record<string, string> = {
  ...LEDGER_LABELS,
  suspensions: "Suspensions de l'allocation",
  practice_suspensions: "Suspensions d'exercice",
  rupture_date: "Date de rupture",
  kind: "Type de fin",
  date: "Date de fin",
  notes: "Notes",
  rates: "Barème",
  monthly_gross: "Brut mensuel",
  monthly_net: "Net mensuel",
};

const ROW_NAMES: Record<RowList, string> = {
  suspensions: "Suspension",
  practice_suspensions: "Suspension d'exercice",
  rates: "Barème, ligne",
};

/** Label for an error key of the ledger, the contract end or the rate table; the key if unknown. */
export function ledgerFieldLabel(key: string): string {
  const m = /^(suspensions|practice_suspensions|rates)\.(\d+)(?:\.(\w+))?$/.exec(key);
  if (m) {
    const row = `${ROW_NAMES[m[1] as RowList]} ${Number(m[2]) + 1}`;
    return m[3] ? `${row} (${COLUMN_LABELS[m[3]] ?? m[3]})` : row;
  }
  return OTHER_LABELS[key] ?? key;
}

// --- Money as integer cents (never floats) -------------------------------------------

/** "1106.88" → 110688n; null when not a plain decimal with at most 2 decimals. */
export function toCents(amount: string | null | undefined): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec((amount ?? "").trim());
  if (!m) return null;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}

/** 6641280n → "66412.80". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

// --- Rupture --------------------------------------------------------------------------

/** One line of the rupture explanation table. */
export type RuptureLine = { label: string; detail: string; amount: string };

const euros = (whole: number) => `${formatCount(whole)}${NBSP}€`;

/**
 * The lines that explain a simulated rupture (domain.md §6), in display order:
 * phase, net allowances, penalty, rate, total. Every amount is the core's; this only
 * says where it comes from. [] when the output holds no rupture.
 */
export function ruptureLines(out: SimulateOutput, refs: Pick<ReferenceLists, "rupture_phases">): RuptureLine[] {
  const r = out.rupture;
  if (!r) return [];
  const months = out.months_paid;
  const monthsText = `${formatCount(months)} mois`;

  // One term per amount in force: "60 mois × 1 106,88 € net", or
  // "30 mois × 1 106,88 € + 30 mois × 1 199,12 € net" when the rate table changed on the way.
  const terms = out.allowance_lines.map((l) => `${formatCount(l.months)} mois × ${formatEuros(l.monthly_net)}`);
  const allocationDetail = terms.length > 0 ? `${terms.join(" + ")} net` : monthsText;

  const penaltyDetail =
    r.phase === "avant_diplome"
      ? `200${NBSP}€ × ${monthsText}, ${euros(2000)} minimum`
      : `forfait de ${euros(20000)}`;

  const served = out.months_served;
  const rateDetail =
    r.phase === "en_exercice"
      ? `engagement dû ${formatCount(out.commitment_months)} mois, ${formatCount(served)} mois ${plural(served, "effectué", "effectués")}`
      : `100${NBSP}% (avant l'installation)`;

  return [
    { label: "Phase", detail: labelOf(refs.rupture_phases, r.phase), amount: "" },
    { label: "Allocations nettes perçues", detail: allocationDetail, amount: formatEuros(r.allocations) },
    { label: "Pénalité", detail: penaltyDetail, amount: formatEuros(r.penalty) },
    { label: "Taux dégressif", detail: rateDetail, amount: formatPercent(r.rate) },
    { label: "Total dû", detail: "(allocations + pénalité) × taux", amount: formatEuros(r.total) },
  ];
}
