/* models/lottery/lottery.h: applications and verifiable draws (抽選); the one header of
 * models/lottery/ (draw.c, round.c, verify.c, applications.c, export.c, lists.c, calldown.c).
 *
 * A round draws one or more offerings together from one seed (64 hex digits). The rule, named
 * "sumaho-draw-1" and documented in sumaho(1), is:
 *  1. Applications cancelled are left out; a person's second application to the same offering
 *     is a duplicate; an application whose person is under the minimum age in the year the
 *     application window closes, or not a resident when only residents may apply, is
 *     ineligible. The rest are valid.
 *  2. Each person with a valid application gets rank = SHA-256 of the ASCII text
 *     SEED ":" PERSON-CODE (lower-case hex) and a tier from the priority rules (0 first).
 *  3. People are taken in order of (tier, rank); each wins a seat in the first of their
 *     applications, by choice (1 first, then application order), whose offering has a seat
 *     left. The rest of a winner's applications are lost.
 *  4. For each offering, the people who won nothing are its waiting list in the same order:
 *     the first waiting_max are waiting (positions 1, 2, ...), the others lost.
 *  5. Winners fill the offering's sessions in date order, in the order they won.
 */
#ifndef MODELS_LOTTERY_LOTTERY_H
#define MODELS_LOTTERY_LOTTERY_H
#include <stdint.h>

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/formats/table.h"
#include "models/core/util.h"

#define LOTTERY_ALGORITHM "sumaho-draw-1"

/* The rules of a draw and of applications, from the configuration. */
struct lottery_config {
	const char *priority; /* "lost-before,first-time", a subset in any order, or "" */
	int waiting_max;      /* waiting-list places an offering */
	int min_age;          /* 0: none */
	int residents_only;
	const char *actor;
	int role;           /* the actor's ROLE_BIT_s: a closed month takes an admin's change */
	const char *reason; /* why a closed month is amended (NULL: none given) */
	int confirm_days;   /* winners confirm by the draw's day + this; 0: no confirmation */
	int offer_hours;    /* a seat offered from the waiting list is held this long */
};

/* Nonzero if priority names known rules only, each once; else *cause says which is wrong. */
int lottery_priority_valid(const char *priority, char **cause);

/* Why a person may not apply (a new string, as stored: see lottery_reason_text), or NULL
 * when they may. */
char *lottery_ineligible(const struct lottery_config *cfg, int birth_year, int resident, int year);

struct lottery_offering {
	char *code, *title, *venue;
	int capacity;
	long applicants;                   /* valid applications */
	long won, waiting, lost, excluded; /* as drawn */
	long won_now;                      /* winners now: the seats taken */
	long over;                         /* of them over the capacity (lottery_reinstate) */
};

struct lottery_round {
	int64_t id;
	char seed[65];
	char *algorithm, *priority, *run_at, *run_by;
	int waiting_max;
	int early; /* drawn while an application window of the round was still open */
	size_t n;
	struct lottery_offering *v;
};
void lottery_round_free(struct lottery_round *r);

/* lottery_run's flags. */
enum {
	LOTTERY_REDRAW = 1, /* draw again what is drawn already */
	LOTTERY_EARLY = 2   /* draw even though an application window is still open */
};

/* Draw the offerings named in codes as one round. seed: 64 hex digits, or NULL for 32 random
 * bytes from the system. An offering already drawn is refused unless flags has LOTTERY_REDRAW:
 * then the live rounds holding any of them are marked superseded (kept, with who and when) and
 * all their offerings are drawn again together. A round in which an offering still takes
 * applications (apply_to is clock_today() or later) is refused, naming it and its closing day,
 * unless flags has LOTTERY_EARLY; it is then recorded as early. The round records each
 * offering's capacity, window and own priority rule and its sessions' seats, for
 * lottery_verify. One transaction; the round's summary in *out. */
int lottery_run(struct db *db, char *const *codes, size_t n, const char *seed, int flags,
                const struct lottery_config *cfg, struct lottery_round *out, char **cause);

/* Whether drawing codes now (with the offerings of the live rounds holding them) would be
 * early: 1 with the first such offering's code and its last day of applications in *offering
 * and *closes (new strings), 0 when every window has closed, -1 with *cause. */
int lottery_window_open(struct db *db, char *const *codes, size_t n, char **offering, char **closes,
                        char **cause);

