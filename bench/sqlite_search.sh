#!/usr/bin/env bash
# The floor for search-as-you-type: the same FTS5 query as the list's first page, run by the
# sqlite3 command-line tool on the same file, REPEAT times in one process.
# Usage: sqlite_search.sh DB TEXT REPEAT -> one "Run Time: real S" line per query.
set -euo pipefail
db="$1"; text="$2"; repeat="$3"
query="SELECT s.id, s.last_name, s.first_names FROM signatory s WHERE s.id IN (SELECT rowid FROM signatory_fts WHERE signatory_fts MATCH '\"$text\"*') ORDER BY s.name_key, s.id LIMIT 50;"
{
  echo ".timer on"
  echo ".output /dev/null"
  for _ in $(seq "$repeat"); do echo "$query"; done
} | sqlite3 -readonly "$db" 2>&1 | grep -o 'real [0-9.]*' | awk '{print $2}'
