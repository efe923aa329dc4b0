/*
 * test_rtl8168.c - hal/x86_64/rtl8168.c against a register-level model
 * of the chip, since QEMU has none.  The model is a thread watching the
 * register block as the datasheet describes the chip: a reset bit that
 * clears itself, the C+ descriptor rings (OWN, EOR, FS, LS, length, a
 * 4-byte CRC counted in received lengths), the normal-priority poll bit
 * that starts transmission, the interrupt status bits, and the receive
 * and transmit enables.  "Physical" addresses are host addresses minus
 * the kernel's direct-map base, so the driver's phys_to_virt works.
 */
#include "hal/hal.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/rtl8168.h"
#include "hal/x86_64/trap.h"

#include <check.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NDESC 64
#define BUFSZ 2048
#define OWN (1u << 31)
#define EOR (1u << 30)
#define FS (1u << 29)
#define LS (1u << 28)
#define RES (1u << 21)

struct desc {
	uint32_t opts1, opts2;
	uint64_t addr;
};

/* ---- what the driver needs from the rest of the HAL ---- */

static atomic_uint events;

uint64_t
pmm_alloc(size_t npages)
{
	void *p = aligned_alloc(4096, npages * 4096);
	if (!p)
		return 0;
	memset(p, 0, npages * 4096);
	return (uint64_t)(uintptr_t)p - DMAP_BASE;
}

void
pmm_free(uint64_t pa, size_t npages)
{
	(void)npages;
	free((void *)(uintptr_t)(pa + DMAP_BASE));
}

void
x86_printf(const char *fmt, ...)
{
	(void)fmt;
}

void
x86_event_post(uint32_t ev)
{
	if (ev & HAL_EV_NET)
		atomic_fetch_add(&events, 1);
}

uint64_t pci_bar(const struct pci_dev *d, int n) { (void)d; (void)n; return 0; }
uint64_t pci_mmio_bar(const struct pci_dev *d, int n, const char *w) { (void)d; (void)n; (void)w; return 0; }
void pci_enable(const struct pci_dev *d) { (void)d; }
int pci_msi_enable(const struct pci_dev *d, uint64_t a, uint32_t v) { (void)d; (void)a; (void)v; return -1; }
uint64_t apic_msi_address(void) { return 0; }
void x86_vector_set(int vec, x86_irq_fn fn) { (void)vec; (void)fn; }
void x86_irq_route(int irq, x86_irq_fn fn) { (void)irq; (void)fn; }

/* ---- the model ---- */

static _Alignas(4096) volatile uint8_t regs[256];
static pthread_t model;
static atomic_int model_run, tx_stall, resets;
static unsigned m_rx, m_tx;		/* the chip's ring positions */
static uint8_t sent[256][BUFSZ];	/* frames the chip put on the wire */
static size_t sent_len[256];
static atomic_uint nsent, rx_missed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;	/* rx injection */

#define REG8(r) (*(volatile uint8_t *)(regs + (r)))
#define REG16(r) (*(volatile uint16_t *)(regs + (r)))
#define REG32(r) (*(volatile uint32_t *)(regs + (r)))

static void *
virt(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + DMAP_BASE);
}

static volatile struct desc *
ring(unsigned reg)
{
	uint64_t pa = (uint64_t)REG32(reg) | (uint64_t)REG32(reg + 4) << 32;
	return virt(pa);
}

static void
raise_isr(uint16_t bits)
{
	__atomic_or_fetch((uint16_t *)(regs + 0x3e), bits, __ATOMIC_SEQ_CST);
}

static void
model_tx(void)
{
	volatile struct desc *t = ring(0x20);
	for (int n = 0; n < NDESC; n++) {
		uint32_t o = t[m_tx].opts1;
		if (!(o & OWN))
			break;
		unsigned k = atomic_load(&nsent);
		if ((o & FS) && (o & LS) && k < 256) {
			size_t len = o & 0x3fff;
			memcpy(sent[k], virt(t[m_tx].addr), len);
			sent_len[k] = len;
			atomic_store(&nsent, k + 1);
		}
		t[m_tx].opts1 = o & ~OWN;
		m_tx = (o & EOR) ? 0 : m_tx + 1;
		raise_isr(0x0004);	/* TOK */
	}
}

static void *
model_main(void *arg)
{
	(void)arg;
	while (atomic_load(&model_run)) {
		if (REG8(0x37) & 0x10) {		/* reset */
			REG16(0x3c) = 0;
			REG16(0x3e) = 0;
			m_rx = m_tx = 0;
			atomic_fetch_add(&resets, 1);
			REG8(0x37) = 0;
		}
		if ((REG8(0x38) & 0x40) && !atomic_load(&tx_stall) && (REG8(0x37) & 0x04)) {
			REG8(0x38) = 0;
			model_tx();
		}
		sched_yield();
	}
	return NULL;
}

