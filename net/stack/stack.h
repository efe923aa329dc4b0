/*
 * One instance of the TCP/IP stack: an Ethernet interface with one IPv4
 * address, plus loopback.  The stack makes no system calls: the caller
 * hands it received frames and the time (milliseconds, any epoch) and it
 * hands back frames to send through the output callback, and socket
 * readiness through the ready callback.  Every module keeps its state in
 * a table this struct points to; nothing is global.
 */
#ifndef NET_STACK_STACK_H
#define NET_STACK_STACK_H

#include <stddef.h>
#include <stdint.h>

#define NS_ETH_HLEN 14
#define NS_MTU 1500
#define NS_FRAME_MAX (NS_ETH_HLEN + NS_MTU)
#define NS_GSO_FRAME_MAX (NS_ETH_HLEN + 65535)	/* a TSO or GRO frame */
#define NS_ETHERTYPE_IP 0x0800
#define NS_ETHERTYPE_ARP 0x0806
#define NS_LOOPBACK 0x7f000001u

typedef void (*ns_output_fn)(void *ctx, const uint8_t *frame, size_t len);
typedef void (*ns_ready_fn)(void *ctx, int handle, unsigned events);

/*
 * NIC offload (ns_set_offload).  NS_OFF_CSUM: the NIC completes the TCP
 * and UDP checksums of frames sent with NS_TX_CSUM (the field holds the
 * pseudo-header sum), and vouches for received ones (ns_input_meta with
 * NS_RX_CSUM_OK: not checked).  NS_OFF_TSO: it cuts a TCP frame of up to
 * NS_GSO_FRAME_MAX bytes into segments of gso_size payload bytes.
 */
#define NS_OFF_CSUM 1
#define NS_OFF_TSO 2
#define NS_TX_CSUM 1
#define NS_RX_CSUM_OK 1

struct ns_txmeta {
	uint16_t gso_size;	/* 0: one frame */
	uint8_t flags;		/* NS_TX_* */
};

typedef void (*ns_output_meta_fn)(void *ctx, const uint8_t *frame,
    size_t len, const struct ns_txmeta *m);

/* Malformed or unwanted input is dropped and counted here. */
struct ns_stats {
	uint64_t rx_frames, tx_frames, eth_drop;
	uint64_t arp_drop, arp_pending_drop;
	uint64_t ip_drop, ip_cksum, ip_ttl, ip_noproto;
	uint64_t frag_in, frag_drop, frag_overlap, frag_timeout, frag_done;
	uint64_t icmp_drop, icmp_echo_replies;
	uint64_t udp_drop, udp_noport;
	uint64_t tx_gso;
	uint64_t tcp_drop, tcp_cksum, tcp_badopt, tcp_rst_sent, tcp_rexmit,
	    tcp_fast_rexmit, tcp_timeouts, tcp_syn_evict, tcp_syn_drop;
	uint64_t dhcp_drop, dns_drop;
};

struct arp_table;
struct ip_state;
struct ipfrag_table;
struct icmp_table;
struct udp_table;
struct tcp_table;
struct sock_table;
struct dhcp_client;
struct dns_table;
struct raw_table;
struct eth_table;
struct ns_lopkt;

struct netstack {
	uint8_t mac[6];
	uint32_t addr, mask, router, dns;	/* host order; 0 = unset */
	uint64_t now;				/* ms, from the caller */
	ns_output_fn output;
	void *output_ctx;
	ns_output_meta_fn output_meta;	/* frames that need offload */
	unsigned offload;		/* NS_OFF_* */
	int rx_csum_ok;			/* the frame in hand: NS_RX_CSUM_OK */
	ns_ready_fn ready;
	void *ready_ctx;
	uint64_t rng;
	struct ns_stats stats;

	struct arp_table *arp;
	struct ip_state *ip;
	struct ipfrag_table *frag;
	struct icmp_table *icmp;
	struct udp_table *udp;
	struct tcp_table *tcp;
	struct sock_table *sock;
	struct dhcp_client *dhcp;
	struct dns_table *dnsq;
	struct raw_table *raw;
	struct eth_table *eth;

	struct ns_lopkt *lo_head, *lo_tail;
	unsigned lo_count;
	int lo_draining;
	int hold_acks;		/* ns_input_batch: pure ACKs wait for its end */
};

struct netstack *ns_create(const uint8_t mac[6], uint64_t seed, uint64_t now);
void ns_destroy(struct netstack *st);
void ns_set_output(struct netstack *st, ns_output_fn fn, void *ctx);
void ns_set_ready(struct netstack *st, ns_ready_fn fn, void *ctx);
/* Offload the NIC does (NS_OFF_*), and the output for frames using it
 * (ctx: the output's); 0 turns it off. */
void ns_set_offload(struct netstack *st, unsigned off, ns_output_meta_fn fn);
/* Sets the interface address; 0 leaves a field unset. */
void ns_configure(struct netstack *st, uint32_t addr, uint32_t mask,
    uint32_t router, uint32_t dns);
/* One received Ethernet frame. */
/*
 * Frames that came together (one read of many): between ns_input_batch(st,
 * 1) and ns_input_batch(st, 0) a connection's pure ACKs for in-order data
 * wait, and the end sends one per connection, as a NIC's receive
 * coalescing does.  A sender's ACK clock then costs one frame a batch,
 * not one per two segments.
 */
void ns_input_batch(struct netstack *st, int on);
void ns_input(struct netstack *st, const uint8_t *frame, size_t len,
    uint64_t now);
/* The same with what the NIC says of it (NS_RX_*; only NS_RX_CSUM_OK
 * counts, and only while ns_set_offload said NS_OFF_CSUM). */
void ns_input_meta(struct netstack *st, const uint8_t *frame, size_t len,
    uint64_t now, unsigned flags);
/* Runs the timers due at now and delivers queued loopback packets. */
void ns_tick(struct netstack *st, uint64_t now);

/* For the modules. */
uint32_t ns_random(struct netstack *st);
void ns_send_frame(struct netstack *st, const uint8_t *frame, size_t len);
/* With offload (m NULL: as ns_send_frame). */
void ns_send_frame_meta(struct netstack *st, const uint8_t *frame,
    size_t len, const struct ns_txmeta *m);
/* Queues an IP packet to the local stack (delivered after this call). */
void ns_loopback(struct netstack *st, const uint8_t *pkt, size_t len);
/* Delivers queued loopback packets; safe to call from anywhere. */
void ns_flush(struct netstack *st);
void ns_notify(struct netstack *st, int handle, unsigned events);

#endif
