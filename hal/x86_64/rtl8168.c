/*
 * rtl8168.c - the Realtek RTL8168 (RTL8111) gigabit NIC as a hal_nic.
 *
 * Written from the datasheet's register map; QEMU has no model of this
 * chip, so tests/hal/test_rtl8168.c runs this file against a register-
 * level model of its descriptor engine.  Real hardware has not seen it.
 *
 * C+ mode descriptors, 16 bytes: opts1 (OWN, EOR, FS, LS, length),
 * opts2, buffer address.  The driver gives a descriptor to the chip by
 * setting OWN; the chip clears it when done.  One ring each way of
 * NDESC, a 2 KiB buffer per slot, all from pmm (DMA on x86 is coherent).
 * Transmit is started by the normal-priority poll bit; completion and
 * arrival raise HAL_EV_NET through MSI, or INTx if the chip has no MSI.
 */
#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"
#include "hal/x86_64/apic.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/nicring.h"
#include "hal/x86_64/pmm.h"
#include "hal/x86_64/rtl8168.h"
#include "hal/x86_64/time.h"
#include "hal/x86_64/trap.h"

/* The ABI's errno values (the HAL has no libc). */
#define EAGAIN	11
#define ENOMEM	12
#define EINVAL	22

/* Registers (MMIO, BAR2). */
#define R_IDR0		0x00	/* MAC, 6 bytes */
#define R_MAR0		0x08	/* multicast filter, 8 bytes */
#define R_TNPDS		0x20	/* transmit ring, 64-bit */
#define R_CR		0x37	/* command */
#define R_TPPOLL	0x38
#define R_IMR		0x3c	/* 16-bit */
#define R_ISR		0x3e	/* 16-bit, write 1 to clear */
#define R_TCR		0x40
#define R_RCR		0x44
#define R_9346CR	0x50	/* config register lock */
#define R_PHYSTATUS	0x6c
#define R_RMS		0xda	/* 16-bit: largest frame received */
#define R_CPCR		0xe0	/* 16-bit: C+ command */
#define R_RDSAR		0xe4	/* receive ring, 64-bit */
#define R_MTPS		0xec	/* largest frame sent, in 128-byte units */

#define CR_RST		0x10
#define CR_RE		0x08
#define CR_TE		0x04
#define TPPOLL_NPQ	0x40
#define CFG_UNLOCK	0xc0
#define CFG_LOCK	0x00
#define PHY_LINK	0x02

#define INT_ROK		0x0001
#define INT_RER		0x0002
#define INT_TOK		0x0004
#define INT_TER		0x0008
#define INT_RDU		0x0010
#define INT_LINK	0x0020
#define INT_FOVW	0x0040
#define INT_TDU		0x0080
#define INT_ALL		(INT_ROK | INT_RER | INT_TOK | INT_TER | INT_RDU | INT_LINK | \
			 INT_FOVW | INT_TDU)

/* RCR: broadcast, multicast, our address; no threshold, unlimited DMA. */
#define RCR_VALUE	(0x08u | 0x04u | 0x02u | 7u << 13 | 7u << 8)
/* TCR: standard gap, unlimited DMA burst. */
#define TCR_VALUE	(3u << 24 | 7u << 8)

#define D_OWN		(1u << 31)
#define D_EOR		(1u << 30)
#define D_FS		(1u << 29)
#define D_LS		(1u << 28)
#define D_RES		(1u << 21)	/* receive error summary */
#define D_LEN		0x3fffu

#define NDESC	64
#define BUFSZ	2048
#define CRC_LEN	4

struct desc {
	uint32_t opts1, opts2;
	uint64_t addr;
};

static struct rtl {
	struct hal_nic nic;
	volatile uint8_t *regs;
	volatile struct desc *rx, *tx;
	uint8_t *rxbuf, *txbuf;
	unsigned rx_next, tx_tail, tx_head, tx_used;
	int up;
} dev;

unsigned rtl8168_irqs;

static uint8_t rd8(unsigned r) { return *(volatile uint8_t *)(dev.regs + r); }
static uint16_t rd16(unsigned r) { return *(volatile uint16_t *)(dev.regs + r); }
static void wr8(unsigned r, uint8_t v) { *(volatile uint8_t *)(dev.regs + r) = v; }
static void wr16(unsigned r, uint16_t v) { *(volatile uint16_t *)(dev.regs + r) = v; }
static void wr32(unsigned r, uint32_t v) { *(volatile uint32_t *)(dev.regs + r) = v; }

static void
wr64(unsigned r, uint64_t v)
{
	wr32(r, (uint32_t)v);
	wr32(r + 4, (uint32_t)(v >> 32));
}

static void
tx_reap(void)
{
	while (dev.tx_used && !(dev.tx[dev.tx_head].opts1 & D_OWN)) {
		dev.tx_head = (dev.tx_head + 1) % NDESC;
		dev.tx_used--;
	}
}

static int
rtl_send(struct hal_nic *n, const void *frame, size_t len)
{
	(void)n;
	if (len < HAL_NIC_FRAME_MIN || len > HAL_NIC_FRAME_MAX)
		return -EINVAL;
	tx_reap();
	if (dev.tx_used == NDESC)
		return -EAGAIN;
	unsigned i = dev.tx_tail;
	memcpy(dev.txbuf + (size_t)i * BUFSZ, frame, len);
	dev.tx[i].opts2 = 0;
	__asm__ volatile("" ::: "memory");
	/* OWN last: the chip may take the slot the moment it is set. */
	dev.tx[i].opts1 = D_OWN | D_FS | D_LS | (i == NDESC - 1 ? D_EOR : 0) | (uint32_t)len;
	__asm__ volatile("" ::: "memory");
	dev.tx_tail = (i + 1) % NDESC;
	dev.tx_used++;
	wr8(R_TPPOLL, TPPOLL_NPQ);
	return 0;
}

