/*
 * ahci.c - SATA disks behind AHCI controllers, as hal_blk devices.
 *
 * submit() queues the request and, if the port is idle, issues its first
 * command in slot 0, then returns.  The controller's MSI (VEC_AHCI) says
 * when a command finished: the handler acknowledges the port and HBA
 * interrupt status, issues the request's next chunk or marks it done and
 * raises HAL_EV_BLOCK, then starts the next queued request.  One command
 * per port at a time keeps the bookkeeping to a queue and a cursor.
 *
 * A controller without MSI falls back to polling: submit() runs the queue
 * to empty before it returns (boot logs which mode each controller uses).
 * IDENTIFY at probe time always polls.
 *
 * Each port gets one page: the command list (1 KiB), the received-FIS
 * area (256 B) and one command table with its PRDT.  Buffers are kernel
 * memory, physically contiguous (direct map or kernel image), so a request
 * is split only by the 1 MiB per command we allow.
 */
#include "hal/hal.h"
#include "hal/x86_64/ahci.h"
#include "hal/x86_64/apic.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/pmm.h"
#include "hal/x86_64/time.h"
#include "hal/x86_64/trap.h"

#define EINVAL	22
#define EIO	5
#define EBUSY	16

#define MAX_DISKS	8
#define SECTOR		512
#define CHUNK_SECTORS	2048	/* 1 MiB per command, one PRD entry */
#define TIMEOUT_NS	5000000000ull
#define QLEN		32	/* requests queued per disk */

/* Port registers (offsets from the port base). */
#define P_CLB	0x00
#define P_CLBU	0x04
#define P_FB	0x08
#define P_FBU	0x0c
#define P_IS	0x10
#define P_IE	0x14
#define P_CMD	0x18
#define P_TFD	0x20
#define P_SIG	0x24
#define P_SSTS	0x28
#define P_SERR	0x30
#define P_CI	0x38

#define CMD_ST	(1u << 0)
#define CMD_FRE	(1u << 4)
#define CMD_FR	(1u << 14)
#define CMD_CR	(1u << 15)
#define IS_TFES	(1u << 30)
/* Errors that stop the port: task file, host bus fatal/data, interface fatal. */
#define IS_ERR	(IS_TFES | (1u << 29) | (1u << 28) | (1u << 27))
/* D2H register, PIO setup, DMA setup, set-device-bits, descriptor processed. */
#define IS_DONE	0x2fu

#define ATA_READ_DMA_EXT	0x25
#define ATA_WRITE_DMA_EXT	0x35
#define ATA_FLUSH_CACHE_EXT	0xea
#define ATA_IDENTIFY		0xec

struct cmd_header {
	uint16_t flags;		/* CFL (FIS dwords), W, ... */
	uint16_t prdtl;
	volatile uint32_t prdbc;
	uint64_t ctba;
	uint32_t reserved[4];
};

struct prd {
	uint64_t dba;
	uint32_t reserved;
	uint32_t dbc;		/* byte count - 1 */
};

struct disk {
	struct hal_blk blk;
	volatile uint8_t *port;
	uint8_t *mem;		/* command list, FIS area, command table */
	uint64_t mem_pa;
	volatile uint32_t *hba_is;	/* the controller's interrupt status */
	unsigned portno;
	int irq;			/* completion by MSI, else polled */
	struct hal_blk_req *queue[QLEN];	/* queue[head] is in flight */
	unsigned head, n;
	uint32_t xfer, chunk;		/* sectors finished, sectors in flight */
	char name[12];
};

static struct disk disks[MAX_DISKS];
static unsigned ndisks;
unsigned ahci_irqs;	/* completion interrupts taken (ktest checks it) */

static uint32_t
rd(struct disk *d, uint32_t reg)
{
	return *(volatile uint32_t *)(d->port + reg);
}

static void
wr(struct disk *d, uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(d->port + reg) = v;
}

