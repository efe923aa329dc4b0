/*
 * NIC offload: TSO super-segments cut by a simulated NIC (sim_offload,
 * which moves the partial checksum as Linux does, so a wrong
 * pseudo-header sum shows as B dropping segments), large joined frames
 * taken whole with the NIC vouching for their checksum, and a stack
 * without offload still checking such frames.
 */
#include <string.h>

#include "net/stack/ip.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"
#include "net/stack/tcp.h"
#include "tests/net/check.h"
#include "tests/net/sim.h"

#define XFER (2u << 20)

/* A connection from `from` to the other stack; 0, or -1 (test failed). */
static int
connect_pair(struct sim *s, int from, uint16_t port, int *fh, int *th)
{
	int r = sim_tcp_pair(s, from, port, 5000, fh, th);

	CHECK_EQ(r, 0);
	return r;
}

/* Sends XFER patterned bytes from `from` to the other end within
 * max_ms of simulated time; the bytes that arrived intact. */
static size_t
transfer(struct sim *s, int from, uint64_t max_ms)
{
	static uint8_t data[XFER], buf[65536];
	size_t sent = 0, got = 0;
	int fh, th, bad = 0;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 13 + (i >> 11));
	if (connect_pair(s, from, 9100, &fh, &th) < 0)
		return 0;
	for (uint64_t t = 0; t < max_ms && got < XFER; t++) {
		ssize_t r;

		if (sent < XFER) {
			r = ns_write(s->st[from], fh, data + sent, XFER - sent);
			if (r > 0)
				sent += (size_t)r;
		}
		sim_run(s, 1);
		while ((r = ns_read(s->st[!from], th, buf, sizeof(buf))) > 0) {
			if (memcmp(buf, data + got, (size_t)r) != 0)
				bad = 1;
			got += (size_t)r;
		}
	}
	CHECK(!bad);
	return bad ? 0 : got;
}

static void
test_tso_send(void)
{
	struct sim s;

	CHECK_EQ(sim_init(&s, 21), 0);
	sim_offload(&s, SIM_A, NS_OFF_CSUM | NS_OFF_TSO);
	CHECK_EQ(transfer(&s, SIM_A, 20000), XFER);
	CHECK(s.gso[SIM_A] > 0);
	CHECK(s.st[SIM_A]->stats.tx_gso > 0);
	CHECK_EQ(s.bad_csum[SIM_A], 0);
	CHECK_EQ(s.st[SIM_B]->stats.tcp_cksum, 0);
	sim_fini(&s);
}

/* Loss, reordering and duplicates: resending at MSS size, SACK and
 * recovery with super-segments in flight. */
static void
test_tso_lossy(void)
{
	struct sim s;

	CHECK_EQ(sim_init(&s, 22), 0);
	sim_offload(&s, SIM_A, NS_OFF_CSUM | NS_OFF_TSO);
	sim_impair(&s, 20, 30, 5);
	CHECK_EQ(transfer(&s, SIM_A, 120000), XFER);
	CHECK(s.gso[SIM_A] > 0);
	CHECK_EQ(s.bad_csum[SIM_A], 0);
	CHECK_EQ(s.st[SIM_B]->stats.tcp_cksum, 0);
	CHECK(s.st[SIM_A]->stats.tcp_rexmit + s.st[SIM_A]->stats.tcp_fast_rexmit > 0);
	sim_fini(&s);
}

/* Checksum offload alone: segments of one MSS, checksums left to the NIC. */
static void
test_csum_only(void)
{
	struct sim s;

	CHECK_EQ(sim_init(&s, 23), 0);
	sim_offload(&s, SIM_A, NS_OFF_CSUM);
	CHECK_EQ(transfer(&s, SIM_A, 20000), XFER);
	CHECK_EQ(s.gso[SIM_A], 0);
	CHECK_EQ(s.bad_csum[SIM_A], 0);
	CHECK_EQ(s.st[SIM_B]->stats.tcp_cksum, 0);
	sim_fini(&s);
}

