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
	free(d->codes);
	free(d->members);
	free(d->offs);
	offindex_free(&d->index);
	memset(d, 0, sizeof *d);
}

void
draw_reserve(struct draw *d, size_t napps, size_t npeople)
{
	if (napps > d->capapps) {
		d->apps = xrealloc(d->apps, napps * sizeof *d->apps);
		d->capapps = napps;
	}
	if (npeople > d->cappeople) {
		d->people = xrealloc(d->people, npeople * sizeof *d->people);
		d->cappeople = npeople;
	}
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

void *
draw_add(struct draw *d, int what)
{
	void *e;

	if (what == DRAW_OFF)
		d->offs = grow(d->offs, d->noffs++, &d->capoffs, 8, sizeof *d->offs, &e);
	else
		d->apps = grow(d->apps, d->napps++, &d->capapps, 1024, sizeof *d->apps, &e);
	return e;
}

struct dperson *
draw_add_person(struct draw *d, const char *code)
{
	void *v;
	size_t len = strlen(code) + 1;

	d->people = grow(d->people, d->npeople++, &d->cappeople, 1024, sizeof *d->people, &v);
	struct dperson *p = v;

	while (d->ncodes + len > d->capcodes)
		d->codes = xgrow(d->codes, d->capcodes, &d->capcodes, 4096, 1);
	memcpy(d->codes + d->ncodes, code, len);
	p->code = (uint32_t)d->ncodes;
	d->ncodes += len;
	return p;
}

/* rank = SHA-256("SEED:CODE"). The seed is 64 hex digits, one block of SHA-256: hashed once,
 * its state copied for each person, a person costs one block instead of two. */
void
draw_seed(struct draw *d, const char *seed)
{
	crypto_hash_sha256_init(&d->seeded);
	crypto_hash_sha256_update(&d->seeded, (const unsigned char *)seed, strlen(seed));
}

void
draw_rank(struct draw *d, struct dperson *p)
{
	crypto_hash_sha256_state st = d->seeded;
	const char *code = draw_code(d, p);

	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)code, strlen(code));
	crypto_hash_sha256_final(&st, p->hash);
}

uint32_t *
draw_identity(size_t n)
{
	uint32_t *idx = xmalloc((n ? n : 1) * sizeof *idx);

	for (size_t i = 0; i < n; i++)
		idx[i] = (uint32_t)i;
	return idx;
}

/* The key of element i for draw_radix_sort. */
static uint64_t
key_at(const void *key, size_t stride, uint32_t i)
{
	uint64_t k;

	memcpy(&k, (const char *)key + (size_t)i * stride, sizeof k);
	return k;
}

uint32_t *
draw_radix_sort(uint32_t *idx, size_t n, const void *key, size_t stride)
{
	uint32_t *tmp = xmalloc((n ? n : 1) * sizeof *tmp);
	size_t *count = xmalloc(65536 * sizeof *count);
	uint64_t all = 0;

	for (size_t i = 0; i < n; i++)
		all |= key_at(key, stride, idx[i]);
	for (int shift = 0; shift < 64 && (all >> shift) != 0; shift += 16) {
		size_t at = 0;

		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(key_at(key, stride, idx[i]) >> shift) & 0xFFFF]++;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];

			count[b] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(key_at(key, stride, idx[i]) >> shift) & 0xFFFF]++] = idx[i];
		uint32_t *t = idx;

		idx = tmp;
		tmp = t;
	}
	free(tmp);
	free(count);
	return idx;
}

/* A person's place in the draw order (tier, rank, code), for the radix sort: the tier and the
 * rank's first 8 bytes, so that ordering half a million people reads the people themselves
 * only where two of them share those 8 bytes. */
struct drawkey {
	uint64_t rank8, tier;
};

/* Whether person p comes before q among those of the same tier and rank8: by the rest of the
 * rank, then the code. */
static int
before(const struct draw *d, const struct dperson *p, const struct dperson *q)
{
	int c = memcmp(p->hash, q->hash, sizeof p->hash);

	return c != 0 ? c < 0 : strcmp(draw_code(d, p), draw_code(d, q)) < 0;
}

