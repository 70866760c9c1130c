"""Fills a fillable follow-up sheet as a signatory's PDF reader would, with pypdf (a PDF
library the project did not write), or reads its fields back.

    python3 fill_sheet.py read SHEET.pdf              -> the fields as JSON {name: value}
    python3 fill_sheet.py fill SHEET.pdf OUT.pdf JSON -> OUT.pdf with the values of JSON set

A value starting with "/" chooses a radio button (its export value)."""
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject


def read(path):
    fields = PdfReader(path).get_fields() or {}
    out = {}
    for name, f in fields.items():
        v = f.get("/V")
        out[name] = None if v is None else str(v)
    print(json.dumps(out, ensure_ascii=False))


def fill(path, out, values):
    reader = PdfReader(path)
    writer = PdfWriter()
    writer.append(reader)
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            parent = annot.get("/Parent")
            field = parent.get_object() if parent is not None else annot
            name = field.get("/T")
            if name not in values:
                continue
            value = values[name]
            if value.startswith("/"):
                # A radio group: the parent's value, and each button's state.
                field[NameObject("/V")] = NameObject(value)
                states = list(annot["/AP"]["/N"].keys())
                annot[NameObject("/AS")] = NameObject(value if value in states else "/Off")
            else:
                field[NameObject("/V")] = TextStringObject(value)
    # The values are set without their appearances, as many tools do: the reader is asked
    # to redraw them (with the form's own embedded font).
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    with open(out, "wb") as f:
        writer.write(f)


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        fill(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
