"""Writes two registers kept "in other habits" than the main corpus, with Python libraries
(openpyxl 3.1 for the workbooks, odfpy 1.4 for the OpenDocument sheet, the csv module
for the text files): files no code of this
project wrote. Every person is made up.

    pip install openpyxl==3.1.5 odfpy==1.4.1
    python3 tests/data/make_habits.py

The expected readings are in tests/import_corpus.rs (`habits_*`) and tests/import.rs
(`incomplete_*`, `duplicates_*`).
"""

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent


def workbook() -> None:
    """A referent's own workbook: a merged title, "Prénom" before "Nom d'usage", "Sexe"
    F/M, abbreviated disciplines, years as the faculty or the referent writes them, an
    empty row in the middle, a duplicated line, a TOTAL row with a formula (openpyxl keeps
    no computed value: a reader sees an empty cell), a note under the table and a second
    sheet of notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Suivi 2026"
    ws["A1"] = "Signataires CESP suivis par l'ARS — rentrée 2026 (fictif)"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:H1")
    ws["A1"].alignment = Alignment(horizontal="center")
    header = ["Prénom", "Nom d'usage", "Sexe", "Date de naissance", "Filière", "Année d'études", "Situation", "Observations"]
    ws.append([])
    ws.append(header)
    rows = [
        ["Maëlle", "KERHERVÉ", "F", "14/02/2001", "Médecine", "5e année", "En formation", ""],
        ["Yanis", "BENALI", "M", "03/07/2000", "Odonto", "DFASO2", "En formation", "rdv pris"],
        ["Louise", "DE LA VILLEMARQUÉ", "F", "21/09/1998", "Méd.", "Interne 2e année", "En formation", ""],
        None,
        ["Paul", "MORVAN", "M", "02/12/1994", "MG", "Docteur", "Diplômé", "thèse soutenue en juin"],
        ["Chloé", "LE BRIS", "F", "11/05/1999", "Pharma", "6e année", "En formation", ""],
        ["Inès", "TANGUY", "F", "30/01/2002", "Sage-femme", "4e année", "En formation", ""],
        ["Yanis", "BENALI", "M", "03/07/2000", "Odonto", "DFASO2", "En formation", "rdv pris"],
        ["Hugo", "QUÉRÉ", "M", "19/08/1997", "Médecine", "DES 3", "En formation", ""],
    ]
    for r in rows:
        ws.append(r if r else [])
    ws.append([])
    ws.append(["TOTAL", "=COUNTA(B4:B13)"])
    ws.append(["NB : situation au 1er octobre 2026, à vérifier avec les UFR."])
    notes = wb.create_sheet("Notes")
    notes.append(["Réunion du 12 septembre"])
    notes.append(["Relancer les UFR pour les internes."])
    notes.append(["Penser aux fiches de suivi annuel."])
    wb.properties.creator = "Suivi CESP (corpus de test)"
    wb.save(HERE / "habitudes-referent.xlsx")


def text_file() -> None:
    """A CSV as LibreOffice writes it by default (comma, quotes only where needed), with one
    "NOM Prénom" column, two-digit birth years, "Cursus" for the discipline and the
    faculties' names of the years."""
    rows = [
        ["NOM Prénom", "Né(e) le", "Cursus", "Année d'études", "Civilité", "Statut", "Courriel"],
        ["LE GALL Jean-Baptiste", "12/03/98", "Médecine", "DFASM2", "M.", "En formation", "jb.legall@exemple.fr"],
        ["DA SILVA DOS SANTOS Inês", "01/09/01", "Chir. dent.", "DFASO1", "Mme", "En formation", ""],
        ["Anne-Sophie DE LA TOUR D'AUVERGNE", "5.6.97", "Médecine", "Interne DES 2e année", "Mme", "En formation", ""],
        ["O'BRIEN Siobhán", "28 02 96", "Médecine", "Docteur junior", "Mme", "En formation", "s.obrien@exemple.fr"],
        ["PERROT Gaël", "17/10/99", "SF", "DFASMa1", "M.", "En formation", ""],
        ["N'DIAYE Awa", "09/04/03", "Médecine", "DFGSM3", "Mme", "Candidat", ""],
        ["martin léa", "05/03/98", "Médecine", "DFASM1", "Mme", "En formation", ""],
    ]
    with open(HERE / "nom-prenom-virgule.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)


def incomplete_csv() -> None:
    """The register of the issue as a referent really keeps it: a LibreOffice CSV (comma) with
    neither civility, nor status, nor signature date, an impossible date (31/04), a malformed
    e-mail address and a contract reference where the birth date is missing. Every row must
    be imported, each file listed with what it lacks."""
    rows = [
        ["NOM Prénom", "Né(e) le", "Cursus", "Année", "Mail", "Réf. contrat"],
        ["LE GALL Jean-Baptiste", "12/03/98", "Médecine", "DFASM2", "jb.legall@exemple.fr", ""],
        ["KERGUELEN Maïwenn", "31/04/1998", "Médecine", "Interne DES 2e année", "", "CESP-2024-0412"],
        ["ABGRALL Tugdual", "", "Odonto", "DFASO1", "tugdual.abgrall@", "CESP-2025-0077"],
        ["Soizic LE MEUR", "07.11.99", "Pharma", "5e année", "s.lemeur@exemple.fr", ""],
        ["GUÉGUEN Erwan", "23 06 95", "Médecine", "Docteur junior", "", ""],
        ["MADEC Nolwenn", "02/02/94", "MG", "Docteur", "n.madec@exemple.fr", ""],
        ["", "", "", "", "", ""],
        ["LE ROUX Armel", "", "Médecine", "DFASM3", "", ""],
    ]
    with open(HERE / "incomplet-virgule.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)


def duplicates_workbook() -> None:
    """A workbook kept by two people over the years: "Genre" H/F, a person entered twice with
    different details (the second line completes the first and disagrees on the phone), the
    same person a third time identical, and a discipline missing (the only refusal)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Signataires"
    ws.append(["Nom", "Prénom(s)", "Genre", "DDN", "Discipline", "Année d'études", "Téléphone", "Adresse"])
    ws.append(["CALVEZ", "Ronan", "H", "04/04/2000", "Médecine", "DFASM1", "06 11 22 33 44", ""])
    ws.append(["PRIGENT", "Gwenaëlle", "F", "18/12/1999", "Sage-femme", "5e année", "", "3 rue de Brest, 29200 Brest"])
    ws.append(["CALVEZ", "Ronan", "H", "04/04/2000", "Médecine", "DFASM1", "06 99 88 77 66", "12 quai Duguay-Trouin, 35400 Saint-Malo"])
    ws.append(["PRIGENT", "Gwenaëlle", "F", "18/12/1999", "Sage-femme", "5e année", "", "3 rue de Brest, 29200 Brest"])
    ws.append(["LE DÛ", "Corentin", "H", "30/06/1998", "", "Interne 1re année", "", ""])
    wb.properties.creator = "Suivi CESP (corpus de test)"
    wb.save(HERE / "doublons-genre.xlsx")


def unnamed_columns_csv() -> None:
    """An export from another tool, as Excel saves a CSV in France (';', Windows-1252): only
    the name columns have a header anyone knows; the others are "Info 1"… or empty, and are
    recognised by their values (e-mails, references, years of studies, disciplines,
    civilities, phones written five ways, birth dates)."""
    rows = [
        ["NOM", "PRENOM", "Info 1", "Info 2", "", "Info 4", "Info 5", "Info 6", "Info 7"],
        ["KERJEAN", "Bleuenn", "b.kerjean@exemple.fr", "CESP-2023-0101", "DFASM2", "Médecine", "Mme", "06.10.20.30.40", "11/01/1999"],
        ["LE FLOC'H", "Tristan", "t.lefloch@exemple.fr", "CESP-2024-0102", "Interne 1re année", "MG", "M.", "+33 6 11 22 33 44", "03/03/1998"],
        ["PENNEC", "Gwenn", "g.pennec@exemple.fr", "CESP-2022-0103", "DFASO1", "Odonto", "Mme", "0612131415", "25/12/2000"],
        ["JÉGOU", "Mathis", "m.jegou@exemple.fr", "CESP-2025-0104", "5e année", "Pharma", "M.", "06-16-17-18-19", "07/07/1999"],
    ]
    with open(HERE / "colonnes-sans-intitule.csv", "w", newline="", encoding="cp1252") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)


def opendocument_sheet() -> None:
    """A sheet written by odfpy as LibreOffice Calc users keep it: "Prénom NOM" in one column,
    "Madame"/"Monsieur", statuses with the feminine ("Installée"), phones with +33 and dots,
    and a "Date de signature du contrat" header."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    rows = [
        ["Prénom NOM", "Civilité", "Date de naissance", "Discipline", "Année", "Statut", "Date de signature du contrat", "Portable"],
        ["Rozenn LE BIHAN", "Madame", "14/05/1996", "Médecine", "Docteur", "Installée", "12/10/2016", "+33 6 20 30 40 50"],
        ["Yann-Erwan KERVELLA", "Monsieur", "02/02/2000", "Médecine", "DFASM3", "En formation", "01/09/2023", "06.21.31.41.51"],
        ["Morgane AR GALL", "Madame", "19/09/1999", "Sage-femme", "5e année", "En formation", "20/01/2026", ""],
    ]
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Signataires")
    for r in rows:
        tr = TableRow()
        for value in r:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(HERE / "prenom-nom-libreoffice.ods"))


if __name__ == "__main__":
    workbook()
    text_file()
    incomplete_csv()
    duplicates_workbook()
    unnamed_columns_csv()
    opendocument_sheet()
