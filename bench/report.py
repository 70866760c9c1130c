#!/usr/bin/env python3
"""Writes the Markdown of BENCHMARKS.md from what bench/run measured: criterion's samples
(target/criterion), the window's start-up, LibreOffice and sqlite3. Usage: report.py OUT_DIR"""
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

out = Path(sys.argv[1])
root = Path(__file__).resolve().parent.parent
crit = root / "target" / "criterion"


def per_iter(group: str, name: str):
    """Per-iteration times (s) of every sample of a criterion benchmark, or None."""
    f = crit / group / name / "new" / "sample.json"
    if not f.exists():
        return None
    s = json.loads(f.read_text())
    return sorted(t / i / 1e9 for t, i in zip(s["times"], s["iters"]))


def fmt(sec: float) -> str:
    if sec >= 1:
        v, u = sec, "s"
    elif sec >= 1e-3:
        v, u = sec * 1e3, "ms"
    else:
        v, u = sec * 1e6, "µs"
    d = 2 if v < 10 else 1 if v < 100 else 0
    return f"{v:.{d}f}".replace(".", ",") + f" {u}"


def p95(xs):
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def row(label, group, name, goal=""):
    xs = per_iter(group, name)
    if not xs:
        return f"| {label} | — | — | {goal} |"
    return f"| {label} | {fmt(statistics.median(xs))} | {fmt(xs[0])} – {fmt(xs[-1])} | {goal} |"


def median_of(group, name):
    xs = per_iter(group, name)
    return statistics.median(xs) if xs else None


def budget_share():
    """The guard's share of the whole reading, as a ratio of medians."""
    guard = median_of("import_10000_lignes", "controle_du_budget")
    whole = median_of("import_10000_lignes", "lecture_du_classeur")
    if not guard or not whole:
        return ""
    return f"{guard / whole * 100:.0f} % de la lecture".replace(".", ",")


cpu = "?"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name"))
except Exception:
    pass
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
lines = [
    "# Mesures de vitesse",
    "",
    f"Produites par `bench/run` le {date.today().strftime('%d/%m/%Y')} : {os.cpu_count()} cœurs ({cpu}), "
    f"{mem:.0f} Go, {platform.system()} {platform.release()}. Machines partagées et bruitées : médiane, et "
    "minimum – maximum des échantillons de criterion (profil release). Les objectifs sont ceux de l'issue #9.",
    "",
]
for k in (5, 50):
    g, d = f"registre_{k}k", f"tableau_de_bord_{k}k"
    lines += [
        f"## Registre et tableau de bord — {k} 000 signataires de démonstration (avec leur historique)",
        "",
        "| mesure | médiane | min – max | objectif |",
        "|---|---|---|---|",
        row("ouvrir la base et afficher la première page", g, "ouvrir_la_base_et_premiere_page"),
        row("première page (base ouverte)", g, "premiere_page"),
    ]
    for t in ["h", "hel", "helene", "helene_lef"]:
        xs = per_iter(g, f"recherche_{t}")
        goal = ""
        if xs and k == 50:
            goal = f"p95 {fmt(p95(xs))} ; < 5 ms : {'atteint' if p95(xs) < 5e-3 else '**manqué**'}"
        lines.append(row(f"recherche en cours de frappe « {t.replace('_', ' ')} »", g, f"recherche_{t}", goal))
    lines += [
        row("filtre par statut, tri par année, page 11", g, "filtre_statut_tri_annee_page_11"),
        row("ouvrir une fiche", g, "ouvrir_une_fiche"),
        row("ouvrir une fiche complète (5 onglets)", g, "ouvrir_une_fiche_complete"),
    ]
    for name, label in [
        ("a_faire", "« À faire », premier calcul (base ouverte à chaque mesure)"),
        ("a_faire_page_suivante", "« À faire », page suivante ou filtre (liste gardée)"),
        ("comptages_a_une_date", "comptages régionaux à une date"),
    ]:
        m = median_of(d, name)
        goal = f"< 50 ms : {'atteint' if m is not None and m < 0.05 else '**manqué**'}" if k == 50 else ""
        lines.append(row(label, d, name, goal))
    lines += [
        row("entretiens à tenir de la région", d, "entretiens_a_tenir_region"),
        row("export de la liste complète en CSV", d, "export_liste_complete_csv"),
        row("export de la liste complète en XLSX", d, "export_liste_complete_xlsx"),
        row("export des comptages en XLSX", d, "comptages_export_xlsx"),
        row("rapport PDF des comptages (tableaux et graphiques)", d, "comptages_rapport_pdf"),
        "",
    ]