static int
wait_clear(struct disk *d, uint32_t reg, uint32_t bits)
{
	uint64_t until = hal_clock_ns() + TIMEOUT_NS;
	while (rd(d, reg) & bits)
		if (hal_clock_ns() > until)
			return -1;
	return 0;
}

/* Fills slot 0 with one ATA command. */
static void
cmd_build(struct disk *d, uint8_t cmd, uint64_t lba, uint32_t count, uint64_t buf_pa,
    uint32_t bytes, int write)
{
	struct cmd_header *h = (struct cmd_header *)d->mem;
	uint8_t *table = d->mem + 2048;
	struct prd *prd = (struct prd *)(table + 0x80);

	memset(table, 0, 0x80 + sizeof *prd);
	h->flags = (uint16_t)(5 | (write ? 1 << 6 : 0));
	h->prdtl = bytes ? 1 : 0;
	h->prdbc = 0;
	h->ctba = d->mem_pa + 2048;
	if (bytes) {
		prd->dba = buf_pa;
		prd->dbc = bytes - 1;
	}
	uint8_t *fis = table;
	fis[0] = 0x27;		/* register FIS, host to device */
	fis[1] = 0x80;		/* command, not control */
	fis[2] = cmd;
	fis[4] = (uint8_t)lba;
	fis[5] = (uint8_t)(lba >> 8);
	fis[6] = (uint8_t)(lba >> 16);
	fis[7] = 0x40;		/* LBA mode */
	fis[8] = (uint8_t)(lba >> 24);
	fis[9] = (uint8_t)(lba >> 32);
	fis[10] = (uint8_t)(lba >> 40);
	fis[12] = (uint8_t)count;
	fis[13] = (uint8_t)(count >> 8);
}

/* Starts slot 0; -EIO if the device stays busy. */
static int
cmd_issue(struct disk *d)
{
	if (wait_clear(d, P_TFD, 0x88) != 0)	/* BSY, DRQ */
		return -EIO;
	wr(d, P_IS, ~0u);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wr(d, P_CI, 1);
	return 0;
}

/* The finished command's status: 0 or -EIO. */
static int
cmd_status(struct disk *d, uint32_t is)
{
	return (is & IS_ERR) || (rd(d, P_TFD) & 0x01) ? -EIO : 0;	/* ERR */
}

/* Waits for slot 0 to finish; 0 or -EIO. */
static int
cmd_poll(struct disk *d)
{
	uint64_t until = hal_clock_ns() + TIMEOUT_NS;
	while (rd(d, P_CI) & 1) {
		if ((rd(d, P_IS) & IS_ERR) || hal_clock_ns() > until)
			return -EIO;
	}
	return cmd_status(d, rd(d, P_IS));
}

/* Runs one ATA command in slot 0 and waits for it; 0 or -EIO. */
static int
ata_cmd(struct disk *d, uint8_t cmd, uint64_t lba, uint32_t count, uint64_t buf_pa,
    uint32_t bytes, int write)
{
	cmd_build(d, cmd, lba, count, buf_pa, bytes, write);
	int r = cmd_issue(d);
	return r ? r : cmd_poll(d);
}

static void port_restart(struct disk *d);

/* Issues the next command of the request in flight; 0 or -EIO. */
static int
issue_next(struct disk *d)
{
	struct hal_blk_req *req = d->queue[d->head];
	if (req->op == HAL_BLK_FLUSH) {
		d->chunk = 0;
		cmd_build(d, ATA_FLUSH_CACHE_EXT, 0, 0, 0, 0, 0);
	} else {
		int write = req->op == HAL_BLK_WRITE;
		uint32_t n = req->count - d->xfer;
		if (n > CHUNK_SECTORS)
			n = CHUNK_SECTORS;
		d->chunk = n;
		uint64_t pa = virt_to_phys(req->buf) + (uint64_t)d->xfer * SECTOR;
		cmd_build(d, write ? ATA_WRITE_DMA_EXT : ATA_READ_DMA_EXT,
		    req->sector + d->xfer, n, pa, n * SECTOR, write);
	}
	return cmd_issue(d);
}

