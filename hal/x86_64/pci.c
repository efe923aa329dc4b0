/*
 * pci.c - enumerates PCI from bus 0, following PCI-to-PCI bridges, and
 * hands each function to the drivers that claim its class.
 */
#include "hal/x86_64/ahci.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/e1000.h"
#include "hal/x86_64/rtl8168.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/pci.h"

static uint32_t
addr(const struct pci_dev *d, uint8_t off)
{
	return 0x80000000u | (uint32_t)d->bus << 16 | (uint32_t)d->dev << 11 |
	    (uint32_t)d->fn << 8 | (off & 0xfc);
}

uint32_t
pci_read32(const struct pci_dev *d, uint8_t off)
{
	outl(0xcf8, addr(d, off));
	return inl(0xcfc);
}

void
pci_write32(const struct pci_dev *d, uint8_t off, uint32_t v)
{
	outl(0xcf8, addr(d, off));
	outl(0xcfc, v);
}

uint64_t
pci_bar(const struct pci_dev *d, int n)
{
	uint32_t lo = pci_read32(d, (uint8_t)(0x10 + 4 * n));
	if (lo & 1)
		return 0;	/* an I/O BAR */
	uint64_t a = lo & ~0xfu;
	if (((lo >> 1) & 3) == 2)
		a |= (uint64_t)pci_read32(d, (uint8_t)(0x14 + 4 * n)) << 32;
	return a;
}

void
pci_enable(const struct pci_dev *d)
{
	uint32_t cmd = pci_read32(d, 0x04);
	pci_write32(d, 0x04, (cmd & 0xffff) | 0x6);	/* memory space, bus master */
}

/* The config offset of capability `id`, or 0. */
static uint8_t
find_cap(const struct pci_dev *d, uint8_t id)
{
	if (!(pci_read32(d, 0x04) & (1u << 20)))	/* status: capability list */
		return 0;
	uint8_t off = (uint8_t)pci_read32(d, 0x34) & 0xfc;
	for (int i = 0; off && i < 48; i++) {	/* bounded: a looping list is a bad device */
		uint32_t v = pci_read32(d, off);
		if ((uint8_t)v == id)
			return off;
		off = (uint8_t)(v >> 8) & 0xfc;
	}
	return 0;
}

int
pci_msi_enable(const struct pci_dev *d, uint64_t addr, uint32_t data)
{
	uint8_t cap = find_cap(d, 0x05);
	if (!cap)
		return -1;
	uint32_t v = pci_read32(d, cap);
	uint32_t ctl = v >> 16;
	pci_write32(d, (uint8_t)(cap + 4), (uint32_t)addr);
	if (ctl & (1u << 7)) {		/* 64-bit address */
		pci_write32(d, (uint8_t)(cap + 8), (uint32_t)(addr >> 32));
		pci_write32(d, (uint8_t)(cap + 12), data);
	} else {
		pci_write32(d, (uint8_t)(cap + 8), data);
	}
	ctl = (ctl & ~0x70u) | 1;	/* one message, enabled */
	pci_write32(d, cap, (v & 0xffff) | ctl << 16);
	uint32_t cmd = pci_read32(d, 0x04);
	pci_write32(d, 0x04, (cmd & 0xffff) | (1u << 10));	/* INTx disable */
	return 0;
}

uint64_t
pci_mmio_bar(const struct pci_dev *d, int n, const char *what)
{
	uint64_t bar = pci_bar(d, n);
	if (!bar || bar >= DMAP_BOOT_SIZE) {
		x86_printf("x86: %s %02x:%02x.%x: BAR%d %p is not reachable\n", what,
		    d->bus, d->dev, d->fn, n, (void *)bar);
		return 0;
	}
	return bar;
}

static void scan_bus(uint8_t bus, int depth);

static void
probe(uint8_t bus, uint8_t dev, uint8_t fn, int depth)
{
	struct pci_dev d = { .bus = bus, .dev = dev, .fn = fn };
	uint32_t id = pci_read32(&d, 0);
	if ((id & 0xffff) == 0xffff)
		return;
	d.vendor = (uint16_t)id;
	d.device = (uint16_t)(id >> 16);
	uint32_t cls = pci_read32(&d, 0x08);
	d.class = (uint8_t)(cls >> 24);
	d.subclass = (uint8_t)(cls >> 16);
	d.progif = (uint8_t)(cls >> 8);
	d.irq_line = (uint8_t)pci_read32(&d, 0x3c);
	if (d.class == 0x06 && d.subclass == 0x04 && depth < 8) {
		uint8_t secondary = (uint8_t)(pci_read32(&d, 0x18) >> 8);
		if (secondary > bus)
			scan_bus(secondary, depth + 1);
		return;
	}
	if (d.class == 0x01 && d.subclass == 0x06 && d.progif == 0x01)
		ahci_probe(&d);
	/* 82540EM, 82545EM: the e1000s QEMU and VirtualBox give. */
	if (d.vendor == 0x8086 && (d.device == 0x100e || d.device == 0x100f))
		e1000_probe(&d);
	if (d.vendor == 0x10ec && d.device == 0x8168)
		rtl8168_probe(&d);
}

static void
scan_bus(uint8_t bus, int depth)
{
	for (uint8_t dev = 0; dev < 32; dev++) {
		struct pci_dev d = { .bus = bus, .dev = dev };
		uint32_t id = pci_read32(&d, 0);
		if ((id & 0xffff) == 0xffff)
			continue;
		int multi = (pci_read32(&d, 0x0c) >> 23) & 1;
		for (uint8_t fn = 0; fn < (multi ? 8 : 1); fn++)
			probe(bus, dev, fn, depth);
	}
}

void
pci_init(void)
{
	scan_bus(0, 0);
}

/* The first NIC a driver set up: one interface for now (netscheme). */
struct hal_nic *
hal_nic_get(unsigned index)
{
	if (index != 0)
		return NULL;
	struct hal_nic *n = e1000_nic();
	return n ? n : rtl8168_nic();
}
