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