/* Completes the request in flight with r and drops it from the queue. */
static void
finish(struct disk *d, int r)
{
	struct hal_blk_req *req = d->queue[d->head];
	d->head = (d->head + 1) % QLEN;
	d->n--;
	d->xfer = 0;
	req->result = r;
	req->done = 1;
	x86_event_post(HAL_EV_BLOCK);
}

/* Issues the head of the queue; requests that cannot even start fail. */
static void
kick(struct disk *d)
{
	while (d->n && issue_next(d) != 0)
		finish(d, -EIO);
}

/* The command in flight finished with r: next chunk, or next request. */
static void
complete(struct disk *d, int r)
{
	struct hal_blk_req *req = d->queue[d->head];
	if (r == 0 && req->op != HAL_BLK_FLUSH) {
		d->xfer += d->chunk;
		if (d->xfer < req->count) {
			if (issue_next(d) == 0)
				return;
			r = -EIO;
		}
	}
	if (r)
		port_restart(d);	/* an error stops the port until ST is cycled */
	finish(d, r);
	kick(d);
}

static int
ahci_submit(struct hal_blk *dev, struct hal_blk_req *req)
{
	struct disk *d = dev->priv;

	if (req->op == HAL_BLK_READ || req->op == HAL_BLK_WRITE) {
		if (req->sector > dev->sectors || req->count > dev->sectors - req->sector)
			return -EINVAL;
	} else if (req->op != HAL_BLK_FLUSH) {
		return -EINVAL;
	}
	if (d->n == QLEN)
		return -EBUSY;
	req->done = 0;
	if (req->op != HAL_BLK_FLUSH && req->count == 0) {
		req->result = 0;
		req->done = 1;
		x86_event_post(HAL_EV_BLOCK);
		return 0;
	}
	/* The core runs with interrupts off, so the handler cannot interleave. */
	d->queue[(d->head + d->n) % QLEN] = req;
	if (++d->n == 1)
		kick(d);
	if (!d->irq)
		while (d->n)
			complete(d, cmd_poll(d));
	return 0;
}

/* VEC_AHCI: every controller shares the vector, so look at every port. */
static void
ahci_irq(struct x86_frame *f)
{
	(void)f;
	ahci_irqs++;
	for (unsigned i = 0; i < ndisks; i++) {
		struct disk *d = &disks[i];
		if (!d->irq)
			continue;
		uint32_t is = rd(d, P_IS);
		if (!is)
			continue;
		/* Port first, then HBA: the HBA bit mirrors the port's. */
		wr(d, P_IS, is);
		*d->hba_is = 1u << d->portno;
		if (d->n && ((is & IS_ERR) || !(rd(d, P_CI) & 1)))
			complete(d, cmd_status(d, is));
	}
}

static void
port_stop(struct disk *d)
{
	wr(d, P_CMD, rd(d, P_CMD) & ~CMD_ST);
	wait_clear(d, P_CMD, CMD_CR);
	wr(d, P_CMD, rd(d, P_CMD) & ~CMD_FRE);
	wait_clear(d, P_CMD, CMD_FR);
}

static void
port_start(struct disk *d)
{
	wr(d, P_SERR, ~0u);
	wr(d, P_IS, ~0u);
	wr(d, P_CMD, rd(d, P_CMD) | CMD_FRE);
	wr(d, P_CMD, rd(d, P_CMD) | CMD_ST);
}

static void
port_restart(struct disk *d)
{
	port_stop(d);
	port_start(d);
}

