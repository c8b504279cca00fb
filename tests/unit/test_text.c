/* Unit tests for models/text.c: UTF-8, display width, fitting, search keys. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "models/core/text.h"
#include "tests/tap.h"

static void
fit_is(const char *s, int width, int pad, const char *want, const char *name)
{
	char *got = text_fit(s, width, pad);

	is_str(got, want, "%s", name);
	free(got);
}

/* One test point: the key that function f makes of s (an owned string) is want. */
static void
made_is(char *(*f)(const char *), const char *s, const char *want, const char *name)
{
	char *got = f(s);

	is_str(got, want, "%s", name);
	free(got);
}

static void
key_is(const char *s, const char *want, const char *name)
{
	made_is(text_search_key, s, want, name);
}

int
main(void)
{
	uint32_t cp;

	setlocale(LC_ALL, "C.UTF-8");

	is_int(utf8_decode("\xE9\x96\xA2", 3, &cp), 3, "decodes a three-byte character");
	is_int(cp, 0x95A2, "as U+95A2 関");
	is_int(utf8_decode("\xC0\xAF", 2, &cp), -1, "rejects an overlong form");
	is_int(utf8_decode("\xED\xA0\x80", 3, &cp), -1, "rejects a UTF-16 surrogate");
	is_int(utf8_decode("\xF4\x90\x80\x80", 4, &cp), -1, "rejects a value past U+10FFFF");
	is_int(utf8_decode("\xE9\x96", 2, &cp), -1, "rejects a cut-off character");
	is_int(text_invalid_at("ab\xFF"
	                       "c",
	                       4),
	       2, "finds the offset of a bad byte");
	is_int(text_invalid_at("関ヶ原", strlen("関ヶ原")), -1, "accepts valid UTF-8");

	is_int(text_width("abc"), 3, "ASCII is one column a character");
	is_int(text_width("関ヶ原"), 6, "kanji and small ke are two columns each");
	is_int(text_width("ｶﾅ"), 2, "half-width katakana are one column each");
	is_int(text_width("😀"), 2, "an emoji is two columns");
	is_int(text_width("e\xCC\x81"), 1, "a combining accent takes no column");
	is_int(text_width("a\x1B[31mb"), 7,
	       "an escape sequence is drawn as replacement characters");
	is_int(text_chars("関ヶ原"), 3, "counts characters, not bytes");

	fit_is("関ヶ原", 6, 0, "関ヶ原", "fits exactly");
	fit_is("関ヶ原", 5, 0, "関ヶ…", "cuts on a character boundary with an ellipsis");
	fit_is("関ヶ原", 4, 0, "関…", "never splits a wide character");
	fit_is("関ヶ原", 8, 1, "関ヶ原  ", "pads to the width");
	fit_is("abc", 0, 0, "", "width 0 gives nothing");
	fit_is("a\x1B]0;x\x07z", 20, 0, "a\xEF\xBF\xBD]0;x\xEF\xBF\xBDz",
	       "control characters never reach the terminal");
	fit_is("a\xFF"
	       "b",
	       5, 0,
	       "a\xEF\xBF\xBD"
	       "b",
	       "invalid bytes become U+FFFD");

	is_int(text_prefix_bytes("関ヶ原です", 5), 6,
	       "a prefix ends on a character boundary (関ヶ in 5)");
	is_int(text_prefix_bytes("abc", 10), 3, "all of a short text fits");
	is_int(text_prefix_bytes("関", 1), 0, "a wide character does not fit in one column");

	ok(text_has_control("a\tb", NULL), "a tab is a control character");
	ok(!text_has_control("a\tb", "\t"), "unless allowed");
	ok(text_has_control("a\xC2\x9B", NULL), "C1 controls (CSI) are found");
	ok(!text_has_control("佐藤　和子", NULL), "an ideographic space is not a control");

	key_is("サトウ　カズコ", "さとうかずこ", "katakana fold to hiragana, spaces go");
	key_is("さとう かずこ", "さとうかずこ", "hiragana stay");
	key_is("ＳＡＴＯ Ｋａｚｕｋｏ", "satokazuko", "full-width ASCII folds to lower case");
	key_is("ｺﾊﾞﾔｼ ﾋﾛｼ", "こばやしひろし", "half-width katakana with voiced marks");
	key_is("ﾊﾟｿｺﾝ", "ぱそこん", "half-width with the semi-voiced mark");
	key_is("カ\xE3\x82\x99", "が", "a combining voiced mark joins the kana before");
	key_is("ｳﾞｨ", "ゔぃ", "ｳﾞ becomes ゔ");
	key_is("ﾞｱ", "あ", "a mark on nothing is dropped");
	key_is("ﾝﾞ", "ん", "and a mark on a kana that takes none");
	made_is(text_digits, "０３-３７８５（１２３４）", "0337851234",
	        "phone digits, full-width too");
	made_is(text_given_key, "小林　博", "博", "the given name after an ideographic space");
	made_is(text_given_key, " ｺﾊﾞﾔｼ  ﾋﾛｼ ", "ひろし",
	        "after ASCII spaces, folded as the other keys");
	made_is(text_given_key, "小林博", "", "none in a name of one word");
	ok(text_second_word("博 小林") != NULL && strcmp(text_second_word("博 小林"), "小林") == 0,
	   "the second word of a query");
	ok(text_second_word("  小林  ") == NULL, "none when there is one word");

	/* NFC, blank-looking text, variant kanji. */
	{
		char *a = text_nfc("Jose\xCC\x81"), *k1 = text_search_key("Jos\xC3\xA9"),
		     *k2 = text_search_key("Jose\xCC\x81"), *k3 = text_search_key("髙橋　和子"),
		     *k4 = text_search_key("高橋和子");

		is_str(a, "Jos\xC3\xA9", "NFD José becomes NFC");
		is_str(k1, k2, "José in NFC and NFD have one search key");
		is_str(k3, k4, "髙橋 and 高橋 have one search key");
		free(a);
		free(k1);
		free(k2);
		free(k3);
		free(k4);
		ok(text_is_blank(
		       "\xC2\xA0\xE2\x80\x8D\xE3\x85\xA4\xE2\xA0\x80\xEF\xBE\xA0\xCC\x81"),
		   "NBSP, ZWJ, fillers and a lone combining mark are blank");
		ok(!text_is_blank("\xCC\x81"
		                  "a"),
		   "a letter is not");
		ok(!text_is_blank("😀"), "an emoji is not");
	}
	/* Numbers and codes as typed on a Japanese keyboard: narrowed, one rule for all input. */
	{
		static const char *const cases[][3] = {
		    {"２０", "20", "full-width digits"},
		    {"Ｐ０００１", "P0001", "a code in full-width letters and digits"},
		    {"ｉｎｔｒｏ－ａｎｄｒｏｉｄ＿１", "intro-android_1", "and signs"},
		    {"２０２６－１２－０１", "2026-12-01", "a date"},
		    {"１０：００", "10:00", "a time"},
		    {"０９０－１２３４－５６７８", "090-1234-5678", "a phone number"},
		    {"火，木　１０：００", "火,木 10:00", "the ideographic space to a space"},
		    {"ｶﾞｸｼｭｳ", "ガクシュウ",
		     "half-width katakana to full-width, voiced marks joined"},
		    {"ﾊﾟｿｺﾝ", "パソコン", "semi-voiced too"},
		    {"ｳﾞ", "ヴ", "ウ with the voiced mark"},
		    {"ｱﾞ", "ア゛", "a mark that joins nothing stays a mark that shows"},
		    {"ｺﾞ\xE3\x82\x99", "ゴ\xE3\x82\x99", "a combining mark typed as such stays"},
		    {"｢ﾃｽﾄ｣､", "「テスト」、", "half-width brackets and comma"},
		    {"abc-123", "abc-123", "ASCII as it is"},
		    {"小林　博", "小林 博", "kanji as they are"},
		    {"a\xFF"
		     "b",
		     "a\xFF"
		     "b",
		     "an invalid byte kept for the checks to name"},
		    {"", "", "nothing"},
		};

		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			char *n = text_narrow(cases[i][0]);

			is_str(n, cases[i][1], "text_narrow: %s", cases[i][2]);
			free(n);
		}
	}
	return done_testing();
}