/* B's super-segments reach A whole, their checksums partial: A takes
 * them when its NIC vouches (offload on), drops them when not. */
static void
test_gro_receive(void)
{
	struct sim s;

	CHECK_EQ(sim_init(&s, 24), 0);
	sim_offload(&s, SIM_A, NS_OFF_CSUM | NS_OFF_TSO);
	sim_offload(&s, SIM_B, NS_OFF_CSUM | NS_OFF_TSO);
	s.gro[SIM_B] = 1;
	CHECK_EQ(transfer(&s, SIM_B, 20000), XFER);
	CHECK(s.gso[SIM_B] > 0);
	CHECK_EQ(s.st[SIM_A]->stats.tcp_cksum, 0);
	sim_fini(&s);

	CHECK_EQ(sim_init(&s, 25), 0);
	sim_offload(&s, SIM_B, NS_OFF_CSUM | NS_OFF_TSO);
	s.gro[SIM_B] = 1;
	CHECK(transfer(&s, SIM_B, 3000) < XFER);
	CHECK(s.st[SIM_A]->stats.tcp_cksum > 0);
	sim_fini(&s);
}

/* Frames with silly lengths and the NIC's blessing: dropped, counted,
 * and the connection goes on. */
static void
test_gro_silly(void)
{
	static uint8_t f[NS_GSO_FRAME_MAX + 64];
	static const size_t lens[] = { 14, 33, 34, 54, 1515, 40000,
	    NS_GSO_FRAME_MAX, NS_GSO_FRAME_MAX + 5, sizeof(f) };
	static const uint16_t totals[] = { 0, 19, 20, 40, 1500, 65535 };
	struct sim s;
	int ah, bh;
	uint64_t drops;

	CHECK_EQ(sim_init(&s, 26), 0);
	sim_offload(&s, SIM_A, NS_OFF_CSUM | NS_OFF_TSO);
	if (connect_pair(&s, SIM_B, 9200, &bh, &ah) == 0) {
		memset(f, 0xa5, sizeof(f));
		memcpy(f, s.st[SIM_A]->mac, 6);
		pkt_put16(f + 12, NS_ETHERTYPE_IP);
		f[14] = 0x45;
		f[22] = 64;
		f[23] = 6;
		pkt_put32(f + 26, SIM_ADDR_B);
		pkt_put32(f + 30, SIM_ADDR_A);
		drops = s.st[SIM_A]->stats.ip_drop + s.st[SIM_A]->stats.eth_drop +
		    s.st[SIM_A]->stats.tcp_drop + s.st[SIM_A]->stats.ip_cksum;
		for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
			for (size_t j = 0; j < sizeof(totals) / sizeof(totals[0]); j++) {
				pkt_put16(f + 16, totals[j]);
				pkt_put16(f + 24, 0);
				pkt_put16(f + 24, pkt_fold(pkt_sum(0, f + 14, 20)));
				f[46] = (uint8_t)(j * 0x30);	/* data offsets */
				ns_input_meta(s.st[SIM_A], f, lens[i], s.now,
				    NS_RX_CSUM_OK);
			}
		CHECK(s.st[SIM_A]->stats.ip_drop + s.st[SIM_A]->stats.eth_drop +
		    s.st[SIM_A]->stats.tcp_drop + s.st[SIM_A]->stats.ip_cksum > drops);
		CHECK_EQ(ns_write(s.st[SIM_B], bh, "still", 5), 5);
		sim_run(&s, 50);
		char buf[8];
		CHECK_EQ(ns_read(s.st[SIM_A], ah, buf, sizeof(buf)), 5);
	}
	sim_fini(&s);
}

const struct net_test tso_tests[] = {
	{ "tso_send", test_tso_send },
	{ "tso_lossy", test_tso_lossy },
	{ "csum_only", test_csum_only },
	{ "gro_receive", test_gro_receive },
	{ "gro_silly", test_gro_silly },
	{ NULL, NULL },
};