/* A frame arrives from the wire; false if the chip had no slot for it. */
static int
wire_rx(const uint8_t *f, size_t len, uint32_t extra)
{
	int ok = 0;
	pthread_mutex_lock(&lock);
	volatile struct desc *r = ring(0xe4);
	uint32_t o = r[m_rx].opts1;
	if (!(REG8(0x37) & 0x08)) {
		/* receiver off: the frame is lost */
	} else if (!(o & OWN)) {
		atomic_fetch_add(&rx_missed, 1);
		raise_isr(0x0010);	/* RDU */
	} else {
		uint8_t *b = virt(r[m_rx].addr);
		memcpy(b, f, len);
		memset(b + len, 0xcc, 4);	/* the CRC, counted in the length */
		r[m_rx].opts1 = (o & EOR) | FS | LS | extra | (uint32_t)(len + 4);
		m_rx = (o & EOR) ? 0 : m_rx + 1;
		raise_isr(0x0001);	/* ROK */
		ok = 1;
	}
	pthread_mutex_unlock(&lock);
	return ok;
}

static void
wait_sent(unsigned n)
{
	unsigned got = 0;
	for (int i = 0; i < 200000 && (got = atomic_load(&nsent)) < n; i++)
		sched_yield();
	ck_assert_uint_eq(got, n);
}

static struct hal_nic *nic;

static void
setup(void)
{
	memset((void *)regs, 0, sizeof regs);
	static const uint8_t mac[6] = { 0x00, 0xe0, 0x4c, 0x12, 0x34, 0x56 };
	for (int i = 0; i < 6; i++)
		REG8(i) = mac[i];
	REG8(0x6c) = 0x02;	/* link up */
	atomic_store(&nsent, 0);
	atomic_store(&rx_missed, 0);
	atomic_store(&tx_stall, 0);
	atomic_store(&resets, 0);
	atomic_store(&model_run, 1);
	ck_assert_int_eq(pthread_create(&model, NULL, model_main, NULL), 0);
	ck_assert_int_eq(rtl8168_setup((uint64_t)(uintptr_t)regs - DMAP_BASE, 1), 0);
	nic = rtl8168_nic();
	ck_assert_ptr_nonnull(nic);
}

static void
teardown(void)
{
	atomic_store(&model_run, 0);
	pthread_join(model, NULL);
}

START_TEST(test_setup)
{
	ck_assert_int_eq(atomic_load(&resets), 1);
	ck_assert_mem_eq(nic->mac, "\x00\xe0\x4c\x12\x34\x56", 6);
	ck_assert_uint_eq(REG8(0x37) & 0x0c, 0x0c);		/* RE | TE */
	ck_assert_uint_eq(REG8(0x50), 0x00);			/* config locked again */
	ck_assert_uint_eq(REG32(0x44) & 0x0e, 0x0e);		/* broadcast, multicast, ours */
	ck_assert_uint_eq(REG32(0x44) & 0x01, 0);		/* not promiscuous */
	ck_assert_uint_eq(REG16(0xda), BUFSZ - 1);
	ck_assert_uint_ne(REG16(0x3c), 0);			/* interrupts unmasked */
	volatile struct desc *r = ring(0xe4), *t = ring(0x20);
	for (int i = 0; i < NDESC; i++) {
		ck_assert_uint_eq(r[i].opts1 & OWN, OWN);	/* every rx slot the chip's */
		ck_assert_uint_eq(r[i].opts1 & 0x3fff, BUFSZ);
		ck_assert_uint_eq(t[i].opts1 & OWN, 0);
		ck_assert_uint_eq(!!(r[i].opts1 & EOR), i == NDESC - 1);
		ck_assert_uint_eq(!!(t[i].opts1 & EOR), i == NDESC - 1);
	}
}
END_TEST

START_TEST(test_send)
{
	uint8_t f[1514];
	/* 200 frames: the ring wraps three times; every byte arrives. */
	for (unsigned k = 0; k < 200; k++) {
		size_t len = 14 + (k * 37) % 1500;
		for (size_t i = 0; i < len; i++)
			f[i] = (uint8_t)(k + i * 7);
		int e;
		for (int tries = 0; (e = nic->send(nic, f, len)) == -11 && tries < 100000; tries++)
			sched_yield();
		ck_assert_int_eq(e, 0);
		wait_sent(k + 1);
		ck_assert_uint_eq(sent_len[k], len);
		ck_assert_mem_eq(sent[k], f, len);
	}
	ck_assert_int_eq(nic->send(nic, f, 13), -22);
	ck_assert_int_eq(nic->send(nic, f, HAL_NIC_FRAME_MAX + 1), -22);
}
END_TEST

