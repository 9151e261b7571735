#!/usr/bin/env bash
# The Debian packages Loa Làng's tests need beyond Python (ADR 0076). `make test` and `.ci/run`
# both call this. As root it apt-get installs what is missing; as anyone else it prints the exact
# command and exits 1, so `make test` fails with that message instead of skipping tests.
#
#   scripts/bootstrap-system.sh          what `make test` needs
#   scripts/bootstrap-system.sh --ci     also the PostgreSQL client (backups) and Redis (shared cache)
set -euo pipefail

ci=0
case "${1:-}" in
  --ci) ci=1 ;;
  "") ;;
  *) echo "usage: $0 [--ci]" >&2; exit 2 ;;
esac

need=()
have() { command -v "$1" >/dev/null 2>&1; }

# Browser tests drive Debian's chromium through Playwright (its own browser download is blocked).
have chromium || have chromium-browser || need+=(chromium)
# Liberation Serif 2.x: Times New Roman's metric twin WITH Vietnamese glyphs (fonts-liberation 1.x
# lacks ư ạ ế ...). Asked through fontconfig by language, so the old package does not count.
# (not grep -q: with pipefail, SIGPIPE would fail the pipe)
if ! have fc-list || ! fc-list ':lang=vi' family 2>/dev/null | grep "Liberation Serif" >/dev/null; then
  need+=(fonts-liberation2)
fi
# WeasyPrint renders PDFs through Pango.
compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || need+=(libpango-1.0-0 libpangoft2-1.0-0)
# LibreOffice opens the DOCX we render and lays it out, where tests compare it with our PDF.
have soffice || have libreoffice || need+=(libreoffice-writer-nogui)
if [ "$ci" = 1 ]; then
  have pg_dump || need+=(postgresql-client)
  have redis-server || need+=(redis-server)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "${EUID}" = 0 ]; then
  echo "bootstrap: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi

{
  echo "bootstrap: the tests need Debian packages that are not installed: ${need[*]}"
  echo "Install them once, then run the command again:"
  echo
  echo "    sudo apt-get install -y ${need[*]}"
  echo
} >&2
exit 1
