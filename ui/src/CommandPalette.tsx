// Ctrl+K (⌘K): the command palette. Type a screen's name to go there, or two letters of a
// signatory's name (accents and capitals do not matter: the core's search) to open the file.
// Everything the header's menu reaches, without the mouse.
import { useEffect, useState } from "react";
import { Spotlight, type SpotlightActionData } from "@mantine/spotlight";
import { commands, type SignatoryRow } from "./bindings";
import { errorMessage, exceptionMessage } from "./api";
import { fullName } from "./format";

export type Screen =
  | "todo"
  | "list"
  | "new"
  | "applications"
  | "campaign"
  | "interviews"
  | "stats"
  | "import"
  | "journal"
  | "settings";

const SCREENS: { screen: Screen; label: string; description: string }[] = [
  { screen: "todo", label: "À faire", description: "Ce qui est dû ou en retard dans la région" },
  { screen: "list", label: "Signataires", description: "Le registre" },
  { screen: "new", label: "Nouveau signataire", description: "Ctrl+N" },
  { screen: "applications", label: "Candidatures", description: "Campagne de sélection, commission" },
  { screen: "campaign", label: "Suivi annuel", description: "Fiches de suivi : envoi, retour, impression" },
  { screen: "interviews", label: "Entretiens", description: "Entretiens à tenir" },
  { screen: "stats", label: "Statistiques", description: "Comptages régionaux et exports" },
  { screen: "import", label: "Importer", description: "Un tableur de signataires" },
  { screen: "journal", label: "Journal", description: "Journal des modifications" },
  { screen: "settings", label: "Paramètres", description: "Région, taux, sauvegardes, à propos" },
];

/** Lower case without accents, to match "parametres" with "Paramètres". */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

type Props = { onScreen: (s: Screen) => void; onOpen: (id: number) => void };

export function CommandPalette({ onScreen, onOpen }: Props) {
  const [query, setQuery] = useState("");
  const [people, setPeople] = useState<SignatoryRow[]>([]);
  // Why the search found nothing, when the core could not answer.
  const [failure, setFailure] = useState<string | null>(null);

  // The signatories whose name starts with what is typed, asked of the core as one types.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setPeople([]);
      setFailure(null);
      return;
    }
    let alive = true;
    const t = window.setTimeout(() => {
      commands
        .listSignatories({ search: q, status: null, discipline: null, sort: "name", descending: false, offset: 0, limit: 8 })
        .then((res) => {
          if (!alive) return;
          setPeople(res.status === "ok" ? res.data.rows : []);
          setFailure(res.status === "ok" ? null : errorMessage(res.error));
        })
        .catch((e) => alive && setFailure(exceptionMessage(e)));
    }, 120);
    return () => {
      alive = false;
      window.clearTimeout(t);
    };
  }, [query]);

  const q = fold(query.trim());
  const screens: SpotlightActionData[] = SCREENS.filter((s) => !q || fold(s.label).includes(q)).map((s) => ({
    id: `screen-${s.screen}`,
    label: s.label,
    description: s.description,
    onClick: () => onScreen(s.screen),
  }));
  const files: SpotlightActionData[] = people.map((p) => ({
    id: `signatory-${p.id}`,
    label: fullName(p.last_name, p.first_names),
    description: "Ouvrir le dossier",
    onClick: () => onOpen(p.id),
  }));

  return (
    <Spotlight
      actions={[...screens, ...files]}
      query={query}
      onQueryChange={setQuery}
      // Already filtered: the screens here, the signatories by the core.
      filter={(_query, actions) => actions}
      shortcut={["mod + K"]}
      nothingFound={failure ? `Recherche impossible : ${failure}` : "Aucun écran ni signataire"}
      scrollable
      maxHeight={420}
      searchProps={{ placeholder: "Aller à un écran, ou chercher un signataire…", "aria-label": "Palette de commandes" }}
    />
  );
}
