/* Fragment reassembly (ipfrag.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/ip.h"
#include "net/stack/ipfrag.h"
#include "net/stack/pkt.h"

struct frag_range {
	uint32_t start, end;
};

struct frag_slot {
	int used;
	uint32_t src, dst;
	uint16_t id;
	uint8_t proto;
	uint64_t created;
	uint32_t total;		/* payload length once the last piece came */
	uint32_t cap;
	uint8_t *buf;
	int npieces;
	struct frag_range piece[IPFRAG_PIECES];
};

struct ipfrag_table {
	struct frag_slot s[IPFRAG_SLOTS];
};

int
ipfrag_init(struct netstack *st)
{
	st->frag = calloc(1, sizeof(*st->frag));
	return st->frag == NULL ? -ENOMEM : 0;
}

static void
ipfrag_free(struct frag_slot *s)
{
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

void
ipfrag_fini(struct netstack *st)
{
	if (st->frag == NULL)
		return;
	for (int i = 0; i < IPFRAG_SLOTS; i++)
		ipfrag_free(&st->frag->s[i]);
	free(st->frag);
	st->frag = NULL;
}

static struct frag_slot *
ipfrag_slot(struct netstack *st, uint32_t src, uint32_t dst, uint16_t id,
    uint8_t proto)
{
	struct frag_slot *free_s = NULL, *oldest = NULL;

	for (int i = 0; i < IPFRAG_SLOTS; i++) {
		struct frag_slot *s = &st->frag->s[i];

		if (!s->used) {
			if (free_s == NULL)
				free_s = s;
			continue;
		}
		if (s->src == src && s->dst == dst && s->id == id &&
		    s->proto == proto)
			return s;
		if (oldest == NULL || s->created < oldest->created)
			oldest = s;
	}
	if (free_s == NULL) {
		st->stats.frag_drop++;
		ipfrag_free(oldest);
		free_s = oldest;
	}
	free_s->used = 1;
	free_s->src = src;
	free_s->dst = dst;
	free_s->id = id;
	free_s->proto = proto;
	free_s->created = st->now;
	return free_s;
}

uint8_t *
ipfrag_input(struct netstack *st, const uint8_t *pkt, size_t hl,
    size_t total, size_t *outlen)
{
	uint16_t fl = pkt_get16(pkt + 6);
	uint32_t off = (uint32_t)(fl & 0x1fff) * 8;
	uint32_t n = (uint32_t)(total - hl), end = off + n, have = 0;
	int more = (fl & 0x2000) != 0;
	struct frag_slot *s;
	uint8_t *whole;

	st->stats.frag_in++;
	if (n == 0 || (more && n % 8 != 0) || end > IP_MAXPACKET - IP_HLEN) {
		st->stats.frag_drop++;
		return NULL;
	}
	s = ipfrag_slot(st, pkt_get32(pkt + 12), pkt_get32(pkt + 16),
	    pkt_get16(pkt + 4), pkt[9]);
	for (int i = 0; i < s->npieces; i++) {
		if (s->piece[i].start == off && s->piece[i].end == end)
			return NULL;	/* a duplicate: keep the first copy */
		if (off < s->piece[i].end && end > s->piece[i].start) {
			st->stats.frag_overlap++;
			ipfrag_free(s);
			return NULL;
		}
	}
	if ((s->total != 0 && (end > s->total || (!more && end != s->total))) ||
	    s->npieces >= IPFRAG_PIECES) {
		st->stats.frag_drop++;
		ipfrag_free(s);
		return NULL;
	}
	if (!more) {
		for (int i = 0; i < s->npieces; i++)
			if (s->piece[i].end > end) {
				st->stats.frag_drop++;
				ipfrag_free(s);
				return NULL;
			}
		s->total = end;
	}
	if (end > s->cap) {
		uint32_t cap = s->total != 0 ? s->total : IP_MAXPACKET - IP_HLEN;
		uint8_t *nb = realloc(s->buf, cap);

		if (nb == NULL) {
			st->stats.frag_drop++;
			ipfrag_free(s);
			return NULL;
		}
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + off, pkt + hl, n);
	s->piece[s->npieces].start = off;
	s->piece[s->npieces].end = end;
	s->npieces++;
	if (s->total == 0)
		return NULL;
	for (int i = 0; i < s->npieces; i++)
		have += s->piece[i].end - s->piece[i].start;
	if (have != s->total)
		return NULL;
	/* Pieces never overlap, so their sizes adding up to the total
	 * means every byte is there. */
	whole = s->buf;
	*outlen = s->total;
	s->buf = NULL;
	ipfrag_free(s);
	st->stats.frag_done++;
	return whole;
}

void
ipfrag_tick(struct netstack *st)
{
	for (int i = 0; i < IPFRAG_SLOTS; i++) {
		struct frag_slot *s = &st->frag->s[i];

		if (s->used && st->now - s->created >= IPFRAG_TIMEOUT_MS) {
			st->stats.frag_timeout++;
			ipfrag_free(s);
		}
	}
}

int
ipfrag_pending(struct netstack *st)
{
	int n = 0;

	for (int i = 0; i < IPFRAG_SLOTS; i++)
		n += st->frag->s[i].used;
	return n;
}
