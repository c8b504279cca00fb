/* models/core/text.c: UTF-8 decoding, display width by wcwidth, search keys. */
#include "config.h"
#include "models/core/text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <uninorm.h>

#include "models/core/ambiguous.h"
#include "models/core/i18n.h"
#include "models/core/util.h"

#define REPLACEMENT 0xFFFDu

/* Set by text_plain_symbols: '?' and "..." instead of U+FFFD and U+2026, whose width is
 * ambiguous in East Asian terminals (one column or two, as the terminal is set). */
static int plain;

void
text_plain_symbols(int on)
{
	plain = on;
}

/* Set by text_ambiguous_wide: the terminal draws East Asian Ambiguous characters two columns
 * wide (Tera Term's Japanese/UTF-8, xterm -cjk_width). */
static int ambiguous_wide;

void
text_ambiguous_wide(int on)
{
	ambiguous_wide = on;
}

int
text_ambiguous_is_wide(void)
{
	return ambiguous_wide;
}

int
text_is_ambiguous(uint32_t cp)
{
	size_t lo = 0, hi = sizeof ambiguous_ranges / sizeof ambiguous_ranges[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < ambiguous_ranges[mid].first)
			hi = mid;
		else if (cp > ambiguous_ranges[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int n;

	if (len == 0)
		return -1;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		c = s[0] & 0x1F;
		n = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		c = s[0] & 0x0F;
		n = 3;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		c = s[0] & 0x07;
		n = 4;
	} else
		return -1;
	if (len < (size_t)n)
		return -1;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return n;
}

int
utf8_encode(uint32_t cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

long
text_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 0)
			return (long)i;
		i += (size_t)n;
	}
	return -1;
}

size_t
text_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int
is_control(uint32_t cp)
{
	/* C0, DEL and C1, and the invisible characters that reorder or hide text (bidirectional
	 * overrides and isolates, line and paragraph separators, zero-width space, BOM); the
	 * joiners that emoji sequences need are kept. */
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x200B ||
	       cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || cp == 0x2028 ||
	       cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0xFEFF;
}

int
text_has_control(const char *s, const char *allow)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 0)
			return 1;
		if (is_control(cp) &&
		    (allow == NULL || cp > 0x7F || strchr(allow, (int)cp) == NULL))
			return 1;
		i += (size_t)n;
	}
	return 0;
}

int
text_char_width(uint32_t cp)
{
	int w;

	/* A control is drawn as U+FFFD (ambiguous), or as '?' with plain symbols. */
	if (is_control(cp))
		return ambiguous_wide && !plain ? 2 : 1;
	if (ambiguous_wide && text_is_ambiguous(cp))
		return 2;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w;
}

/* Decode the next character for display: invalid bytes and controls become U+FFFD. */
static int
next_display_char(const char *s, size_t len, uint32_t *cp)
{
	int n = utf8_decode(s, len, cp);

	if (n < 0) {
		*cp = plain ? '?' : REPLACEMENT;
		return 1;
	}
	if (is_control(*cp))
		*cp = plain ? '?' : REPLACEMENT;
	return n;
}

int
text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int w = 0;
	uint32_t cp;

	while (i < len) {
		i += (size_t)next_display_char(s + i, len - i, &cp);
		w += text_char_width(cp);
	}
	return w;
}

size_t
text_prefix_bytes(const char *s, int width)
{
	size_t len = strlen(s), i = 0;
	int used = 0;
	uint32_t cp;

	while (i < len) {
		int n = next_display_char(s + i, len - i, &cp), w = text_char_width(cp);

		if (used + w > width)
			break;
		used += w;
		i += (size_t)n;
	}
	return i;
}

int
text_fit_room(int width)
{
	if (width < 0)
		width = 0;
	return width - (plain ? (width >= 3 ? 3 : width) : 1);
}

char *
text_fit(const char *s, int width, int pad)
{
	size_t len = strlen(s), i = 0, o = 0;
	char *out = xmalloc(len * 3 + (size_t)(width > 0 ? width : 0) + 8);
	int used = 0, total = text_width(s);
	uint32_t cp;

	if (width < 0)
		width = 0;
	/* Leave room for the ellipsis when the text does not fit. */
	int dots = width - text_fit_room(width), limit = total > width ? width - dots : width;

	while (i < len) {
		int n = next_display_char(s + i, len - i, &cp);
		int w = text_char_width(cp);

		if (used + w > limit)
			break;
		o += (size_t)utf8_encode(cp, out + o);
		used += w;
		i += (size_t)n;
	}
	if (total > width && width > 0) {
		if (plain)
			for (int d = 0; d < dots; d++)
				out[o++] = '.';
		else
			o += (size_t)utf8_encode(0x2026, out + o);
		used += dots;
	}
	while (pad && used < width) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return out;
}