/* Change a record the draw depends on (kind "offering": capacity, window, priority; kind
 * "session": seats, offering; record_save's arguments) and draw again, in one transaction: the
 * live rounds holding the offerings concerned are superseded, the change is saved and they are
 * drawn again together as lottery_run with LOTTERY_REDRAW (and flags' LOTTERY_EARLY). Refused
 * when none of them is drawn. The new round's summary in *out. 0, or -1 with *cause. */
int lottery_edit_redraw(struct db *db, const char *kind, const char *code, int create,
                        const char *const *names, const char *const *values, size_t n, int flags,
                        const struct lottery_config *cfg, struct lottery_round *out, char **cause);

/* Whether the offering holds results recorded without a draw (imported with its
 * applications, as the city's past records are): 1, 0, or -1 with *cause. lottery_run refuses
 * to draw it, even with LOTTERY_REDRAW. */
int lottery_results_recorded(struct db *db, const char *offering, char **cause);
/* Why such an offering is not drawn, in words (a new string). */
char *lottery_recorded_refusal(const char *code);
/* "OFFERING has not been drawn", saying so when its results were recorded without a draw (a
 * new string): for what needs a draw (show, verify, export, notices). */
char *lottery_undrawn(struct db *db, const char *offering);

/* The live round holding the offering: 0 with *out, 1 when it was never drawn, -1. */
int lottery_round_of(struct db *db, const char *offering, struct lottery_round *out, char **cause);

/* A seat given over the capacity by lottery_reinstate, still held: the offering's code, the
 * person's code, who gave it and when (local time). */
struct lottery_over {
	int64_t offering_id, session_id;
	char *offering, *person, *by;
	char at[32];
};
/* The seats given over the capacity in round's offerings that their winners still hold, oldest
 * first, as read from the reinstatements' audit entries: their number with the array in *out
 * (the caller's, freed with lottery_over_free), or -1 with *cause. */
long lottery_over_capacity(struct db *db, int64_t round_id, struct lottery_over **out,
                           char **cause);
void lottery_over_free(struct lottery_over *v, size_t n);

/* Recompute the round from its seed and recorded inputs, and compare each offering's capacity,
 * window, priority rule and sessions' seats now with what the round recorded, and its winners
 * now with its seats; 0 when everything matches, 1 with what does not in problems, -1 on error.
 * What could not be checked (a round recorded before the window and seats were) and what was
 * changed after the draw by right (seats given over the capacity, lottery_over_capacity: not
 * counted against the seats) go into notes (may be NULL). */
int lottery_verify(struct db *db, int64_t round_id, struct strlist *problems, struct strlist *notes,
                   char **cause);

/* Every entry of the round, one row an application: the round's seed, algorithm, priority and
 * waiting_max, the offering and the capacity it was drawn for, the person (code, name, kana,
 * phone), choice, tier, rank, the drawn result and position, the application's status now and
 * its session; whether the round was drawn early ("yes"/"no") and the offering's capacity
 * now; last, what came after the draw: when the winner confirmed, and the seat offered to them
 * from the waiting list (the offer's number, which orders the offers, when, the session, the
 * deadline, whose seat it was, how it ended and when, and the calls made). Times in UTC. */
struct table *lottery_export(struct db *db, int64_t round_id, char **cause);

/* Lines to print for an offering: each session with its winners, then the waiting list. */
int lottery_session_lists(struct db *db, const char *offering, enum date_style style, int width,
                          struct strlist *lines, char **cause);

/* An application as it arrives: at the counter, by phone or postcard, or from the city's
 * online service (電子申請). Text fields may be NULL where they may be empty. */
struct lottery_entry {
	const char *ref;      /* the online service's reference, or NULL/"" */
	const char *offering; /* the offering's code */
	int64_t person_id;
	const char *channel;    /* counter, phone, postcard or online */
	int choice;             /* 1..9 */
	const char *applied_on; /* YYYY-MM-DD */
	const char *status;     /* lottery_record only: applied, won, waiting, lost, ... */
	const char *session;    /* lottery_record only: a won seat's session, or NULL/"" */
};

