#!/bin/sh
# Regenerate the field references inside docs/format.md and docs/schemes.md
# from the descriptor tables (the text between the reference markers is
# replaced).
set -eu
cd "$(dirname "$0")/.."
make -s build/jixiao
refresh() { # refresh DOC [schema option]
	doc=$1
	shift
	ref=$(mktemp)
	./build/jixiao schema "$@" >"$ref"
	awk -v ref="$ref" '
		/<!-- reference:begin -->/ { print; while ((getline line < ref) > 0) print line; skip = 1; next }
		/<!-- reference:end -->/ { skip = 0 }
		!skip { print }
	' "$doc" >"$doc.new"
	mv "$doc.new" "$doc"
	rm -f "$ref"
}
refresh docs/format.md
refresh docs/schemes.md --scheme
