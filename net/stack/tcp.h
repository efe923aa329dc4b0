/*
 * TCP (RFC 9293): connection blocks, the user calls and the timers.
 * Segment input is tcp_in.c, segment output tcp_out.c; the three share
 * struct tcp_pcb, defined here.  Congestion control follows RFC 5681 with
 * NewReno recovery (RFC 6582), the retransmission timer RFC 6298, window
 * scaling RFC 7323, RST and SYN checks RFC 5961.
 */
#ifndef NET_STACK_TCP_H
#define NET_STACK_TCP_H

#include <sys/types.h>

#include "net/stack/stack.h"

enum tcp_state {
	TCP_CLOSED, TCP_LISTEN, TCP_SYN_SENT, TCP_SYN_RCVD, TCP_ESTABLISHED,
	TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, TCP_CLOSE_WAIT, TCP_CLOSING,
	TCP_LAST_ACK, TCP_TIME_WAIT
};

#define TCP_HLEN 20
#define TCP_MSS 1460		/* ours: an Ethernet MTU less IP and TCP */
#define TCP_MSS_MIN 64		/* a peer's smaller MSS is raised to this */
#define TCP_SEG_HEAD (NS_ETH_HLEN + 20)	/* Ethernet + IP headers */
/* The payload of a TSO super-segment at most: it and the headers (40
 * bytes of options at most) stay within an IPv4 packet. */
#define TCP_TSO_MAX (65535 - 20 - TCP_HLEN - 40)
/* A peer's tiny MSS gets plain segments: a NIC may refuse small pieces. */
#define TCP_TSO_MSS_MIN 256
#ifndef TCP_BUF			/* the fuzz target makes it small */
#define TCP_BUF 262144		/* send and receive buffers, each */
#endif
#define TCP_OOO_MAX 32		/* out-of-order ranges held */
#define TCP_SACKED_MAX 32	/* ranges the peer reported holding */
#define TCP_RTO_INIT 1000
#define TCP_RTO_MIN 200
#define TCP_RTO_MAX 60000
#define TCP_SYN_RETRIES 6
#define TCP_RETRIES 12
#define TCP_SYN_QUEUE 128	/* half-open connections per listener */
#define TCP_PCB_MAX 8192	/* connection blocks in all */

#define SEQ_LT(a, b) ((int32_t)((a) - (b)) < 0)
#define SEQ_LEQ(a, b) ((int32_t)((a) - (b)) <= 0)
#define SEQ_GT(a, b) ((int32_t)((a) - (b)) > 0)
#define SEQ_GEQ(a, b) ((int32_t)((a) - (b)) >= 0)

/* TCP header flags. */
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10

struct tcp_range {
	uint32_t start, end;
};

struct tcp_pcb {
	struct tcp_pcb *next;
	int state;
	int handle;		/* the socket's for readiness, or -1 */
	int user;		/* held by the user or an accept queue */
	int in_aq;
	uint32_t laddr, raddr;
	uint16_t lport, rport;

	/* Sending.  sbuf holds the unacknowledged and unsent bytes; its
	 * first byte has sequence number sbuf_seq. */
	uint32_t iss, snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2;
	uint8_t snd_ws, rcv_ws;
	uint16_t mss;
	uint8_t *sbuf;
	uint32_t scap, shead, slen, sbuf_seq;
	int fin_queued;		/* the user is done writing */

	/* Receiving.  rbuf holds rlen in-order bytes for the user, then
	 * room where out-of-order data waits (ranges in ooo[]). */
	uint32_t irs, rcv_nxt, rcv_adv;
	uint8_t *rbuf;
	uint32_t rcap, rhead, rlen;
	struct tcp_range ooo[TCP_OOO_MAX];	/* latest first */
	int nooo;
	int sack_ok;		/* the peer takes SACK blocks (RFC 2018) */
	int ooo_fin;		/* a FIN seen beyond rcv_nxt, at ooo_fin_seq */
	uint32_t ooo_fin_seq;
	int fin_rcvd;
	int rd_shut;		/* shutdown(SHUT_RD): reads give 0, data is dropped */

	/* What the peer's SACK blocks say it holds beyond snd_una, and
	 * how far holes were resent in this recovery (RFC 6675). */
	struct tcp_range sacked[TCP_SACKED_MAX];
	int nsacked;
	uint32_t rexmit_hi;

