/*
 * e1000.c - the Intel 82540EM (QEMU's "e1000") as a hal_nic.
 *
 * Legacy descriptors in two rings of NDESC, each slot with its own
 * 2 KiB buffer, all in physical pages from pmm (the NIC reads and writes
 * them by DMA; x86 keeps DMA coherent, so volatile accesses and compiler
 * barriers are all the ordering needed).  Receive: the NIC fills a slot
 * and sets DD; recv() copies it out and hands the slot back by moving
 * RDT.  Send: send() fills the slot at the tail and moves TDT; a slot is
 * free again once the NIC has set its DD.  The interrupt (INTx through
 * the I/O APIC, the line the firmware routed) only raises HAL_EV_NET.
 */
#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/e1000.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/nicring.h"
#include "hal/x86_64/pmm.h"
#include "hal/x86_64/time.h"
#include "hal/x86_64/trap.h"

/* The ABI's errno values (the HAL has no libc). */
#define EAGAIN	11
#define ENOMEM	12
#define EINVAL	22

#define CTRL	0x0000
#define STATUS	0x0008
#define EERD	0x0014
#define ICR	0x00c0
#define IMS	0x00d0
#define IMC	0x00d8
#define RCTL	0x0100
#define TCTL	0x0400
#define TIPG	0x0410
#define RDBAL	0x2800
#define RDBAH	0x2804
#define RDLEN	0x2808
#define RDH	0x2810
#define RDT	0x2818
#define TDBAL	0x3800
#define TDBAH	0x3804
#define TDLEN	0x3808
#define TDH	0x3810
#define TDT	0x3818
#define MTA	0x5200
#define RAL0	0x5400
#define RAH0	0x5404

#define CTRL_SLU	(1u << 6)
#define CTRL_RST	(1u << 26)
#define RCTL_EN		(1u << 1)
#define RCTL_BAM	(1u << 15)	/* broadcasts */
#define RCTL_SECRC	(1u << 26)	/* strip the FCS */
#define TCTL_EN		(1u << 1)
#define TCTL_PSP	(1u << 3)	/* pad short frames */
#define INT_TXDW	(1u << 0)
#define INT_LSC		(1u << 2)
#define INT_RXO		(1u << 6)
#define INT_RXT0	(1u << 7)

#define NDESC	64		/* per ring: 64 * 16 bytes = one page */
#define BUFSZ	2048

#define DESC_DD		0x01	/* status: done */
#define DESC_EOP	0x02	/* rx status: end of packet */
#define TX_EOP		0x01	/* cmd */
#define TX_IFCS		0x02
#define TX_RS		0x08

struct rx_desc {
	uint64_t addr;
	uint16_t len, csum;
	uint8_t status, errors;
	uint16_t special;
};

struct tx_desc {
	uint64_t addr;
	uint16_t len;
	uint8_t cso, cmd, status, css;
	uint16_t special;
};

static struct e1000 {
	struct hal_nic nic;
	volatile uint8_t *regs;
	volatile struct rx_desc *rx;
	volatile struct tx_desc *tx;
	uint8_t *rxbuf, *txbuf;		/* NDESC * BUFSZ each */
	unsigned rx_next;		/* the next slot the NIC fills */
	unsigned tx_tail;		/* the next slot we fill */
	unsigned tx_used;		/* slots sent, not yet seen done */
	unsigned tx_head;		/* oldest of those */
	int up;
} dev;

unsigned e1000_irqs;

static uint32_t
rd(uint32_t reg)
{
	return *(volatile uint32_t *)(dev.regs + reg);
}

static void
wr(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(dev.regs + reg) = v;
}

/* Slots the NIC finished sending become free. */
static void
tx_reap(void)
{
	while (dev.tx_used && (dev.tx[dev.tx_head].status & DESC_DD)) {
		dev.tx_head = (dev.tx_head + 1) % NDESC;
		dev.tx_used--;
	}
}

static int
e1000_send(struct hal_nic *n, const void *frame, size_t len)
{
	(void)n;
	if (len < HAL_NIC_FRAME_MIN || len > HAL_NIC_FRAME_MAX)
		return -EINVAL;
	tx_reap();
	if (dev.tx_used == NDESC - 1)
		return -EAGAIN;	/* TXDW raises HAL_EV_NET when slots free up */
	unsigned i = dev.tx_tail;
	memcpy(dev.txbuf + (size_t)i * BUFSZ, frame, len);
	dev.tx[i].len = (uint16_t)len;
	dev.tx[i].cmd = TX_EOP | TX_IFCS | TX_RS;
	dev.tx[i].status = 0;
	__asm__ volatile("" ::: "memory");
	dev.tx_tail = (i + 1) % NDESC;
	dev.tx_used++;
	wr(TDT, dev.tx_tail);
	return 0;
}

static long
e1000_recv(struct hal_nic *n, void *buf, size_t cap)
{
	(void)n;
	for (;;) {
		unsigned i = dev.rx_next;
		if (!(dev.rx[i].status & DESC_DD))
			return 0;
		__asm__ volatile("" ::: "memory");
		size_t len = dev.rx[i].len;
		/* Frames larger than one buffer (never, without LPE) or with
		 * errors are dropped, not half delivered. */
		int whole = (dev.rx[i].status & DESC_EOP) && !dev.rx[i].errors &&
		    len >= HAL_NIC_FRAME_MIN && len <= BUFSZ;
		if (whole) {
			if (len > cap)
				len = cap;
			memcpy(buf, dev.rxbuf + (size_t)i * BUFSZ, len);
		}
		dev.rx[i].status = 0;
		__asm__ volatile("" ::: "memory");
		dev.rx_next = (i + 1) % NDESC;
		wr(RDT, i);	/* the slot goes back to the NIC */
		if (whole)
			return (long)len;
	}
}

