#!/usr/bin/env python3
"""The comparison a referent makes today: the same follow-up sheets as a mail merge, one
pre-filled document per signatory (flat ODT, from fiche-modele.fodt), turned into PDF by
LibreOffice headless. Usage: libreoffice_sheets.py DB YEAR N OUT_DIR -> prints the seconds."""
import html
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

db, year, n, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
template = (Path(__file__).parent / "fiche-modele.fodt").read_text(encoding="utf-8")
src = out / "odt"
pdf = out / "pdf"
src.mkdir(parents=True, exist_ok=True)
pdf.mkdir(parents=True, exist_ok=True)
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = con.execute(
    """SELECT s.last_name, s.first_names, s.discipline, coalesce(s.specialty, ''), coalesce(s.ufr, ''),
              coalesce(s.cycle, '') || ' ' || coalesce(s.study_year, ''), coalesce(s.email, ''),
              coalesce(s.phone, ''), coalesce(s.address, ''), coalesce(s.signature_date, '')
       FROM followup_form f JOIN signatory s ON s.id = f.signatory_id
       WHERE f.year = ? ORDER BY s.name_key, s.id LIMIT ?""",
    (year, n),
).fetchall()
if len(rows) < n:
    sys.exit(f"only {len(rows)} forms in the {year} campaign")
keys = ["nom", "prenoms", "discipline", "specialite", "ufr", "cycle", "courriel", "telephone", "adresse", "signature"]
for i, row in enumerate(rows):
    doc = template.replace("{{ars}}", "ARS Bretagne").replace("{{annee}}", str(year))
    for k, v in zip(keys, row):
        doc = doc.replace("{{" + k + "}}", html.escape(str(v)))
    (src / f"fiche-{i:04d}.fodt").write_text(doc, encoding="utf-8")
files = sorted(str(p) for p in src.glob("*.fodt"))
# In batches of 100 documents per LibreOffice run: given all 1 000 at once, LibreOffice 7.4
# stopped after 247 of them here (no error, no output for the rest).
BATCH = 100
start = time.monotonic()
for i in range(0, len(files), BATCH):
    subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(pdf), *files[i : i + BATCH]],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
elapsed = time.monotonic() - start
made = len(list(pdf.glob("*.pdf")))
if made != n:
    sys.exit(f"LibreOffice wrote {made} PDF files out of {n}")
print(f"{elapsed:.3f}")