	/* Congestion control and the retransmission timer. */
	uint32_t cwnd, ssthresh, recover;
	int dupacks, in_recovery;
	int rtt_active;
	uint32_t rtt_seq;
	uint64_t rtt_start;
	uint32_t srtt8, rttvar4, rto;	/* srtt*8, rttvar*4, both ms */
	int backoff, retries;
	uint64_t rexmit_at;	/* 0: stopped */
	uint64_t persist_at;
	int force_probe;	/* send one byte into a zero window */
	uint64_t timewait_at;
	uint64_t last_rx;
	int keepalive, keep_probes;
	uint64_t keep_at;
	int need_ack, nodelay;
	int ack_held;		/* its ACK waits for ns_input_batch's end */
	uint8_t ttl;		/* IP_TTL for its segments (0: the default) */
	int err;		/* pending error for the user (errno) */

	/* Listening: half-open children count against syn_count; finished
	 * ones wait in the accept queue. */
	struct tcp_pcb *parent;
	struct tcp_pcb *aq_head, *aq_tail, *aq_next;
	int aq_len, backlog, syn_count;
	uint64_t created;
};

struct tcp_table {
	struct tcp_pcb *list;
	int npcb, nclosed;
	uint16_t next_port;
	uint32_t msl_ms, keep_idle_ms, keep_intvl_ms, keep_cnt;
	/* A segment is built after room for the Ethernet and IP headers
	 * (ip_output_frame writes them in front, no copy). */
	uint8_t seg[TCP_SEG_HEAD + TCP_HLEN + 40 + TCP_TSO_MAX];
};

int tcp_init(struct netstack *st);
void tcp_fini(struct netstack *st);
void tcp_tick(struct netstack *st);

/* User calls.  Each returns 0 / a count or -errno. */
int tcp_connect(struct netstack *st, uint32_t laddr, uint16_t lport,
    uint32_t raddr, uint16_t rport, struct tcp_pcb **out);
int tcp_listen(struct netstack *st, uint32_t laddr, uint16_t lport,
    int backlog, struct tcp_pcb **out);
int tcp_accept(struct netstack *st, struct tcp_pcb *l, struct tcp_pcb **out);
ssize_t tcp_read(struct netstack *st, struct tcp_pcb *p, void *buf, size_t n);
ssize_t tcp_write(struct netstack *st, struct tcp_pcb *p, const void *buf,
    size_t n);
int tcp_shutdown(struct netstack *st, struct tcp_pcb *p);
/* No more reads: what waits and what comes is acknowledged and dropped. */
void tcp_shutdown_read(struct netstack *st, struct tcp_pcb *p);
/* The user is done with p: it finishes closing on its own, or is reset
 * if unread data remains. */
void tcp_close(struct netstack *st, struct tcp_pcb *p);
unsigned tcp_poll(struct netstack *st, struct tcp_pcb *p);

/* For tcp_in and tcp_out. */
struct tcp_pcb *tcp_lookup(struct netstack *st, uint32_t laddr,
    uint16_t lport, uint32_t raddr, uint16_t rport);
struct tcp_pcb *tcp_new_child(struct netstack *st, struct tcp_pcb *l);
int tcp_alloc_bufs(struct tcp_pcb *p);
void tcp_set_state(struct netstack *st, struct tcp_pcb *p, int state);
/* Ends the connection with an error for the user (0: a clean end). */
void tcp_drop(struct netstack *st, struct tcp_pcb *p, int err);
void tcp_established(struct netstack *st, struct tcp_pcb *p);
void tcp_wakeup(struct netstack *st, struct tcp_pcb *p);
/* Frees closed blocks nobody holds. */
void tcp_reap(struct netstack *st);
/* Connection blocks in all (for tests). */
int tcp_count(struct netstack *st);
/* Sends the ACKs ns_input_batch held. */
void tcp_send_held_acks(struct netstack *st);
/* Shortens the timers for tests (0 leaves one as it is). */
void tcp_tune(struct netstack *st, uint32_t msl_ms, uint32_t keep_idle_ms,
    uint32_t keep_intvl_ms, uint32_t keep_cnt);
void tcp_set_keepalive(struct tcp_pcb *p, int on);
void tcp_set_nodelay(struct tcp_pcb *p, int on);

#endif
