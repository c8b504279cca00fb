/* models/lottery/internal.h: private to models/lottery/, never included from outside it: the
 * in-memory draw that draw.c computes (the rule of lottery.h, steps 2 to 4) and that round.c
 * and verify.c fill from the database, run and verify sharing one implementation. The folder's
 * API is lottery.h. */
#ifndef MODELS_LOTTERY_INTERNAL_H
#define MODELS_LOTTERY_INTERNAL_H
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

/* Why an application is kept aside, withdrawn or lost, as the applications table stores it: in
 * English, with its values in place of the %s, whoever's language wrote it, so that each reader
 * sees it in their own (lottery_reason_text reads it back through the same list, lists.c). */
enum {
	REASON_SAME_AS,        /* the same person as application %s */
	REASON_APPLIED_BEFORE, /* the same person applied to this class before */
	REASON_MERGED,         /* records merged */
	REASON_NOT_RESIDENT,   /* not a resident of the city */
	REASON_UNDER_AGE,      /* under %s in %s (born %s) */
	REASON_OUTSIDE,        /* applied on %s, outside the application window */
	REASON_DECLINED,       /* declined the seat offered */
	REASON_NO_ANSWER,      /* did not take the seat offered by %s */
	REASON_TOOK_SEAT,      /* took a seat in %s */
	REASON_UNCONFIRMED,    /* did not confirm by %s */
	REASON_ERASED,         /* erased with the personal data */
};
/* A new string: reason which as stored, its %s filled with a, b and c in turn (NULL: none). */
char *lottery_reason(int which, const char *a, const char *b, const char *c);

/* The priority rules a draw knows ("lost-before", "first-time"). */
#define NRULES 2

/* An application's result in a draw; draw_result_names holds each as recorded. */
enum { R_NONE, R_WON, R_WAITING, R_LOST, R_INELIGIBLE, R_DUPLICATE };
extern const char *const draw_result_names[];

/* An application in a draw. The arrays are kept in application id order from reading to
 * writing: the results go out in row-id order and nothing is sorted but the people. */
struct dapp {
	int64_t id;      /* application */
	int64_t session; /* a winner's session, 0 when none */
	char *reason;    /* why ineligible or duplicate */
	int off;         /* index into the offerings */
	int person;      /* index into the people */
	int position;    /* on the waiting list */
	short choice;
	char result; /* R_* */
	/* Its status before the draw: counted among the offering's applicants; "applied". (Bits:
	 * a byte more made each of a million applications 8 bytes larger.) */
	unsigned char counted : 1, applied : 1;
};

struct dperson {
	unsigned char hash[crypto_hash_sha256_BYTES];
	uint32_t code; /* its code: at d->codes + code (draw_code) */
	int tier;
	int first, count; /* the person's valid applications: d->members[first .. first + count) */
	int placed;
};

struct doff {
	int64_t id, course;
	int capacity, left, waiting;
	int year;              /* the year the application window closes, for the minimum age */
	char from[11], to[11]; /* the application window */
	char code[40];
	int in_round;
	char recorded; /* holds results recorded without a draw (SQL_RECORDED_RESULTS) */
};

/* Whether offering o (an SQL expression of its id) holds results recorded without a draw:
 * applications won, waiting or lost while no live round holds it (imported with their
 * results, as the city's past records are). Such results are its record and are not drawn
 * over. */
#define SQL_RECORDED_RESULTS(o)                                                                    \
	"(NOT EXISTS (SELECT 1 FROM lottery_round_offerings ro JOIN lottery_rounds r ON r.id ="    \
	" ro.round_id AND r.superseded_at IS NULL WHERE ro.offering_id = " o ") AND EXISTS"        \
	" (SELECT 1 FROM applications a WHERE a.offering_id = " o " AND a.status IN ('won',"       \
	" 'waiting', 'lost')))"

struct offkey {
	int64_t id;
	int idx;
};

/* Offerings found by id: the keys added (offindex_add), then made ready (offindex_ready). */
struct offindex {
	struct offkey *keys; /* by id once ready */
	size_t n, cap;
	int *byid; /* when the ids lie close together: the index of id lo + k at k, or -1 */
	int64_t lo;
	size_t nbyid;
};

struct draw {
	struct offindex index; /* the offerings by id, for draw_off_index */
	struct dapp *apps;
	size_t napps, capapps;
	struct dperson *people;
	size_t npeople, cappeople;
	char *codes; /* the people's codes, each with its NUL */
	size_t ncodes, capcodes;
	int *members; /* the valid applications by person, in choice order (draw_group_valid) */
	struct doff *offs;
	size_t noffs, capoffs;
	int waiting_max;
	int large; /* the round holds more than a fifth of the offerings (round_is_large) */
	crypto_hash_sha256_state seeded; /* SHA-256 fed "SEED" (draw_seed) */
};