static void
e1000_irq(struct x86_frame *f)
{
	(void)f;
	e1000_irqs++;
	uint32_t icr = rd(ICR);	/* reading clears it (and the level) */
	if (icr & INT_LSC)
		dev.up = (rd(STATUS) & 2) != 0;
	if (icr)
		x86_event_post(HAL_EV_NET);
}

static uint16_t
eeprom_word(unsigned addr)
{
	wr(EERD, 1u | (addr << 8));
	for (int spin = 0; spin < 100000; spin++) {
		uint32_t v = rd(EERD);
		if (v & (1u << 4))
			return (uint16_t)(v >> 16);
	}
	return 0;
}

static void
read_mac(void)
{
	uint32_t lo = rd(RAL0), hi = rd(RAH0);
	if (hi & (1u << 31)) {		/* address valid */
		for (int i = 0; i < 4; i++)
			dev.nic.mac[i] = (uint8_t)(lo >> (8 * i));
		dev.nic.mac[4] = (uint8_t)hi;
		dev.nic.mac[5] = (uint8_t)(hi >> 8);
		return;
	}
	for (unsigned w = 0; w < 3; w++) {
		uint16_t v = eeprom_word(w);
		dev.nic.mac[2 * w] = (uint8_t)v;
		dev.nic.mac[2 * w + 1] = (uint8_t)(v >> 8);
	}
	wr(RAL0, (uint32_t)dev.nic.mac[0] | (uint32_t)dev.nic.mac[1] << 8 |
	    (uint32_t)dev.nic.mac[2] << 16 | (uint32_t)dev.nic.mac[3] << 24);
	wr(RAH0, (uint32_t)dev.nic.mac[4] | (uint32_t)dev.nic.mac[5] << 8 | 1u << 31);
}

/* Both rings and their buffers: one page of descriptors each, NDESC
 * buffers of BUFSZ after them. */
static int
rings(void)
{
	struct nic_ring r, t;
	if (nic_rings_alloc(&r, &t, NDESC, BUFSZ) != 0)
		return -ENOMEM;
	uint64_t rxd = r.desc_pa, txd = t.desc_pa, rxb = r.buf_pa, txb = t.buf_pa;
	dev.rx = r.desc;
	dev.tx = t.desc;
	dev.rxbuf = r.buf;
	dev.txbuf = t.buf;
	for (unsigned i = 0; i < NDESC; i++) {
		dev.rx[i].addr = rxb + (uint64_t)i * BUFSZ;
		dev.tx[i].addr = txb + (uint64_t)i * BUFSZ;
	}
	wr(RDBAL, (uint32_t)rxd);
	wr(RDBAH, (uint32_t)(rxd >> 32));
	wr(RDLEN, NDESC * sizeof(struct rx_desc));
	wr(RDH, 0);
	wr(RDT, NDESC - 1);	/* all slots but one belong to the NIC */
	wr(TDBAL, (uint32_t)txd);
	wr(TDBAH, (uint32_t)(txd >> 32));
	wr(TDLEN, NDESC * sizeof(struct tx_desc));
	wr(TDH, 0);
	wr(TDT, 0);
	return 0;
}

void
e1000_probe(const struct pci_dev *pd)
{
	if (dev.regs) {
		x86_printf("x86: e1000 %02x:%02x.%x: only one NIC is used\n", pd->bus, pd->dev, pd->fn);
		return;
	}
	uint64_t bar = pci_mmio_bar(pd, 0, "e1000");
	if (!bar)
		return;
	pci_enable(pd);
	dev.regs = phys_to_virt(bar);
	wr(IMC, ~0u);
	wr(CTRL, rd(CTRL) | CTRL_RST);
	for (int spin = 0; spin < 1000000 && (rd(CTRL) & CTRL_RST); spin++)
		__asm__ volatile("pause");
	wr(IMC, ~0u);
	(void)rd(ICR);
	wr(CTRL, rd(CTRL) | CTRL_SLU);
	read_mac();
	for (unsigned i = 0; i < 128; i++)
		wr(MTA + 4 * i, 0);
	if (rings() != 0) {
		x86_printf("x86: e1000: no memory for the rings\n");
		dev.regs = NULL;
		return;
	}
	wr(TIPG, 10u | 8u << 10 | 6u << 20);
	wr(TCTL, TCTL_EN | TCTL_PSP | 0x10u << 4 | 0x40u << 12);
	wr(RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC);	/* 2 KiB buffers */
	dev.up = (rd(STATUS) & 2) != 0;
	dev.nic.name = "e1000";
	dev.nic.send = e1000_send;
	dev.nic.recv = e1000_recv;
	dev.nic.priv = &dev;
	if (pd->irq_line && pd->irq_line < 16) {
		x86_irq_route(pd->irq_line, e1000_irq);
		wr(IMS, INT_RXT0 | INT_RXO | INT_TXDW | INT_LSC);
	}
	x86_printf("x86: e1000 %02x:%02x.%x: %02x:%02x:%02x:%02x:%02x:%02x, link %s, IRQ %u\n",
	    pd->bus, pd->dev, pd->fn, dev.nic.mac[0], dev.nic.mac[1], dev.nic.mac[2],
	    dev.nic.mac[3], dev.nic.mac[4], dev.nic.mac[5], dev.up ? "up" : "down",
	    pd->irq_line);
}

struct hal_nic *
e1000_nic(void)
{
	return dev.regs ? &dev.nic : NULL;
}