/* Gives receive slot i back to the chip. */
static void
rx_give(unsigned i)
{
	dev.rx[i].opts2 = 0;
	__asm__ volatile("" ::: "memory");
	dev.rx[i].opts1 = D_OWN | (i == NDESC - 1 ? D_EOR : 0) | BUFSZ;
}

static long
rtl_recv(struct hal_nic *n, void *buf, size_t cap)
{
	(void)n;
	for (;;) {
		unsigned i = dev.rx_next;
		uint32_t o = dev.rx[i].opts1;
		if (o & D_OWN)
			return 0;
		__asm__ volatile("" ::: "memory");
		/* The length counts the CRC; frames split over slots or with
		 * errors are dropped whole. */
		size_t len = o & D_LEN;
		int whole = (o & D_FS) && (o & D_LS) && !(o & D_RES) &&
		    len >= HAL_NIC_FRAME_MIN + CRC_LEN && len <= BUFSZ;
		if (whole) {
			len -= CRC_LEN;
			if (len > cap)
				len = cap;
			memcpy(buf, dev.rxbuf + (size_t)i * BUFSZ, len);
		}
		rx_give(i);
		dev.rx_next = (i + 1) % NDESC;
		if (whole)
			return (long)len;
	}
}

void
rtl8168_interrupt(void)
{
	rtl8168_irqs++;
	uint16_t isr = rd16(R_ISR);
	if (!isr)
		return;
	wr16(R_ISR, isr);	/* write 1 to clear */
	if (isr & INT_LINK)
		dev.up = (rd8(R_PHYSTATUS) & PHY_LINK) != 0;
	x86_event_post(HAL_EV_NET);
}

static void
rtl_irq(struct x86_frame *f)
{
	(void)f;
	rtl8168_interrupt();
}

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
		dev.tx[i].opts1 = i == NDESC - 1 ? D_EOR : 0;
		rx_give(i);
	}
	wr64(R_TNPDS, txd);
	wr64(R_RDSAR, rxd);
	return 0;
}

int
rtl8168_setup(uint64_t mmio_pa, int irqs)
{
	dev.regs = phys_to_virt(mmio_pa);
	wr16(R_IMR, 0);
	wr8(R_CR, CR_RST);
	for (int spin = 0; spin < 1000000 && (rd8(R_CR) & CR_RST); spin++)
		__asm__ volatile("pause");
	if (rd8(R_CR) & CR_RST)
		return -EINVAL;
	for (int i = 0; i < 6; i++)
		dev.nic.mac[i] = rd8(R_IDR0 + (unsigned)i);
	wr8(R_9346CR, CFG_UNLOCK);
	dev.rx_next = dev.tx_tail = dev.tx_head = dev.tx_used = 0;
	if (rings() != 0) {
		wr8(R_9346CR, CFG_LOCK);
		return -ENOMEM;
	}
	wr16(R_CPCR, 0);		/* no checksum offload, no VLAN strip */
	wr16(R_RMS, BUFSZ - 1);		/* no frame bigger than a slot */
	wr8(R_MTPS, 0x3b);		/* 0x3b * 128 bytes: jumbo off */
	wr32(R_TCR, TCR_VALUE);
	wr32(R_RCR, RCR_VALUE);
	wr32(R_MAR0, ~0u);		/* every multicast; the stack filters */
	wr32(R_MAR0 + 4, ~0u);
	wr8(R_CR, CR_RE | CR_TE);
	wr8(R_9346CR, CFG_LOCK);
	wr16(R_ISR, 0xffff);
	if (irqs)
		wr16(R_IMR, INT_ALL);
	dev.up = (rd8(R_PHYSTATUS) & PHY_LINK) != 0;
	dev.nic.name = "rtl8168";
	dev.nic.send = rtl_send;
	dev.nic.recv = rtl_recv;
	dev.nic.priv = &dev;
	return 0;
}

void
rtl8168_probe(const struct pci_dev *pd)
{
	if (dev.regs) {
		x86_printf("x86: rtl8168 %02x:%02x.%x: only one NIC is used\n", pd->bus, pd->dev, pd->fn);
		return;
	}
	uint64_t bar = pci_mmio_bar(pd, 2, "rtl8168");
	if (!bar)
		return;
	pci_enable(pd);
	int msi = pci_msi_enable(pd, apic_msi_address(), VEC_NIC) == 0;
	if (msi)
		x86_vector_set(VEC_NIC, rtl_irq);
	else if (pd->irq_line && pd->irq_line < 16)
		x86_irq_route(pd->irq_line, rtl_irq);
	if (rtl8168_setup(bar, msi || (pd->irq_line && pd->irq_line < 16)) != 0) {
		x86_printf("x86: rtl8168 %02x:%02x.%x: no reset or no memory\n", pd->bus, pd->dev, pd->fn);
		dev.regs = NULL;
		return;
	}
	x86_printf("x86: rtl8168 %02x:%02x.%x: %02x:%02x:%02x:%02x:%02x:%02x, link %s, %s\n",
	    pd->bus, pd->dev, pd->fn, dev.nic.mac[0], dev.nic.mac[1], dev.nic.mac[2],
	    dev.nic.mac[3], dev.nic.mac[4], dev.nic.mac[5], dev.up ? "up" : "down",
	    msi ? "MSI" : "INTx");
}

struct hal_nic *
rtl8168_nic(void)
{
	return dev.regs ? &dev.nic : NULL;
}
