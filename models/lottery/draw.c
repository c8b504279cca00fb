/* models/lottery/draw.c: the draw of lottery.h itself, pure and in memory over arrays so that a
 * million applications take seconds: the priority rules, each person's rank (SHA-256 of the
 * seed and their code), allocation in (tier, rank) order and the waiting lists. round.c fills
 * a draw from the database and writes its results; verify.c recomputes a recorded one. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/lottery/internal.h"

/* ---- rules ---- */

static const char *const rule_names[] = {"lost-before", "first-time"};

int
draw_parse_priority(const char *priority, int *rules, char **cause)
{
	int n = 0;
	const char *p = priority;

	while (*p) {
		size_t len = strcspn(p, ",+");
		const char *w = p;

		while (len > 0 && *w == ' ') {
			w++;
			len--;
		}
		while (len > 0 && w[len - 1] == ' ')
			len--;
		if (len > 0) {
			int r;

			for (r = 0; r < NRULES; r++)
				if (strlen(rule_names[r]) == len &&
				    strncmp(rule_names[r], w, len) == 0)
					break;
			if (r == NRULES) {
				set_cause(
				    cause,
				    _("'%.*s' is not a priority rule (lost-before, first-time)"),
				    (int)len, w);
				return -1;
			}
			for (int k = 0; k < n; k++)
				if (rules[k] == r) {
					set_cause(cause, _("priority rule '%s' is given twice"),
					          rule_names[r]);
					return -1;
				}
			rules[n++] = r;
		}
		p += strcspn(p, ",+");
		if (*p == ',' || *p == '+')
			p++;
	}
	return n;
}

/* Nonzero if priority names known rules only, each once (lottery.h). */
int
lottery_priority_valid(const char *priority, char **cause)
{
	int rules[NRULES * 4];

	return draw_parse_priority(priority, rules, cause) >= 0;
}

void
draw_rules_format(const int *rules, int nrules, char *out, size_t size)
{
	*out = '\0';
	for (int r = 0; r < nrules; r++) {
		strncat(out, r ? "," : "", size - strlen(out) - 1);
		strncat(out, rule_names[rules[r]], size - strlen(out) - 1);
	}
}

/* ---- the draw ---- */

const char *const draw_result_names[] = {"", "won", "waiting", "lost", "ineligible", "duplicate"};

void
draw_free(struct draw *d)
{
	for (size_t i = 0; i < d->napps; i++)
		free(d->apps[i].reason);
	free(d->apps);
	free(d->people);
	free(d->offs);
	free(d->keys);
	memset(d, 0, sizeof *d);
}

/* Room for one more element of size bytes after the n in v (room for *cap): v, grown to hold
 * first elements or twice as many when full, with *out pointing to the new element, zeroed. */
static void *
grow(void *v, size_t n, size_t *cap, size_t first, size_t size, void **out)
{
	v = xgrow(v, n, cap, first, size);
	*out = (char *)v + n * size;
	memset(*out, 0, size);
	return v;
}

struct dapp *
draw_add_app(struct draw *d)
{
	void *a;

	d->apps = grow(d->apps, d->napps++, &d->capapps, 1024, sizeof *d->apps, &a);
	return a;
}

struct dperson *
draw_add_person(struct draw *d, const char *code)
{
	void *v;

	d->people = grow(d->people, d->npeople++, &d->cappeople, 1024, sizeof *d->people, &v);
	struct dperson *p = v;

	snprintf(p->code, sizeof p->code, "%s", code);
	return p;
}

struct doff *
draw_add_off(struct draw *d)
{
	void *o;

	d->offs = grow(d->offs, d->noffs++, &d->capoffs, 8, sizeof *d->offs, &o);
	return o;
}

/* rank = SHA-256("SEED:CODE") */
void
draw_rank(const char *seed, const char *code, unsigned char *out)
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)seed, strlen(seed));
	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)code, strlen(code));
	crypto_hash_sha256_final(&st, out);
}

static const struct draw *sort_draw; /* qsort has no context argument */