int
text_next(const char *s, size_t len, size_t *i, uint32_t *cp)
{
	while (*i < len) {
		int n = utf8_decode(s + *i, len - *i, cp);

		if (n > 0) {
			*i += (size_t)n;
			return 1;
		}
		(*i)++;
	}
	return 0;
}

/* A new string of the characters of s as map turns them; map returns 0 to drop one. Invalid
 * bytes are dropped. The maps here never lengthen a character's encoding. */
static char *
text_map(const char *s, uint32_t (*map)(uint32_t))
{
	size_t len = strlen(s), i = 0, o = 0;
	char *out = xmalloc(len + 1);
	uint32_t cp;

	while (text_next(s, len, &i, &cp)) {
		if ((cp = map(cp)) != 0)
			o += (size_t)utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

static uint32_t
search_fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0; /* full-width ASCII */
	if (cp == ' ' || cp == 0x3000 || cp == '\t')
		return 0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 0x30A1 && cp <= 0x30F6)
		cp -= 0x60; /* katakana to hiragana */
	return cp;
}

static uint32_t
digit_only(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		cp -= 0xFF10 - '0';
	return cp >= '0' && cp <= '9' ? cp : 0;
}

/* Half-width katakana U+FF66..U+FF9D as full-width katakana; the voiced-sound marks U+FF9E and
 * U+FF9F become the combining U+3099 and U+309A, which search_key joins to the kana before. */
static const uint16_t halfwidth_kana[] = {
    0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2,
    0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9,
    0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE,
    0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6,
    0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x3099, 0x309A};

/* The hiragana h with a voiced (mark 0x3099) or semi-voiced (0x309A) sound mark, or 0. */
static uint32_t
compose_voiced(uint32_t h, uint32_t mark)
{
	/* か..ぢ take the mark on every other code point; つ, て, と; は..ほ every third. */
	if (mark == 0x3099) {
		if ((h >= 0x304B && h <= 0x3061 && (h - 0x304B) % 2 == 0) || h == 0x3064 ||
		    h == 0x3066 || h == 0x3068 ||
		    (h >= 0x306F && h <= 0x307B && (h - 0x306F) % 3 == 0))
			return h + 1;
		if (h == 0x3046) /* う: ゔ */
			return 0x3094;
	} else if (h >= 0x306F && h <= 0x307B && (h - 0x306F) % 3 == 0)
		return h + 2;
	return 0;
}

/* Kanji written in an older or variant form in names (異体字), as the form registers and
 * keyboards most often give: 髙橋 and 高橋 are one name to search and to the duplicate rule. */
static const uint32_t variants[][2] = {
    {0x9AD9, 0x9AD8}, /* 髙 高 */
    {0xFA11, 0x5D0E}, /* 﨑 崎 */
    {0x5D8B, 0x5CF6}, /* 嶋 島 */
    {0x5D8C, 0x5CF6}, /* 嶌 島 */
    {0x908A, 0x8FBA}, /* 邊 辺 */
    {0x9089, 0x8FBA}, /* 邉 辺 */
    {0x6FF5, 0x6D5C}, /* 濵 浜 */
    {0x6FF1, 0x6D5C}, /* 濱 浜 */
    {0x6FA4, 0x6CA2}, /* 澤 沢 */
    {0x9F4B, 0x658E}, /* 齋 斎 */
    {0x9F4A, 0x6589}, /* 齊 斉 */
    {0x6AFB, 0x685C}, /* 櫻 桜 */
    {0x570B, 0x56FD}, /* 國 国 */
    {0x5EE3, 0x5E83}, /* 廣 広 */
    {0x771E, 0x771F}, /* 眞 真 */
    {0x51A8, 0x5BCC}, /* 冨 富 */
    {0x60E0, 0x6075}, /* 惠 恵 */
    {0x5FB7, 0x5FB3}, /* 德 徳 */
    {0x7028, 0x702C}, /* 瀨 瀬 */
    {0x8218, 0x9928}, /* 舘 館 */
    {0x85CF, 0x8535}, /* 藏 蔵 */
    {0x589E, 0x5897}, /* 增 増 */
    {0x6A6B, 0x6A2A}, /* 橫 横 */
    {0x69C7, 0x69D9}, /* 槇 槙 */
    {0x7C60, 0x7BED}, /* 籠 篭 */
};

