/* models/core/text.h: UTF-8, display width and search keys; no terminal knowledge. */
#ifndef MODELS_CORE_TEXT_H
#define MODELS_CORE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode one UTF-8 character at s (at most len bytes); return its length, or -1 if invalid. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* The next valid character of s (len bytes) from *i into *cp, moving *i past it and past any
 * invalid bytes before it: 1, or 0 at the end. */
int text_next(const char *s, size_t len, size_t *i, uint32_t *cp);
/* Append the UTF-8 encoding of cp to buf (at least 4 bytes); return the number of bytes. */
int utf8_encode(uint32_t cp, char *buf);
/* Return -1 if s[0..len) is valid UTF-8, else the offset of the first bad byte. */
long text_invalid_at(const char *s, size_t len);
/* Number of characters (code points) in a valid UTF-8 string. */
size_t text_chars(const char *s);
/* Nonzero if s holds a control character (C0, DEL or C1, or an invisible character that
 * reorders or hides text, such as U+202E) other than the ASCII ones in allow. */
int text_has_control(const char *s, const char *allow);

/* Display width of one character: 0, 1 or 2; controls and unknowns count as 1 (shown as U+FFFD). */
int text_char_width(uint32_t cp);
/* Display width of s as drawn by text_fit (invalid bytes and controls as U+FFFD). */
int text_width(const char *s);
/* A new string safe to draw: invalid bytes and controls become U+FFFD, cut to at most width
 * columns on a character boundary with an ellipsis, padded with spaces when pad is set. */
char *text_fit(const char *s, int width, int pad);
/* The columns text_fit keeps of a text wider than width, before its ellipsis. */
int text_fit_room(int width);

/* With on, text_fit and text_width show invalid bytes and controls as '?' and cut text with
 * "...": no character whose width East Asian terminals disagree on (the lobby kiosk). */
void text_plain_symbols(int on);
/* With on, East Asian Ambiguous characters (…, →, ○, ▀, é, Greek and Cyrillic letters and
 * more) count two columns, as the terminal draws them (see [display] ambiguous). */
void text_ambiguous_wide(int on);
int text_ambiguous_is_wide(void);
/* Nonzero when cp's East Asian Width is Ambiguous (models/core/ambiguous.h). */
int text_is_ambiguous(uint32_t cp);

/* The number of bytes of the longest start of s that fits in width columns, ending on a
 * character boundary (for wrapping text over lines). */
size_t text_prefix_bytes(const char *s, int width);
/* A new string: s in Unicode's composed form (NFC), so that José typed as one character or as
 * e and a combining accent is one text; s itself when it is not valid UTF-8. */
char *text_nfc(const char *s);
/* Nonzero if s draws nothing: only spaces (NBSP, ideographic), format characters (U+200D...),
 * fillers (U+3164, U+FFA0, U+2800), controls and combining marks without a base ("" too). */
int text_is_blank(const char *s);
/* A new search key: s in NFC, full-width ASCII folded to ASCII and lower case, katakana to
 * hiragana, variant kanji of names to their common form (髙 to 高, 﨑 to 崎), spaces (ASCII and
 * ideographic) removed. */
char *text_search_key(const char *s);
/* Check a field as people type it: valid UTF-8, no control characters, at most max
 * characters and, when required, more than spaces. 0, or -1 with *cause naming the field
 * ("what: ..."). */
int text_check_field(const char *what, const char *v, int required, size_t max, char **cause);
/* Check a value for a field that the caller names: empty (refused when required), valid
 * UTF-8, no control character but the ASCII ones in allow (a description's line breaks), more
 * than spaces, at most max characters. 0, or -1 with *cause saying why without naming the
 * field ("must not be empty"), so that a form names its label and an import its column. */
int text_check_value(const char *v, int required, size_t max, const char *allow, char **cause);
/* Check a record's code the same way: 1 to 32 letters, digits, '.', '_' and '-', so that what
 * is typed, exported in UIDs and imported again is always the same code. */
int text_check_code(const char *v, char **cause);
/* Nonzero if s is a phone number as people write it: digits (ASCII or full-width), '-', '(',
 * ')', '+' and spaces, with at least one digit. */
int text_is_phone(const char *s);
/* Nonzero if s is not empty and holds only kana (hiragana, katakana, half-width katakana, the
 * long vowel mark) and spaces. */
int text_is_kana(const char *s);
/* Where the second word of s begins: after the first run of non-spaces and the spaces (ASCII
 * or ideographic) after it; NULL when there is no second word. Borrowed from s. */
const char *text_second_word(const char *s);
/* A new search key (text_search_key) of what follows the first word of a name: the given name
 * of "小林　博" or the kana "コバヤシ　ヒロシ"; "" when there is one word only. */
char *text_given_key(const char *s);
/* A new string: s as typed for a number, a date, a time, a choice, a code or a phone number,
 * narrowed: full-width ASCII (Ｐ００１２, ２０, －) and the ideographic space to ASCII, and
 * half-width katakana (ｶﾞ) to full-width (ガ). Invalid bytes are kept for the checks to
 * name. The one normalisation of such input: CLI options, forms and CSV import. */
char *text_narrow(const char *s);
/* A new string of the digits in s (ASCII or full-width), for phone search. */
char *text_digits(const char *s);

#endif