static void
port_setup(volatile uint8_t *abar, unsigned p, int irq)
{
	if (ndisks == MAX_DISKS)
		return;
	struct disk *d = &disks[ndisks];
	memset(d, 0, sizeof *d);
	d->port = abar + 0x100 + 0x80 * p;
	d->hba_is = (volatile uint32_t *)(abar + 0x08);
	d->portno = p;
	if ((rd(d, P_SSTS) & 0xf) != 3 || rd(d, P_SIG) != 0x00000101)
		return;		/* no device, or not an ATA disk (ATAPI, port multiplier) */
	d->mem_pa = pmm_alloc(1);
	if (!d->mem_pa)
		return;
	d->mem = phys_to_virt(d->mem_pa);
	port_stop(d);
	wr(d, P_CLB, (uint32_t)d->mem_pa);
	wr(d, P_CLBU, (uint32_t)(d->mem_pa >> 32));
	wr(d, P_FB, (uint32_t)(d->mem_pa + 1024));
	wr(d, P_FBU, (uint32_t)((d->mem_pa + 1024) >> 32));
	wr(d, P_IE, 0);		/* IDENTIFY polls; ahci_probe enables them after */
	port_start(d);

	uint64_t id_pa = pmm_alloc(1);
	uint16_t *id = id_pa ? phys_to_virt(id_pa) : NULL;
	if (!id || ata_cmd(d, ATA_IDENTIFY, 0, 0, id_pa, 512, 0) != 0) {
		x86_printf("x86: ahci port %u: IDENTIFY failed\n", p);
		if (id_pa)
			pmm_free(id_pa, 1);
		port_stop(d);
		pmm_free(d->mem_pa, 1);
		return;
	}
	uint64_t sectors = (uint64_t)id[100] | (uint64_t)id[101] << 16 |
	    (uint64_t)id[102] << 32 | (uint64_t)id[103] << 48;
	if (!sectors)
		sectors = (uint64_t)id[60] | (uint64_t)id[61] << 16;
	pmm_free(id_pa, 1);
	d->name[0] = 'a'; d->name[1] = 'h'; d->name[2] = 'c'; d->name[3] = 'i';
	d->name[4] = (char)('0' + ndisks);
	d->name[5] = 0;
	d->blk.name = d->name;
	d->blk.sectors = sectors;
	d->blk.sector_size = SECTOR;
	d->blk.submit = ahci_submit;
	d->blk.priv = d;
	d->irq = irq;
	if (irq) {
		wr(d, P_IS, ~0u);
		wr(d, P_IE, IS_DONE | IS_ERR);
	}
	x86_printf("x86: disk %u: AHCI port %u, %lu MiB\n", ndisks, p, sectors * SECTOR >> 20);
	ndisks++;
}

void
ahci_probe(const struct pci_dev *pd)
{
	uint64_t abar_pa = pci_mmio_bar(pd, 5, "AHCI");
	if (!abar_pa)
		return;
	pci_enable(pd);
	volatile uint8_t *abar = phys_to_virt(abar_pa);
	volatile uint32_t *ghc = (volatile uint32_t *)(abar + 0x04);
	*ghc |= 1u << 31;		/* AHCI mode */
	uint32_t pi = *(volatile uint32_t *)(abar + 0x0c);
	int irq = pci_msi_enable(pd, apic_msi_address(), VEC_AHCI) == 0;
	x86_printf("x86: AHCI %02x:%02x.%x: completion by %s\n", pd->bus, pd->dev, pd->fn,
	    irq ? "MSI" : "polling (no MSI capability)");
	if (irq)
		x86_vector_set(VEC_AHCI, ahci_irq);
	for (unsigned p = 0; p < 32; p++)
		if (pi & (1u << p))
			port_setup(abar, p, irq);
	*(volatile uint32_t *)(abar + 0x08) = ~0u;	/* stale HBA status */
	if (irq)
		*ghc |= 1u << 1;	/* interrupt enable */
}

struct hal_blk *
hal_blk_get(unsigned index)
{
	return index < ndisks ? &disks[index].blk : NULL;
}