/* Receive an application. Refused when the offering is unknown, cancelled or already drawn,
 * or (at the counter, batch 0) when it is outside the application window or the person has
 * applied to it already (the message says when). In a batch of applications received in
 * writing (batch nonzero) nothing received is dropped: a person's second application is
 * kept as a duplicate of the first and one outside the window as ineligible, with the reason;
 * and the same application received again (its reference, or the same person, offering, day
 * and channel) is recorded once. An ineligible person's application (cfg's rules; cfg NULL:
 * not checked) is kept as ineligible, its reason in *ineligible (a new string, or NULL; may
 * be NULL). A refused value is named in *field ("ref", "offering", "channel", "choice",
 * "applied_at"; NULL for the application as a whole; field may be NULL), *cause says why.
 * An offering with a session in a closed month takes an application only as an admin's
 * amendment (cfg's role and reason; cfg NULL: none) (models/periods/); so do lottery_record
 * and lottery_cancel. At the counter the entry is audited; a batch is audited by its caller,
 * once. In its own transaction or the caller's. 0 recorded, 2 recorded as a duplicate (in a
 * batch), 1 received before (nothing changes), -1. */
int lottery_receive(struct db *db, const struct lottery_entry *e, int batch,
                    const struct lottery_config *cfg, const char *actor, char **ineligible,
                    const char **field, char **cause);

/* The offering an application names by its code or, when no offering has that code, by its
 * class's title (as the online service writes it): the one offering of that title, or of
 * those the one whose application window holds applied_on (YYYY-MM-DD, or NULL). 0 with *code
 * (a new string), 1 when nothing has that code or title, -1 with *cause (several offerings
 * have that title: their codes are named, or a database error). */
int lottery_offering_named(struct db *db, const char *text, const char *applied_on, char **code,
                           char **cause);

/* Whether offering takes an application at the counter today from actor (not cancelled,
 * its window open, not drawn, its venue actor's): asked before the person is looked for, with
 * lottery_receive's words. 0 when it does; -1 with *cause. */
int lottery_apply_check(struct db *db, const char *offering, const struct date *today,
                        const char *actor, char **cause);

/* Enter an application at the counter today: lottery_receive with batch 0 and cfg->actor,
 * the refused field's name leading *cause. 0, or -1 with *cause. */
int lottery_apply(struct db *db, const char *offering, int64_t person_id, int choice,
                  const char *channel, const struct date *today, const struct lottery_config *cfg,
                  char **ineligible, char **cause);

/* Record an application with its result as it was decided elsewhere (a city's earlier
 * records): e->status is the result, e->session a winner's session (of the offering). The
 * application is found by its reference, or else by person and offering; one found gets the
 * new result and session, and a reference is never someone else's application. Refused
 * values are named as lottery_receive names them (and "status", "session"). Audited by the
 * caller (an import, once). 0, or -1. */
int lottery_record(struct db *db, const struct lottery_entry *e, const char *actor, int role,
                   const char *reason, const char **field, char **cause);

/* Cancel a person's application to an offering. A winner's seat (or one offered to them) is
 * offered to the next on the waiting list (the CALL-DOWN rule, below), whose code is returned
 * in *offered (a new string, or NULL when nobody is waiting), unless the offering still has its
 * seats taken without it, by winners and open offers (a seat given over the capacity by
 * lottery_reinstate frees none); the waiting list closes up. What it changed is kept for
 * lottery_reinstate. All of it is in the audit log with cfg->actor. 0, or -1. */
int lottery_cancel(struct db *db, const char *offering, const char *person,
                   const struct lottery_config *cfg, char **offered, char **cause);
/* Restore the cancelled session code (models/classes/ session_restore, with cfg's actor, role
 * and reason) and, when it is today or later, take from the erased people (models/people/
 * person_erase) what it would give them again: a winner's seat in it and a place on its
 * offering's waiting list (or an application not drawn yet) are cancelled as lottery_cancel
 * cancels them (waiting places first; a seat goes to the next on the waiting list), a line each
 * into lines saying so. One transaction. 0, or -1 with *cause (nothing changed). */
int lottery_session_restore(struct db *db, const char *code, const struct date *today,
                            const struct lottery_config *cfg, struct strlist *lines, char **cause);
/* The personal data of person (and of the records merged into it) is erased: the reasons
 * recorded with their applications (a birth year, a reference) are replaced by words saying so;
 * statuses, and so the counts, stay. In the caller's transaction; the caller audits. The number
 * of applications changed, or -1 with *cause. */