static int
by_tier_rank(const void *a, const void *b)
{
	const struct dperson *p = &sort_draw->people[*(const int *)a];
	const struct dperson *q = &sort_draw->people[*(const int *)b];
	int c = draw_cmp(p->tier, q->tier);

	if (c == 0)
		c = memcmp(p->hash, q->hash, sizeof p->hash);
	return c != 0 ? c : strcmp(p->code, q->code);
}

/* Steps 3 and 4 (valid applications have result R_NONE on entry). */
int *
draw_allocate(struct draw *d)
{
	int *order = xmalloc((d->npeople ? d->npeople : 1) * sizeof *order);

	for (size_t i = 0; i < d->npeople; i++)
		order[i] = (int)i;
	sort_draw = d;
	if (d->npeople > 1)
		qsort(order, d->npeople, sizeof *order, by_tier_rank);
	for (size_t i = 0; i < d->noffs; i++) {
		d->offs[i].left = d->offs[i].capacity;
		d->offs[i].waiting = 0;
	}
	for (size_t i = 0; i < d->npeople; i++) {
		struct dperson *p = &d->people[order[i]];

		p->placed = 0;
		for (int k = 0; k < p->count; k++) {
			struct dapp *a = &d->apps[p->first + k];

			if (!p->placed && d->offs[a->off].left > 0) {
				d->offs[a->off].left--;
				a->result = R_WON;
				p->placed = 1;
			}
		}
		for (int k = 0; k < p->count; k++) {
			struct dapp *a = &d->apps[p->first + k];

			if (a->result == R_WON)
				continue;
			if (p->placed)
				a->result = R_LOST;
			else if (d->offs[a->off].waiting < d->waiting_max) {
				a->result = R_WAITING;
				a->position = ++d->offs[a->off].waiting;
			} else
				a->result = R_LOST;
		}
	}
	return order;
}

/* Sort a person's valid applications by choice, then application id. */
static int
by_person_choice(const void *a, const void *b)
{
	const struct dapp *x = a, *y = b;
	int c = draw_cmp(x->person, y->person);

	if (c == 0)
		c = draw_cmp(x->choice, y->choice);
	return c != 0 ? c : draw_cmp(x->id, y->id);
}

size_t
draw_group_valid(struct draw *d)
{
	size_t nvalid = 0;

	/* Valid ones first, keeping the others after them. */
	for (size_t i = 0; i < d->napps; i++)
		if (d->apps[i].result == R_NONE) {
			struct dapp t = d->apps[nvalid];

			d->apps[nvalid++] = d->apps[i];
			d->apps[i] = t;
		}
	if (nvalid > 1)
		qsort(d->apps, nvalid, sizeof *d->apps, by_person_choice);
	for (size_t i = 0; i < d->npeople; i++)
		d->people[i].count = 0;
	for (size_t i = 0; i < nvalid; i++) {
		struct dperson *p = &d->people[d->apps[i].person];

		if (p->count++ == 0)
			p->first = (int)i;
	}
	return nvalid;
}

static int
cmp_offkey(const void *a, const void *b)
{
	return draw_cmp(((const struct offkey *)a)->id, ((const struct offkey *)b)->id);
}

void
draw_index_offerings(struct draw *d)
{
	d->keys = xrealloc(d->keys, (d->noffs ? d->noffs : 1) * sizeof *d->keys);
	for (size_t i = 0; i < d->noffs; i++) {
		d->keys[i].id = d->offs[i].id;
		d->keys[i].idx = (int)i;
	}
	if (d->noffs > 1)
		qsort(d->keys, d->noffs, sizeof *d->keys, cmp_offkey);
}

int
draw_off_index(const struct draw *d, int64_t id)
{
	struct offkey k = {id, 0}, *f;

	if (d->noffs == 0)
		return -1;
	f = bsearch(&k, d->keys, d->noffs, sizeof k, cmp_offkey);
	return f ? f->idx : -1;
}

void
draw_hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}
