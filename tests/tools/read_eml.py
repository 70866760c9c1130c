"""Reads an .eml draft with Python's email package (a parser the project did not write) and
prints what a mail client would show, as JSON: headers decoded, the text, the attachments."""
import json
import sys
from email import policy
from email.parser import BytesParser

with open(sys.argv[1], "rb") as f:
    msg = BytesParser(policy=policy.default).parse(f)
body = msg.get_body(preferencelist=("plain",))
attachments = []
for part in msg.iter_attachments():
    data = part.get_payload(decode=True)
    attachments.append({
        "filename": part.get_filename(),
        "type": part.get_content_type(),
        "size": len(data),
        "pdf": data[:5].decode("latin-1"),
    })
    if len(sys.argv) > 2:
        with open(sys.argv[2], "wb") as out:
            out.write(data)
print(json.dumps({
    "from": str(msg["From"]),
    "to": str(msg["To"]),
    "subject": str(msg["Subject"]),
    "x_unsent": msg["X-Unsent"],
    "text": body.get_content() if body else "",
    "attachments": attachments,
}, ensure_ascii=False))