long lottery_erase_person(struct db *db, int64_t person, char **cause);
/* Give every application of person other to person keep: two records of one person merged
 * (models/people/ person_merge). Where both applied to one offering, one application stays,
 * the better result (won, waiting, applied, lost, ineligible in this order; keep's on a tie):
 * the other, when it holds a seat or a waiting place in a class still to come (a session from
 * clock_today() on), is cancelled as lottery_cancel cancels (a seat is offered to the next
 * waiting); when it is not drawn yet, or the class is over (nobody moves up after the fact),
 * it becomes a duplicate of the one kept; one lost or ineligible stays as drawn. Each such offering
 * goes into notes, and so does a draw in which keep then holds two seats (one a person, by the
 * rule). Applicants are counted once a person: where both applied to one class (an offering, or
 * offerings of one report group) held in a closed month, its count drops, and the merge is an
 * amendment there (cfg's role and reason, models/periods/). In the caller's transaction (a
 * savepoint); the caller audits the merge. The number of applications moved, or -1 with *cause. */
long lottery_merge_person(struct db *db, int64_t keep, int64_t other,
                          const struct lottery_config *cfg, struct strlist *notes, char **cause);
/* How lottery_reinstate gives back a winner's seat that someone else holds now. */
enum lottery_reinstate_how {
	REINSTATE_ASK,     /* not at all: 1, naming who holds it (nobody loses a seat silently) */
	REINSTATE_OVER,    /* a seat over the capacity, in the session they had */
	REINSTATE_WAITING, /* first on the waiting list */
	REINSTATE_REVERT   /* the seat back from the one who accepted it when offered, who waits
	                    * again where they waited (their other waiting places given up come
	                    * back too; refused once they have attended), or from the one it is
	                    * offered to, the offer withdrawn (they wait where they were) */
};

/* What lottery_reinstate came to (or, when it returned 1, who holds the seat). */
struct lottery_reinstated {
	char status[16];     /* the application's status now */
	int position;        /* its place on the waiting list, or 0 */
	char *session;       /* a winner's session code, or NULL */
	int over;            /* the seat is over the capacity (lottery verify reports it) */
	char *holder;        /* "CODE NAME" of the one moved up into the seat, or NULL */
	int holder_position; /* REINSTATE_REVERT: where the holder waits now */
	char *offered; /* "CODE NAME" of the one the seat is offered to (not accepted), or NULL */
	int withdrawn; /* that offer was withdrawn: the seat came back from it */
};
void lottery_reinstated_free(struct lottery_reinstated *r);

/* Reinstate a person's application to an offering cancelled by mistake, as it was before its
 * last cancellation (an applicant, a place on the waiting list, lost, or a winner's seat and
 * session); one cancelled before sumaho kept that, or while the offering was not drawn, is an
 * applicant again, or last on the waiting list once the offering is drawn. A place on the
 * waiting list is taken back where it was, those behind it moving down one. A winner's seat
 * comes back while the offering has one free (winners and open offers count, lottery.h
 * CALL-DOWN); while the seat it freed is only offered (an open offer for it, or passed on from
 * one) and no call about that offer has been recorded, the offer is withdrawn and the seat comes
 * back (the one offered keeps their waiting place; audited); else how decides (REINSTATE_ASK:
 * nothing changes, 1 is returned with out->offered naming the one offered the seat, or
 * out->holder the one who accepted it, if any, and *cause saying so and what can be chosen).
 * Refused when the person was erased (their place is not restored), has a live application to
 * the offering, the offering is cancelled, or a
 * winner would hold a seat in two offerings of a round. A closed month as lottery_cancel. Audited
 * with the old and new values, the holder's change too. 0 with *out (freed with
 * lottery_reinstated_free), 1, or -1. */
int lottery_reinstate(struct db *db, const char *offering, const char *person,
                      enum lottery_reinstate_how how, const struct lottery_config *cfg,
                      struct lottery_reinstated *out, char **cause);

/* After the draw (calldown.c). The CALL-DOWN rule, documented in sumaho(1):
 *  1. A winner confirms by the day of the live draw + cfg->confirm_days (0: nobody needs to).
 *  2. A seat frees when a winner cancels, when a winner has not confirmed by that day and
 *     lottery_expire runs, and when a seat offered is declined, not answered by its deadline
 *     or given up because the person took a seat elsewhere in the round.
 *  3. A seat that frees is offered to the first on the offering's waiting list who has no open
 *     offer there and holds no seat in the round, with a deadline of now + cfg->offer_hours,
 *     but never after the start of the seat's session (else the offering's first); once that
 *     has begun, the seat is offered to nobody and stays empty.
 *     The seat is held for them meanwhile: winners and open offers never exceed the seats.
 *  4. Staff record each phone call about an offer (accepted, declined, no-answer, message).
 *     Accepted: the person wins that seat, confirmed, and leaves the round's other waiting
 *     lists (an open offer there is given up and goes to the next). Declined, or not accepted
 *     by the deadline when lottery_expire runs: the person leaves the waiting list and the seat
 *     goes to the next (step 3).
 * Every step is one transaction, audited with cfg->actor, and checked against closed months
 * (cfg's role and reason). */

