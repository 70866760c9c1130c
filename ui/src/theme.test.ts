import { describe, expect, it } from "vitest";
import { BLEU_FRANCE, DIMMED, theme } from "./theme";

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const lin = (i: number) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
  };
  const [x, y] = [lum(a), lum(b)] as const;
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe("theme contrast (WCAG AA, 4.5:1 for text)", () => {
  it("keeps the texts of the interface readable", () => {
    const red = theme.colors?.red?.[7] ?? "";
    const pairs: [string, string, string][] = [
      ["white on bleu France (header, filled buttons)", "#ffffff", BLEU_FRANCE],
      ["bleu France on white (links, outlines)", BLEU_FRANCE, "#ffffff"],
      ["dimmed text on white", DIMMED, "#ffffff"],
      ["error text on white", red, "#ffffff"],
      ["body text on white", "#000000", "#ffffff"],
    ];
    for (const [what, fg, bg] of pairs) {
      expect(contrast(fg, bg), what).toBeGreaterThanOrEqual(4.5);
    }
  });
});