merged = median_of("suivi_annuel", "1000_fiches_un_pdf_fusionne")
lines += [
    "## Fiches de suivi et import",
    "",
    "| mesure | médiane | min – max | objectif |",
    "|---|---|---|---|",
    row("une fiche de suivi en PDF", "suivi_annuel", "une_fiche"),
    row("1 000 fiches dans un PDF fusionné", "suivi_annuel", "1000_fiches_un_pdf_fusionne",
        f"< 1 s : {'atteint' if merged is not None and merged < 1 else '**manqué**'}"),
    row("1 000 fiches à remplir à l'écran, un fichier chacune", "suivi_annuel", "1000_fiches_un_fichier_chacune",
        f"< 2 s : {'atteint' if (median_of('suivi_annuel', '1000_fiches_un_fichier_chacune') or 9) < 2 else '**manqué**'}"),
    row("200 fiches retournées lues et rapprochées de leur dossier", "suivi_annuel", "200_fiches_retournees_lues",
        f"< 2 s : {'atteint' if (median_of('suivi_annuel', '200_fiches_retournees_lues') or 9) < 2 else '**manqué**'}"),
    row("1 000 courriers d'envoi suivis de leur fiche, un PDF", "suivi_annuel", "1000_courriers_et_fiches_un_pdf",
        f"< 2 s : {'atteint' if (median_of('suivi_annuel', '1000_courriers_et_fiches_un_pdf') or 9) < 2 else '**manqué**'}"),
    row("dont lecture des 1 000 courriers dans la base (modèles rendus)", "suivi_annuel", "lire_1000_courriers_dans_la_base"),
    row("lecture d'un classeur de 10 000 lignes (.xlsx)", "import_10000_lignes", "lecture_du_classeur"),
    row("dont contrôle du budget mémoire (zip décompressé et XML parcouru une fois)", "import_10000_lignes",
        "controle_du_budget", budget_share()),
    row("aperçu d'un classeur de 10 000 lignes", "import_10000_lignes", "apercu"),
    row("import de 10 000 lignes", "import_10000_lignes", "import_dans_une_base_vide",
        f"< 2 s : {'atteint' if (median_of('import_10000_lignes', 'import_dans_une_base_vide') or 9) < 2 else '**manqué**'}"),
    "",
]
start = out / "startup.json"
if start.exists():
    s = json.loads(start.read_text())
    home = statistics.median(s["home_ms"]) / 1000
    lst = statistics.median(s["list_ms"]) / 1000
    lines += [
        "## La fenêtre, sous Xvfb, sur 50 000 signataires (construction release)",
        "",
        "| mesure | médiane | min – max | objectif |",
        "|---|---|---|---|",
        f"| lancement jusqu'à l'écran « À faire » affiché | {fmt(home)} | {fmt(min(s['home_ms']) / 1000)} – "
        f"{fmt(max(s['home_ms']) / 1000)} | < 1,5 s : {'atteint' if home < 1.5 else '**manqué**'} |",
        f"| puis la liste (première page) | {fmt(lst)} | {fmt(min(s['list_ms']) / 1000)} – {fmt(max(s['list_ms']) / 1000)} | |",
        f"| mémoire résidente (application et processus WebKit) | {s['rss_kb'] / 1024:.0f} Mo | | |",
        "",
    ]
lo = out / "libreoffice.txt"
if lo.exists() and merged:
    lo_s = float(lo.read_text().strip())
    ratio = lo_s / merged
    lines += [
        "## Côte à côte",
        "",
        "| mesure | Suivi CESP | référence | rapport | objectif |",
        "|---|---|---|---|---|",
        f"| 1 000 fiches de suivi en PDF | {fmt(merged)} (fusionné) | LibreOffice headless, 1 000 documents "
        f"pré-remplis : {fmt(lo_s)} | {ratio:.0f} × plus rapide | ≥ 100 × : {'atteint' if ratio >= 100 else '**manqué**'} |",
    ]
    sq = [float(x) for x in (out / "sqlite.txt").read_text().split()] if (out / "sqlite.txt").exists() else []
    app = per_iter("registre_50k", "recherche_helene")
    if sq and app:
        sqm = statistics.median(sq)
        am = statistics.median(app)
        lines.append(
            f"| recherche « helene », première page, 50 000 signataires | {fmt(am)} (avec le total) | outil "
            f"`sqlite3` sur le même fichier : {fmt(sqm)} (page seule, réglages par défaut) | "
            f"{f'{am / sqm:.1f}'.replace('.', ',')} × son temps | |"
        )
    lines.append("")
# The reading of the figures, written by hand after a run (bench/lecture.md).
notes = Path(__file__).with_name("lecture.md")
if notes.exists():
    lines += ["", notes.read_text().rstrip(), ""]
print("\n".join(lines))