/* Record that a winner confirmed their seat. Refused when they are not a winner or the day to
 * confirm has passed. 0 recorded, 1 confirmed before (nothing changes), -1 with *cause. */
int lottery_confirm(struct db *db, const char *offering, const char *person,
                    const struct lottery_config *cfg, char **cause);

/* The last day a winner of the offering may confirm ("YYYY-MM-DD", a new string): the draw's
 * day and confirm_days, but never after the day before its first session (nor before the
 * draw's day); NULL when nobody needs to (confirm_days 0, or not drawn). */
char *lottery_confirm_by(struct db *db, const char *offering, int confirm_days, char **cause);

/* What lottery_expire does, or would do now (lottery_expire_due). */
struct lottery_expiry {
	int offers;          /* open offers not accepted by their deadline: they lapse */
	int winners;         /* winners who did not confirm by confirm_by: they lose their seats */
	int offered;         /* of the seats so released, those offered to the next waiting */
	char confirm_by[11]; /* the last day to confirm, "" when nobody needs to */
};

/* Pass the deadlines that are past: open offers not accepted by their deadline expire, then
 * winners who did not confirm by the day lose their seats, each seat offered to the next as
 * rule 3 says (no offer once the seat's session has begun: the seat stays empty), in one
 * transaction. One line a change into lines; what was done into *out (may be NULL). The number
 * of seats released (out->offers + out->winners), or -1 with *cause (then nothing changes). */
int lottery_expire(struct db *db, const char *offering, const struct lottery_config *cfg,
                   struct strlist *lines, struct lottery_expiry *out, char **cause);

/* What lottery_expire would release now, into *out (offers, winners, confirm_by; offered 0):
 * 0, or -1 with *cause. */
int lottery_expire_due(struct db *db, const char *offering, int confirm_days,
                       struct lottery_expiry *out, char **cause);

/* The results of a phone call about an offer, as typed and stored. */
extern const char *const lottery_call_results[]; /* accepted, declined, no-answer, message */

/* Record a phone call to the person about the seat offered to them, with when (now) and who
 * (cfg->actor); accepted and declined act as rule 4 says. Refused when the person has no open
 * offer or its deadline has passed (lottery_expire passes it on). *next gets the code of the
 * person the seat is offered to next (a new string, or NULL). 0, or -1 with *cause. */
int lottery_call(struct db *db, const char *offering, const char *person, const char *result,
                 const struct lottery_config *cfg, char **next, char **cause);

/* The call list of an offering, keyed by person code, in waiting-list order (the draw's order):
 * place, code, name, phone, state in words (waiting N, offered, accepted, declined, offer
 * withdrawn and waiting N...), the offer's deadline, the number of calls made about that offer
 * (since it was made: an offer made again in a withdrawn one's row starts with none) and the
 * last one (when, its result in words, who called), and the seat (session) offered. */
struct table *lottery_calls(struct db *db, const char *offering, char **cause);

/* The calls recorded about the offering's offers (person: one person's; NULL: all), oldest
 * first: when, code, name, result in words, who called. */
struct table *lottery_call_log(struct db *db, const char *offering, const char *person,
                               char **cause);
/* Offerings for the Lotteries screen, newest first, keyed by code: class, venue, application
 * window, seats, valid applicants, state (taking applications, closed, drawn, cancelled). */
struct table *lottery_offerings(struct db *db, const struct date *today, char **cause);
/* An offering's applications, keyed by person code: winners, the waiting list in order, the
 * rest; each with choice, result in words and session. */
struct table *lottery_applications(struct db *db, const char *offering, char **cause);
/* An application's status in words (a new string), with its reason when it has one (NULL or
 * "": the status alone). */
char *lottery_result_label(const char *status, int position, const char *reason);
/* An application's reason as stored (in English with its values, internal.h) in the language
 * of the run: a new string; a reason an older version wrote in some language, as it is. */
char *lottery_reason_text(const char *stored);
#endif
