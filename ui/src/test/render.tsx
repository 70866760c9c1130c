// Renders a component inside the same providers as the app.
import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { ReferenceLists } from "../bindings";
import { theme } from "../theme";

export function renderWithProviders(ui: ReactElement) {
  return render(
    <MantineProvider theme={theme}>
      <Notifications />
      {ui}
    </MantineProvider>,
  );
}

export const refs: ReferenceLists = {
  civilities: [
    { value: "M", label: "M." },
    { value: "Mme", label: "Mme" },
  ],
  disciplines: [
    { value: "medecine", label: "Médecine" },
    { value: "odontologie", label: "Odontologie" },
    { value: "maieutique", label: "Maïeutique" },
    { value: "pharmacie", label: "Pharmacie" },
  ],
  statuses: [
    { value: "candidat", label: "Candidat" },
    { value: "en_formation", label: "En formation" },
    { value: "installe", label: "Installé" },
  ],
  cycles: [
    { value: "deuxieme_cycle", label: "2e cycle" },
    { value: "troisieme_cycle", label: "3e cycle" },
  ],
  managing_bodies: [
    { value: "cng", label: "CNG" },
    { value: "asp", label: "ASP" },
  ],
  regimes: [
    { value: "r2010", label: "2010" },
    { value: "r2013", label: "2013" },
    { value: "r2020", label: "2020" },
    { value: "r2026", label: "2026" },
  ],
  regions: ["Bretagne", "Centre-Val de Loire"],
  specialties: [
    { discipline: "medecine", name: "Médecine générale" },
    { discipline: "medecine", name: "Psychiatrie" },
    { discipline: "odontologie", name: "Orthopédie dento-faciale" },
  ],
};
