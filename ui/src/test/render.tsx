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
    { value: "rompu", label: "Rupture" },
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
  regions: ["Bretagne", "Centre-Val de Loire"],
  specialties: [
    { discipline: "medecine", name: "Médecine générale" },
    { discipline: "medecine", name: "Psychiatrie" },
    { discipline: "odontologie", name: "Orthopédie dento-faciale" },
  ],
};