START_TEST(test_send_full)
{
	uint8_t f[60] = { 1 };
	atomic_store(&tx_stall, 1);	/* the chip stops taking frames */
	int n = 0;
	while (nic->send(nic, f, sizeof f) == 0 && n < 1000)
		n++;
	ck_assert_int_eq(n, NDESC);
	ck_assert_int_eq(nic->send(nic, f, sizeof f), -11);	/* EAGAIN */
	atomic_store(&tx_stall, 0);
	REG8(0x38) = 0x40;	/* the poll the driver already gave */
	wait_sent(NDESC);
	ck_assert_int_eq(nic->send(nic, f, sizeof f), 0);	/* room again */
	wait_sent(NDESC + 1);
}
END_TEST

START_TEST(test_recv)
{
	uint8_t f[1514], got[2048];
	ck_assert_int_eq(nic->recv(nic, got, sizeof got), 0);
	for (unsigned k = 0; k < 200; k++) {
		size_t len = 14 + (k * 53) % 1500;
		for (size_t i = 0; i < len; i++)
			f[i] = (uint8_t)(k * 3 + i);
		ck_assert(wire_rx(f, len, 0));
		long n = nic->recv(nic, got, sizeof got);
		ck_assert_int_eq(n, (long)len);		/* the CRC is not ours */
		ck_assert_mem_eq(got, f, len);
	}
	ck_assert_int_eq(nic->recv(nic, got, sizeof got), 0);
	/* A short buffer gets the start of the frame. */
	memset(f, 0x5a, 100);
	ck_assert(wire_rx(f, 100, 0));
	ck_assert_int_eq(nic->recv(nic, got, 20), 20);
}
END_TEST

START_TEST(test_recv_bad)
{
	uint8_t f[64], got[2048];
	memset(f, 7, sizeof f);
	ck_assert(wire_rx(f, sizeof f, RES));		/* error summary set */
	ck_assert(wire_rx(f, 10, 0));			/* shorter than a header */
	f[0] = 42;
	ck_assert(wire_rx(f, sizeof f, 0));		/* a good one after them */
	ck_assert_int_eq(nic->recv(nic, got, sizeof got), (long)sizeof f);
	ck_assert_uint_eq(got[0], 42);
	ck_assert_int_eq(nic->recv(nic, got, sizeof got), 0);
	/* The dropped frames' slots went back to the chip. */
	volatile struct desc *r = ring(0xe4);
	for (int i = 0; i < 3; i++)
		ck_assert_uint_eq(r[i].opts1 & OWN, OWN);
}
END_TEST

START_TEST(test_recv_overrun)
{
	uint8_t f[60], got[2048];
	for (unsigned k = 0; k < NDESC + 6; k++) {
		f[0] = (uint8_t)k;
		wire_rx(f, sizeof f, 0);
	}
	ck_assert_uint_eq(atomic_load(&rx_missed), 6);
	for (unsigned k = 0; k < NDESC; k++) {
		ck_assert_int_eq(nic->recv(nic, got, sizeof got), (long)sizeof f);
		ck_assert_uint_eq(got[0], k);
	}
	ck_assert_int_eq(nic->recv(nic, got, sizeof got), 0);
	f[0] = 99;	/* slots are the chip's again: arrivals resume */
	ck_assert(wire_rx(f, sizeof f, 0));
	ck_assert_int_eq(nic->recv(nic, got, sizeof got), (long)sizeof f);
	ck_assert_uint_eq(got[0], 99);
}
END_TEST

START_TEST(test_interrupt)
{
	unsigned before = atomic_load(&events);
	REG16(0x3e) = 0;
	rtl8168_interrupt();			/* not ours (shared line) */
	ck_assert_uint_eq(atomic_load(&events), before);
	uint8_t f[60] = { 0 };
	ck_assert(wire_rx(f, sizeof f, 0));
	rtl8168_interrupt();
	ck_assert_uint_eq(atomic_load(&events), before + 1);
}
END_TEST

Suite *
rtl8168_suite(void)
{
	Suite *s = suite_create("rtl8168");
	TCase *tc = tcase_create("model");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_setup);
	tcase_add_test(tc, test_send);
	tcase_add_test(tc, test_send_full);
	tcase_add_test(tc, test_recv);
	tcase_add_test(tc, test_recv_bad);
	tcase_add_test(tc, test_recv_overrun);
	tcase_add_test(tc, test_interrupt);
	suite_add_tcase(s, tc);
	return s;
}