/* -1, 0 or 1 as a is less than, equal to or greater than b: the comparators' order. */
static inline int
draw_cmp(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* The rules of priority as indexes into the known rules; the count, or -1 with *cause. */
int draw_parse_priority(const char *priority, int *rules, char **cause);
/* The rules in canonical form ("lost-before,first-time") into out, of size bytes. */
void draw_rules_format(const int *rules, int nrules, char *out, size_t size);

/* Free what the draw holds (the reasons of its applications too) and empty it. */
void draw_free(struct draw *d);
/* Room for napps applications and npeople people, made once before they are added (the
 * memory is used as they are added; more may still be added). */
void draw_reserve(struct draw *d, size_t napps, size_t npeople);
/* A new zeroed application (DRAW_APP: a struct dapp), offering (DRAW_OFF: a struct doff) or
 * person (with code) at the end of the draw's arrays; the pointer is the draw's and is valid
 * until the next addition of its kind. */
enum { DRAW_APP, DRAW_OFF };
void *draw_add(struct draw *d, int what);
struct dperson *draw_add_person(struct draw *d, const char *code);
/* Add the offering with this id, at index idx, to x. */
void offindex_add(struct offindex *x, int64_t id, int idx);
/* Make x ready to find the offerings added. */
void offindex_ready(struct offindex *x);
/* The index of the offering with this id in x, or -1. */
int offindex_find(const struct offindex *x, int64_t id);
void offindex_free(struct offindex *x);
/* Index the offerings by id once they are all added. */
void draw_index_offerings(struct draw *d);
/* The index of the offering with this id, or -1. */
int draw_off_index(const struct draw *d, int64_t id);

/* A person's code. */
static inline const char *
draw_code(const struct draw *d, const struct dperson *p)
{
	return d->codes + p->code;
}
/* Step 2: the seed of the ranks (64 hex digits: SHA-256 hashes that first block once). */
void draw_seed(struct draw *d, const char *seed);
/* A person's rank, SHA-256 of SEED ":" CODE, into p->hash. */
void draw_rank(struct draw *d, struct dperson *p);
/* The bytes b as n * 2 lower-case hex digits and a NUL into out. */
void draw_hex(const unsigned char *b, size_t n, char *out);
/* List the valid applications (result R_NONE) by person in d->members, each person's in
 * (choice, id) order, setting their first/count; the number of valid applications. The
 * applications stay where they are. */
size_t draw_group_valid(struct draw *d);
/* The indexes 0 .. n - 1 in a new array. */
uint32_t *draw_identity(size_t n);
/* The indexes idx[0 .. n) ordered by the 64-bit key that each indexed element has (the key of
 * element i at key + i * stride bytes, read as unsigned), keeping the order of equal keys: a
 * radix sort, 16 bits a pass over the bits any key has. Returns the ordered array, idx or
 * another (the other is freed). */
uint32_t *draw_radix_sort(uint32_t *idx, size_t n, const void *key, size_t stride);
/* Steps 3 and 4: results and waiting positions of the valid applications; returns the people
 * in draw order, an array the caller frees. */
int *draw_allocate(struct draw *d);

/* ---- seats given over the capacity (applications.c writes them, verify.c and export.c
 * read them) ---- */

/* How lottery_reinstate's audit entry ends when it gives a seat over the capacity. */
#define OVER_CAPACITY_MARK " (over the capacity)"
/* An audit entry l that gave application l.entity_id a seat over the capacity, with no later
 * change of that application's status (a SQL condition). */
#define OVER_CAPACITY_ENTRY                                                                        \
	"l.entity = 'application' AND l.action = 'reinstate' AND l.detail LIKE"                    \
	" '%" OVER_CAPACITY_MARK "' AND NOT EXISTS (SELECT 1 FROM audit_log y WHERE y.entity ="    \
	" 'application' AND y.entity_id = l.entity_id AND y.id > l.id AND y.action IN"             \
	" ('reinstate', 'accept', 'cancel', 'expire', 'leave', 'unpromote'))"

/* ---- after the draw (calldown.c), for applications.c's cancellations ---- */
struct db;
struct db_stmt;
struct lottery_config;
struct strlist;

/* Each row of st through row(ctx, st), then st finalized: 0, or -1 with *cause (st NULL, as
 * db_prepare or db_query return it when they fail: -1, their cause set). */
int lottery_rows(struct db *db, struct db_stmt *st, void (*row)(void *, struct db_stmt *),
                 void *ctx, char **cause);

/* The live round holding the offering with this id, 0 when none, -1 with *cause. */
int64_t calldown_round(struct db *db, int64_t off, char **cause);
/* Offer the seat of session (0: none) of offering off (code), freed by application freed (0:
 * none) because of why ('cancelled', 'declined', 'expired', 'unconfirmed', 'withdrawn'), to
 * the next on its waiting list (lottery.h, CALL-DOWN rule 3), in the caller's transaction,
 * audited. *offered (offered may be NULL) gets their code or NULL; a line for lines (may be
 * NULL). 0, or -1 with *cause. */
int calldown_offer(struct db *db, int64_t off, const char *code, int64_t session, int64_t freed,
                   const char *why, const struct lottery_config *cfg, char **offered,
                   struct strlist *lines, char **cause);
/* The waiting list of offering off closes up behind place position (0: none), which someone
 * left: 0, or -1 with *cause. */
int calldown_close_up(struct db *db, int64_t off, int position, char **cause);
/* Close application app's open offer as state ('declined', 'expired', 'withdrawn'): 1 with its
 * session in *session when there was one, 0 when none, -1 with *cause. */
int calldown_close(struct db *db, int64_t app, const char *state, int64_t *session, char **cause);
/* Whether actor may change what belongs to offering off's venue (staff_may_write_venue in
 * models/staff/): 0, or -1 with *cause saying which venues the account is limited to. */
int offering_venue_allows(struct db *db, int64_t off, const char *actor, char **cause);

#endif
