#!/bin/sh
# Command-line conventions: --help, --version, exit codes, "sumaho:" errors on stderr.
. "$top_srcdir/tests/lib.sh"

run --help
is "$status" 0 "--help exits 0"
has "$out" "使い方: sumaho" "--help is in Japanese by default"
for c in init import export report qr; do
	has "$out" "  $c " "--help lists the $c command"
done
is "$err" "" "--help writes nothing on stderr"

LANGUAGE=en run --help
has "$out" "Usage: sumaho [OPTION]... [COMMAND [ARGUMENT]...]" "LANGUAGE=en gives English help"
LANG=en_US.UTF-8 run --help
has "$out" "Usage: sumaho" "LANG=en_US.UTF-8 gives English, even with no such locale installed"
LANG=ja_JP.UTF-8 run --help
has "$out" "使い方" "LANG=ja_JP.UTF-8 gives Japanese"

run --version
is "$status" 0 "--version exits 0"
has "$out" "sumaho 0.1.0" "--version names the version"

run --bogus
is "$status" 2 "an unknown option is a usage error (2)"
has "$err" "sumaho: " "errors start with 'sumaho: '"
has "$err" "'--bogus'" "and name the option"
is "$out" "" "nothing on stdout"
run -x
is "$status" 2 "an unknown short option is a usage error"
has "$err" "'-x'" "naming the short option"
run --db
is "$status" 2 "a missing option argument is a usage error"

run frobnicate
is "$status" 2 "an unknown command is a usage error"
has "$err" "sumaho: 'frobnicate' というコマンドはありません" "naming the command"

run --today 2023-02-29 report monthly
is "$status" 2 "--today with a day that does not exist is a usage error"
has "$err" "2023-02-29" "naming the date"

# (on PostgreSQL: a database without sumaho's schema, which only init makes)
run --db "$T/none.db" report monthly
is "$status" 1 "a missing database is a failure (1)"
has "$err" "sumaho: $(on_sqlite && echo "$T/none.db" || "$top_srcdir/tests/pg/sumaho-pg" --map "$T/none.db") にデータベースがありません ('sumaho init' で作成してください)" \
	"and says how to create one"
db_exists "$T/none.db"
made=$?
is $made 1 "and no database was created by accident"

run --db "$T/x.db" init
run --db "$T/x.db" report monthly --from 2022-13
is "$status" 2 "a month that does not exist is a usage error"
has "$err" "'2022-13'" "naming it"
run --db "$T/x.db" report monthly --from 2022-09 --to 2022-04
is "$status" 2 "--from after --to is a usage error"
run --db "$T/x.db" report weekly
is "$status" 2 "an unknown report is a usage error"
has "$err" "使い方: sumaho report monthly|classes" "with the usage line"

run --db "$T/x.db"
is "$status" 2 "the screens refuse to start without a terminal"
has "$err" "端末が必要です" "and say why"

LANGUAGE=en run --db "$T/x.db" import nonsense file.csv
is "$status" 2 "an unknown import kind is a usage error"
has "$err" "sumaho: unknown kind of record 'nonsense'" "naming it, in English"

done_testing
