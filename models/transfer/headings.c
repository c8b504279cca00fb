/* models/transfer/headings.c: the names a file's heading may give a column. The city's online
 * application service (品川区電子申請サービス) and staff spreadsheets head their columns in
 * Japanese; each column's own (English) name is always understood too, and a site adds the
 * names of its own forms in [import] (COLUMN = heading, heading, ...). Headings are compared
 * as search keys: spaces, full-width/half-width and katakana/hiragana do not matter. */
#include "config.h"
#include "models/transfer/transfer.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/text.h"

/* The documented table (the man page lists it): column, then the headings that mean it. */
static const struct heading {
	const char *column;
	const char *const names[6];
} headings[] = {
    {"ref", {"申込番号", "受付番号", "整理番号", NULL}},
    {"code", {"利用者番号", "区民番号", NULL}},
    {"name", {"氏名", "お名前", "名前", "申込者氏名", NULL}},
    {"kana", {"フリガナ", "氏名（カナ）", "氏名（フリガナ）", "カナ", NULL}},
    {"birth_year", {"生年月日", "生年", "生まれ年", NULL}},
    {"phone", {"電話番号", "連絡先電話番号", "電話", NULL}},
    {"resident", {"区内在住", "区民", "区内在住者", NULL}},
    {"language", {"言語", "使用言語", "通知の言語", NULL}},
    {"applied_at", {"申込日時", "受付日時", "申込日", "受付日", NULL}},
    {"offering", {"申込講座", "希望講座", "講座名", "第1希望", NULL}},
    {"second_choice", {"第2希望", NULL}},
    {"choice", {"希望順位", NULL}},
    {"channel", {"申込方法", NULL}},
};

/* 1 when heading h (a search key) is one of the comma-separated names in list. */
static int
in_list(const char *list, const char *h)
{
	const char *p = list;

	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		char *one = xstrndup(p, n), *key = text_search_key(one);
		int same = *key != '\0' && strcmp(key, h) == 0;

		free(one);
		free(key);
		if (same)
			return 1;
		p += n + (p[n] == ',');
	}
	return 0;
}

int
import_heading_is(const char *column, const char *heading, const struct strlist *extra)
{
	char *h = text_search_key(heading), *own = text_search_key(column);
	int yes = *h != '\0' && strcmp(own, h) == 0;
	size_t len = strlen(column);

	free(own);
	for (size_t i = 0; !yes && i < sizeof headings / sizeof headings[0]; i++) {
		if (strcmp(headings[i].column, column) != 0)
			continue;
		for (int j = 0; !yes && headings[i].names[j] != NULL; j++) {
			char *key = text_search_key(headings[i].names[j]);

			yes = strcmp(key, h) == 0;
			free(key);
		}
	}
	/* A site's own names: "column=heading, heading". */
	for (size_t i = 0; !yes && extra != NULL && i < extra->n; i++)
		if (strncmp(extra->v[i], column, len) == 0 && extra->v[i][len] == '=')
			yes = in_list(extra->v[i] + len + 1, h);
	free(h);
	return yes;
}