/* The people in draw order (tier, rank, code), a new array. */
static int *
draw_order(const struct draw *d)
{
	struct drawkey *keys = xmalloc((d->npeople ? d->npeople : 1) * sizeof *keys);
	int *order = xmalloc((d->npeople ? d->npeople : 1) * sizeof *order);

	for (size_t i = 0; i < d->npeople; i++) {
		const unsigned char *h = d->people[i].hash;
		uint64_t r = 0;

		for (int k = 0; k < 8; k++)
			r = r << 8 | h[k];
		keys[i] = (struct drawkey){r, (uint64_t)d->people[i].tier};
	}
	uint32_t *idx =
	    draw_radix_sort(draw_identity(d->npeople), d->npeople, &keys[0].rank8, sizeof *keys);

	idx = draw_radix_sort(idx, d->npeople, &keys[0].tier, sizeof *keys);
	for (size_t i = 0; i < d->npeople; i++) {
		/* Those of the same tier and rank8 (hardly ever two) by the rest. */
		size_t j = i;
		uint32_t v = idx[i];

		while (j > 0 && keys[idx[j - 1]].tier == keys[v].tier &&
		       keys[idx[j - 1]].rank8 == keys[v].rank8 &&
		       before(d, &d->people[v], &d->people[idx[j - 1]])) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
	for (size_t i = 0; i < d->npeople; i++)
		order[i] = (int)idx[i];
	free(idx);
	free(keys);
	return order;
}

/* Steps 3 and 4 (valid applications have result R_NONE on entry). */
int *
draw_allocate(struct draw *d)
{
	int *order = draw_order(d);

	for (size_t i = 0; i < d->noffs; i++) {
		d->offs[i].left = d->offs[i].capacity;
		d->offs[i].waiting = 0;
	}
	for (size_t i = 0; i < d->npeople; i++) {
		struct dperson *p = &d->people[order[i]];
		const int *m = d->members + p->first;

		p->placed = 0;
		for (int k = 0; k < p->count; k++) {
			struct dapp *a = &d->apps[m[k]];

			if (!p->placed && d->offs[a->off].left > 0) {
				d->offs[a->off].left--;
				a->result = R_WON;
				p->placed = 1;
			}
		}
		for (int k = 0; k < p->count; k++) {
			struct dapp *a = &d->apps[m[k]];

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

size_t
draw_group_valid(struct draw *d)
{
	size_t nvalid = 0;

	/* A counting sort by person, then each person's few by (choice, id) in place. */
	for (size_t i = 0; i < d->npeople; i++)
		d->people[i].count = 0;
	for (size_t i = 0; i < d->napps; i++)
		if (d->apps[i].result == R_NONE) {
			d->people[d->apps[i].person].count++;
			nvalid++;
		}
	free(d->members);
	d->members = xmalloc((nvalid ? nvalid : 1) * sizeof *d->members);
	int next = 0;

	for (size_t i = 0; i < d->npeople; i++) {
		d->people[i].first = next;
		next += d->people[i].count;
		d->people[i].count = 0;
	}
	for (size_t i = 0; i < d->napps; i++)
		if (d->apps[i].result == R_NONE) {
			struct dperson *p = &d->people[d->apps[i].person];

			d->members[p->first + p->count++] = (int)i;
		}
	for (size_t i = 0; i < d->npeople; i++) {
		int *m = d->members + d->people[i].first;

		for (int k = 1; k < d->people[i].count; k++) {
			int v = m[k], j = k;
			const struct dapp *x = &d->apps[v];

			for (; j > 0; j--) {
				const struct dapp *y = &d->apps[m[j - 1]];

				if (y->choice < x->choice ||
				    (y->choice == x->choice && y->id < x->id))
					break;
				m[j] = m[j - 1];
			}
			m[j] = v;
		}
	}
	return nvalid;
}

static int
cmp_offkey(const void *a, const void *b)
{
	return draw_cmp(((const struct offkey *)a)->id, ((const struct offkey *)b)->id);
}

void
offindex_add(struct offindex *x, int64_t id, int idx)
{
	x->keys = xgrow(x->keys, x->n, &x->cap, 64, sizeof *x->keys);
	x->keys[x->n].id = id;
	x->keys[x->n++].idx = idx;
}

void
offindex_ready(struct offindex *x)
{
	if (x->n > 1)
		qsort(x->keys, x->n, sizeof *x->keys, cmp_offkey);
	/* An offering is looked up for each of a million applications or entries: when the ids
	 * lie close together (as they do), by a table rather than a binary search (0.05 s less
	 * for a million). */
	free(x->byid);
	x->byid = NULL;
	x->nbyid = 0;
	if (x->n == 0)
		return;
	uint64_t span = (uint64_t)x->keys[x->n - 1].id - (uint64_t)x->keys[0].id + 1;

	if (span > 8 * (uint64_t)x->n + 4096)
		return;
	x->lo = x->keys[0].id;
	x->nbyid = (size_t)span;
	x->byid = xmalloc(x->nbyid * sizeof *x->byid);
	for (size_t k = 0; k < x->nbyid; k++)
		x->byid[k] = -1;
	for (size_t i = 0; i < x->n; i++)
		x->byid[(uint64_t)x->keys[i].id - (uint64_t)x->lo] = x->keys[i].idx;
}

int
offindex_find(const struct offindex *x, int64_t id)
{
	if (x->byid != NULL) {
		uint64_t k = (uint64_t)id - (uint64_t)x->lo;

		return k < x->nbyid ? x->byid[k] : -1;
	}
	struct offkey key = {id, 0};
	const struct offkey *f = x->n ? bsearch(&key, x->keys, x->n, sizeof key, cmp_offkey) : NULL;

	return f ? f->idx : -1;
}

void
offindex_free(struct offindex *x)
{
	free(x->keys);
	free(x->byid);
	memset(x, 0, sizeof *x);
}

void
draw_index_offerings(struct draw *d)
{
	offindex_free(&d->index);
	for (size_t i = 0; i < d->noffs; i++)
		offindex_add(&d->index, d->offs[i].id, (int)i);
	offindex_ready(&d->index);
}

int
draw_off_index(const struct draw *d, int64_t id)
{
	return offindex_find(&d->index, id);
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
