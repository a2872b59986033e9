#!/bin/sh
# Regenerate the field reference inside docs/format.md from the descriptor
# tables (the text between the reference markers is replaced).
set -eu
cd "$(dirname "$0")/.."
make -s build/jixiao
ref=$(mktemp)
./build/jixiao schema >"$ref"
awk -v ref="$ref" '
	/<!-- reference:begin -->/ { print; while ((getline line < ref) > 0) print line; skip = 1; next }
	/<!-- reference:end -->/ { skip = 0 }
	!skip { print }
' docs/format.md >docs/format.md.new
mv docs/format.md.new docs/format.md
rm -f "$ref"
