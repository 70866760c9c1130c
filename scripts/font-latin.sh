#!/bin/sh
# Writes assets/fonts/DejaVuSans-Latin.ttf: DejaVu Sans cut to the Windows-1252 characters
# (every letter, accent and sign a French answer needs: é, œ, €, « », …), hinting dropped.
# Embedded whole in each fillable sheet, it lets any PDF reader draw what the signatory
# types (a subset of the printed glyphs would lack the letters not printed). Run by hand when
# the font changes (pyftsubset, from Debian's python3-fonttools); the output is committed.
set -eu
cd "$(dirname "$0")/.."
/usr/bin/python3 -m fontTools.subset assets/fonts/DejaVuSans.ttf \
  --unicodes="U+0020-007E,U+00A0-00FF,U+20AC,U+201A,U+0192,U+201E,U+2026,U+2020,U+2021,U+02C6,U+2030,U+0160,U+2039,U+0152,U+017D,U+2018,U+2019,U+201C,U+201D,U+2022,U+2013,U+2014,U+02DC,U+2122,U+0161,U+203A,U+0153,U+017E,U+0178" \
  --no-hinting --layout-features='' --name-IDs='*' --name-languages='*' --notdef-outline \
  --output-file=assets/fonts/DejaVuSans-Latin.ttf
