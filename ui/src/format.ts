// Small pure formatting helpers (French conventions), unit-tested in format.test.ts.
import type { Labeled } from "./bindings";

/** French thousands separator: U+202F NARROW NO-BREAK SPACE (what fr-FR Intl uses). */
export const NNBSP = "\u202f";

/** "2024-03-05" (or an ISO date-time starting so) → "05/03/2024"; null/"" → ""; anything else unchanged. */
export function formatDateFr(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** 1234 → "1 234" with narrow no-break spaces; done by hand so that the result
 *  does not depend on the ICU data of the WebView or of Node. */
export function formatCount(n: number): string {
  const negative = n < 0;
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  return negative ? `-${grouped}` : grouped;
}

/** French plural: 0 and 1 take the singular. */
export function plural(n: number, singular: string, pluralForm: string): string {
  return Math.abs(n) < 2 ? singular : pluralForm;
}

/** "1 234 signataires", "1 signataire", "0 signataire". */
export function countLabel(n: number, singular: string, pluralForm: string): string {
  return `${formatCount(n)} ${plural(n, singular, pluralForm)}`;
}

/** French label of an enum value from a reference list; the raw value if unknown, "" for null. */
export function labelOf(list: readonly Labeled[], value: string | null | undefined): string {
  if (value == null || value === "") return "";
  return list.find((item) => item.value === value)?.label ?? value;
}

/** No-break space U+00A0, before "€" and "%". */
export const NBSP = "\u00a0";

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Groups the digits of a non-negative integer written as a string ("66412" → "66 412"). */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

/**
 * A decimal string from the core ("66412.80") → "66 412,80 €". The digits are never
 * turned into a float: the integer part is grouped as text, the decimals are kept
 * (padded to 2). null/"" → ""; anything that is not a plain decimal is returned unchanged.
 */
export function formatEuros(amount: string | null | undefined): string {
  if (amount == null || amount.trim() === "") return "";
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign, int, dec = ""] = m;
  const cents = dec.length >= 2 ? dec : dec.padEnd(2, "0");
  return `${sign}${groupDigits(int!)},${cents}${NBSP}€`;
}

/** A percentage as a decimal string ("46.3344") → "46,3344 %", decimals kept as given. */
export function formatPercent(rate: string | null | undefined): string {
  if (rate == null || rate.trim() === "") return "";
  const m = DECIMAL.exec(rate.trim());
  if (!m) return rate;
  const [, sign, int, dec] = m;
  return `${sign}${groupDigits(int!)}${dec ? `,${dec}` : ""}${NBSP}%`;
}

/** Today (or the given day) as jj/mm/aaaa, in local time. */
export function todayFr(now: Date = new Date()): string {
  const dd = String(now.getDate()).padStart(2, "0");
  const mm = String(now.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${now.getFullYear()}`;
}

/** "Le Gall", "Léa Marie" → "LE GALL Léa Marie": how the campaign and the letters name people. */
export function fullName(lastName: string, firstNames: string): string {
  return `${lastName.toLocaleUpperCase("fr")} ${firstNames}`.trim();
}

/** Letters without accents (ligatures spelled out) and digits; anything else one hyphen; 60 characters at most. */
export function fileNamePart(s: string): string {
  const spelled = s.replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE").replace(/ß/g, "ss");
  const ascii = spelled.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const hyphenated = ascii.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+/, "");
  return hyphenated.replace(/-+$/, "").slice(0, 60).replace(/-+$/, "");
}

/**
 * Default file name of one fiche de suivi, as the core names the files of a batch:
 * "Lefèvre", "Hélène", 2026 → "LEFEVRE_Helene_2026.pdf".
 */
export function sheetFileName(lastName: string, firstNames: string, year: number): string {
  const last = fileNamePart(lastName.toLocaleUpperCase("fr")) || "SANS-NOM";
  const first = fileNamePart(firstNames) || "Sans-prenom";
  return `${last}_${first}_${year}.pdf`;
}
