// Renders a component inside the same providers as the app.
import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { ReferenceLists } from "../bindings";
import { cssVariablesResolver, theme } from "../theme";

export function renderWithProviders(ui: ReactElement) {
  return render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
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
  channels: [
    { value: "courrier", label: "Courrier" },
    { value: "courriel", label: "Courriel" },
    { value: "main_propre", label: "Remise en main propre" },
    { value: "telephone", label: "Téléphone" },
  ],
  situations: [
    { value: "deuxieme_cycle", label: "Étudiant en 2e cycle" },
    { value: "troisieme_cycle", label: "Interne (3e cycle)" },
    { value: "suspendu", label: "Formation ou allocation suspendue" },
    { value: "diplome_non_installe", label: "Diplômé, pas encore installé" },
    { value: "installe", label: "Installé (en exercice)" },
    { value: "autre", label: "Autre situation" },
  ],
  practice_modes: [
    { value: "liberal", label: "Libéral (secteur 1)" },
    { value: "salarie", label: "Salarié" },
    { value: "mixte", label: "Mixte (libéral et salarié)" },
    { value: "remplacement", label: "Remplacement" },
    { value: "indecis", label: "Pas encore décidé" },
  ],
  practice_structures: [
    { value: "cabinet_groupe", label: "Cabinet de groupe" },
    { value: "msp", label: "Maison de santé pluriprofessionnelle (MSP)" },
    { value: "centre_sante", label: "Centre de santé" },
    { value: "indecis", label: "Pas encore décidé" },
  ],
  zone_types: [
    { value: "zip", label: "Zone d'intervention prioritaire (ZIP)" },
    { value: "zac", label: "Zone d'action complémentaire (ZAC)" },
    { value: "hors_zone", label: "Hors zone sous-dotée" },
    { value: "indecis", label: "Ne sait pas encore" },
  ],
  form_statuses: [
    { value: "a_envoyer", label: "À envoyer" },
    { value: "envoyee", label: "Envoyée" },
    { value: "relancee", label: "Relancée" },
    { value: "recue", label: "Reçue (à saisir)" },
    { value: "complete", label: "Complète et signée" },
    { value: "incomplete", label: "Incomplète" },
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
  regions: ["Bretagne", "Centre-Val de Loire"],
  specialties: [
    { discipline: "medecine", name: "Médecine générale" },
    { discipline: "medecine", name: "Psychiatrie" },
    { discipline: "odontologie", name: "Orthopédie dento-faciale" },
  ],
};
