#!/bin/sh
# The Japanese and English catalogs are complete: every message in the sources is translated,
# nothing is fuzzy, and msgfmt --check finds no format mismatch.
. "$top_srcdir/tests/lib.sh"
MSGFMT=${MSGFMT:-msgfmt}
if ! command -v xgettext >/dev/null 2>&1 || ! command -v msgcmp >/dev/null 2>&1; then
	echo "1..0 # SKIP gettext tools (xgettext, msgcmp) are not installed"
	exit 0
fi
cd "$top_srcdir" || exit 99
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	-o "$T/current.pot" models/*/*.c tui/*.c tui/*/*.c 2>"$T/xgettext.err"
ok $? "xgettext reads the sources"
for l in ja en; do
	stats=$(LC_ALL=C "$MSGFMT" --check --statistics -o /dev/null "locales/$l.po" 2>&1)
	ok $? "msgfmt --check accepts locales/$l.po"
	hasnt "$stats" "untranslated" "locales/$l.po has no untranslated message"
	hasnt "$stats" "fuzzy" "locales/$l.po has no fuzzy message"
	msgcmp "locales/$l.po" "$T/current.pot" >"$T/msgcmp.out" 2>&1
	ok $? "locales/$l.po covers every message in the sources"
	[ -s "$T/msgcmp.out" ] && head -20 "$T/msgcmp.out" | sed 's/^/# /'
done
done_testing
