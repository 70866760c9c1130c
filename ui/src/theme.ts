import { createTheme, Modal, Notification, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";

// Ten shades around "bleu France" #000091, which sits at index 7 (the primary
// shade), so filled buttons are exactly #000091 and hover goes darker (index 8).
const bleuFrance: MantineColorsTuple = [
  "#ececfe",
  "#d4d4fb",
  "#a7a7f3",
  "#7676ec",
  "#4d4de5",
  "#3232dc",
  "#1e1ec4",
  "#000091",
  "#00007a",
  "#000063",
];

// Darker reds than Mantine's defaults, so that error texts (the primary shade,
// here #b00400) keep a contrast above 4.5:1 on white (WCAG AA).
const red: MantineColorsTuple = [
  "#ffe9e9",
  "#ffd6d6",
  "#fcafaf",
  "#f88585",
  "#f45f5f",
  "#e52222",
  "#ce0500",
  "#b00400",
  "#930300",
  "#750200",
];

export const BLEU_FRANCE = "#000091";

export const theme = createTheme({
  colors: { bleuFrance, red },
  primaryColor: "bleuFrance",
  primaryShade: 7,
  fontFamily: "'Source Sans 3', system-ui, sans-serif",
  headings: { fontFamily: "'Source Sans 3', system-ui, sans-serif" },
  defaultRadius: "xs",
  // The focus ring shows for keyboard navigation (RGAA: visible focus).
  focusRing: "auto",
  white: "#ffffff",
  // Icon-only close buttons say what they do to screen readers.
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Fermer" } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": "Fermer la notification" } } }),
  },
});

/** Secondary ("dimmed") text: Mantine's grey 6 has 3.3:1 on white, under the 4.5:1 of WCAG
 *  AA for small text; this grey has 7:1. */
export const DIMMED = "#555555";

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": DIMMED },
  dark: {},
});
