/* models/notices/notices.h: paper after a draw, the one header of models/notices/: a notice of
 * the result to each applicant (notices.c, laid out with Cairo and Pango in pdf.c), the class
 * list for the day with a column to tick attendance (roster.c), and the draw's entries for the
 * return-postcard mail merge with Japanese headings (merge.c).
 *
 * The PDFs embed the configured TrueType font (fontconfig's name for it, [notices] font, by
 * default IPAexGothic from fonts-ipaexfont-gothic), so that their text can be extracted and
 * they print the same everywhere. A notice's words come from the message catalog of its
 * reader's language (people.language; or one language for every page the caller names); in
 * Japanese the dates are given both in the Japanese era (令和) and in the Western form, in
 * English in the Western form. A roster follows the catalog in force. Notices and rosters name
 * residents: their files are created 0600 (0660 with the configured group) and renamed into place
 * only when whole. Nothing here writes the database. */
#ifndef MODELS_NOTICES_NOTICES_H
#define MODELS_NOTICES_NOTICES_H

#include <stddef.h>
#include <stdint.h>

#include "models/core/db.h"
#include "models/formats/table.h"

/* The paper of a notice: the message side of a return postcard (往復はがき返信面,
 * 100 × 148 mm) or an A4 letter (210 × 297 mm). */
enum notices_layout { NOTICES_POSTCARD, NOTICES_A4 };

/* Which applicants get a notice (bits). */
enum { NOTICES_WON = 1, NOTICES_WAITING = 2, NOTICES_LOST = 4, NOTICES_ALL = 7 };

struct notices_config {
	const char *font;  /* a font family fontconfig knows */
	const char *phone; /* where to confirm, decline or ask; NULL: the notice names no number */
	int confirm_days;  /* a winner confirms within this many days of the draw; 0: no deadline */
};

/* 0 when fontconfig has a font of the family font, else -1 with *cause naming it and saying
 * how to install or configure one. */
int notices_font_check(const char *font, char **cause);

/* Write one page to each applicant of the offerings (codes, each drawn) whose result is in
 * results (NOTICES_WON...), offering by offering: the winners, the waiting list in order,
 * then the rest in kana order. A page is in the language its reader reads ("ja" or "en", as
 * people add and edit record it), or every page in language when it is not NULL; it names
 * the person (様), the result in large type (当選 / 補欠 N番 / 落選, or Won / Waiting list
 * No. N / Not drawn), the class, each of the person's sessions (a winner's own; everyone
 * else: the offering's sessions not cancelled) with weekday and time (in Japanese in both
 * date forms), the venue with its address, what to bring, and how and by when to confirm or
 * decline (cfg); a winner's page carries a QR code with the VEVENTs of their sessions, as
 * `sumaho qr` draws one. The messages' language is put back before it returns. The PDF goes
 * to path ("-": standard output) through a temporary file; *pages gets the number of
 * notices. 0, or -1 with *cause (nothing written). */
int notices_write(struct db *db, char *const *offerings, size_t n, int results,
                  enum notices_layout layout, const char *language,
                  const struct notices_config *cfg, const char *path, long *pages, char **cause);

/* Write the class list of a session as an A4 PDF to path (as notices_write): the class, the
 * day in both forms, time and venue, then its participants (the winners seated in it) in kana
 * order with code, name, kana and phone, and an empty box to tick each one's attendance.
 * *people gets their number. 0, or -1 with *cause. */
int notices_roster(struct db *db, const char *session, const struct notices_config *cfg,
                   const char *path, long *people, char **cause);

/* The round's applicants for a mail merge in Japanese, one row an application that was drawn:
 * 氏名, フリガナ, 結果 (当選, 補欠 or 落選 as the application stands now), 補欠順位 (the place
 * on the waiting list, or empty), 講座 (the class) and 日時 (a winner's session in the
 * Japanese era with weekday and time, or empty). In the order of lottery_export. A new table,
 * or NULL with *cause. */
struct table *notices_merge_table(struct db *db, int64_t round_id, char **cause);

#endif
