// The automated accessibility check (axe-core, the rules of WCAG 2.1 A and AA that RGAA
// builds on) run by the screens' tests on what they rendered. Colour contrast is left out:
// jsdom computes no colours (the theme's contrast is checked in theme.test.ts).
import axe from "axe-core";
import { expect } from "vitest";

export async function expectAccessible(root: Element = document.body): Promise<void> {
  const results = await axe.run(root, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    rules: { "color-contrast": { enabled: false } },
  });
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}) : ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`,
  );
  expect(problems).toEqual([]);
}