/* The common form of a variant kanji, or cp. */
static uint32_t
variant_fold(uint32_t cp)
{
	if (cp < 0x4E00)
		return cp;
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
		if (variants[i][0] == cp)
			return variants[i][1];
	return cp;
}

/* 1 when NFC leaves s as it is for certain: every character is one that neither decomposes
 * nor combines (before U+0300, kana but the combining voiced marks, CJK ideographs, CJK marks,
 * full-width forms), the text of almost every name: u8_normalize is then not needed. */
static int
nfc_already(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	while (text_next(s, len, &i, &cp))
		if (!(cp < 0x300 ||
		      (cp >= 0x3000 && cp <= 0x30FF && cp != 0x3099 && cp != 0x309A) ||
		      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF)))
			return 0;
	return 1;
}

char *
text_nfc(const char *s)
{
	size_t n = 0;
	uint8_t *u;
	char *out;

	if (text_invalid_at(s, strlen(s)) >= 0 || nfc_already(s))
		return xstrdup(s);
	u = u8_normalize(UNINORM_NFC, (const uint8_t *)s, strlen(s), NULL, &n);
	if (u == NULL)
		return xstrdup(s);
	out = xstrndup((const char *)u, n);
	free(u);
	return out;
}

char *
text_search_key(const char *s0)
{
	char *nfc = text_nfc(s0);
	const char *s = nfc;
	size_t len = strlen(s), i = 0, o = 0, last = (size_t)-1;
	char *out = xmalloc(len + 1);
	uint32_t cp, prev = 0;

	/* Every fold keeps or shortens a character's encoding (half-width kana and the marks are
	 * three bytes, as their replacements are), so out never outgrows s. */
	while (text_next(s, len, &i, &cp)) {
		if (cp >= 0xFF66 && cp <= 0xFF9F)
			cp = halfwidth_kana[cp - 0xFF66];
		else if (cp == 0x309B || cp == 0x309C) /* spacing marks as typed on some phones */
			cp -= 2;
		if ((cp = variant_fold(search_fold(cp))) == 0)
			continue;
		if (cp == 0x3099 || cp == 0x309A) {
			uint32_t v = last != (size_t)-1 ? compose_voiced(prev, cp) : 0;

			if (v != 0) {
				o = last;
				o += (size_t)utf8_encode(v, out + o);
				prev = v;
			}
			continue; /* a mark on nothing it fits is dropped */
		}
		last = o;
		prev = cp;
		o += (size_t)utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	free(nfc);
	return out;
}

/* The length of the space (ASCII or U+3000) at s, 0 when none is there. */
static size_t
space_at(const char *s)
{
	if (*s == ' ')
		return 1;
	return strncmp(s, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

const char *
text_second_word(const char *s)
{
	size_t n;

	while ((n = space_at(s)) > 0)
		s += n;
	while (*s != '\0' && space_at(s) == 0)
		s++;
	if (*s == '\0')
		return NULL;
	while ((n = space_at(s)) > 0)
		s += n;
	return *s != '\0' ? s : NULL;
}

char *
text_given_key(const char *s)
{
	const char *rest = text_second_word(s);

	return text_search_key(rest != NULL ? rest : "");
}

char *
text_narrow(const char *s)
{
	/* U+FF61..U+FF65: ｡｢｣､･ */
	static const uint16_t halfwidth_signs[] = {0x3002, 0x300C, 0x300D, 0x3001, 0x30FB};
	size_t len = strlen(s), i = 0, o = 0, last = (size_t)-1;
	char *out = xmalloc(len + 1);
	uint32_t cp, prev = 0;

	/* Every change keeps or shortens a character's encoding (three bytes each side for the
	 * kana, three to one for the full-width ASCII), so out never outgrows s. */
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 0) { /* an invalid byte is kept for the checks to name */
			out[o++] = s[i++];
			last = (size_t)-1;
			continue;
		}
		i += (size_t)n;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		else if (cp >= 0xFF61 && cp <= 0xFF65)
			cp = halfwidth_signs[cp - 0xFF61];
		else if (cp >= 0xFF66 && cp <= 0xFF9F)
			cp = halfwidth_kana[cp - 0xFF66];
		if (cp == 0x3099 || cp == 0x309A) {
			/* A half-width mark joins the katakana before it (ｶﾞ is ガ), as hiragana
			 * do; on anything else it stays a mark that shows (゛ ゜). */
			uint32_t v = last != (size_t)-1 && prev >= 0x30A1 && prev <= 0x30F6
			                 ? compose_voiced(prev - 0x60, cp)
			                 : 0;

			if (v != 0) {
				o = last;
				prev = v + 0x60;
				o += (size_t)utf8_encode(prev, out + o);
				continue;
			}
			if (s[i - (size_t)n] ==
			    '\xEF') /* the half-width one, not a combining mark */
				cp += 2;
		}
		last = o;
		prev = cp;
		o += (size_t)utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

char *
text_digits(const char *s)
{
	return text_map(s, digit_only);
}

int
text_is_kana(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	if (len == 0)
		return 0;
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 0)
			return 0;
		i += (size_t)n;
		/* hiragana, katakana with ー and the voiced marks, half-width katakana, spaces */
		if (!((cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF) ||
		      (cp >= 0xFF66 && cp <= 0xFF9F) || cp == ' ' || cp == 0x3000))
			return 0;
	}
	return 1;
}

int
text_is_phone(const char *s)
{
	char *folded = text_search_key(s); /* full-width digits and signs to ASCII, no spaces */
	int ok = strspn(folded, "0123456789-()+") == strlen(folded) &&
	         strpbrk(folded, "0123456789") != NULL;

	free(folded);
	return ok;
}

int
text_check_field(const char *what, const char *v, int required, size_t max, char **cause)
{
	char *key;

	if (text_invalid_at(v, strlen(v)) >= 0) {
		set_cause(cause, _("%s: not valid UTF-8"), what);
		return -1;
	}
	if (text_has_control(v, NULL)) {
		set_cause(cause, _("%s: contains a control character"), what);
		return -1;
	}
	if (text_chars(v) > max) {
		set_cause(cause, _("%s: longer than %zu characters"), what, max);
		return -1;
	}
	key = text_search_key(v);
	if (required && *key == '\0') {
		set_cause(cause, _("%s: must not be empty"), what);
		free(key);
		return -1;
	}
	free(key);
	return 0;
}

/* Characters that draw nothing although they are not spaces: the Hangul and Braille fillers. */
static int
is_filler(uint32_t cp)
{
	return cp == 0x3164 || cp == 0xFFA0 || cp == 0x115F || cp == 0x1160 || cp == 0x2800 ||
	       cp == 0x180E;
}

int
text_is_blank(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	while (text_next(s, len, &i, &cp))
		if (!is_filler(cp) &&
		    !uc_is_general_category(
		        cp, uc_general_category_or(uc_general_category_or(UC_SEPARATOR, UC_CONTROL),
		                                   uc_general_category_or(UC_FORMAT, UC_MARK))))
			return 0;
	return 1;
}

int
text_check_value(const char *v, int required, size_t max, const char *allow, char **cause)
{
	char *key;
	int blank;

	if (*v == '\0') {
		if (!required)
			return 0;
		set_cause(cause, "%s", _("must not be empty"));
		return -1;
	}
	if (text_invalid_at(v, strlen(v)) >= 0) {
		set_cause(cause, "%s", _("not valid UTF-8"));
		return -1;
	}
	if (text_has_control(v, allow)) {
		set_cause(cause, "%s", _("contains a control character"));
		return -1;
	}
	key = text_search_key(v); /* spaces, ASCII and ideographic, removed */
	blank = *key == '\0';
	free(key);
	if (blank) {
		set_cause(cause, "%s", _("holds nothing but spaces"));
		return -1;
	}
	if (text_is_blank(v)) {
		set_cause(cause, "%s",
		          _("holds no visible character (only spaces, invisible characters, "
		            "fillers or combining marks)"));
		return -1;
	}
	if (text_chars(v) > max) {
		set_cause(cause, _("longer than %zu characters"), max);
		return -1;
	}
	return 0;
}

int
text_check_code(const char *v, char **cause)
{
	static const char code_chars[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

	if (text_check_value(v, 1, 32, NULL, cause) != 0)
		return -1;
	if (strspn(v, code_chars) != strlen(v)) {
		set_cause(cause, _("'%s' is not a code (letters, digits, '.', '_' and '-' only)"),
		          v);
		return -1;
	}
	return 0;
}
