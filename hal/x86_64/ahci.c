/*
 * ahci.c - SATA disks behind AHCI controllers, as hal_blk devices.
 *
 * Polling for now: submit() issues the command in slot 0, waits for the
 * port to clear it, then marks the request done and raises HAL_EV_BLOCK,
 * as the contract's "completion is an event" wants (hosted completes at
 * once the same way).  Interrupt-driven completion can replace the wait
 * without changing the interface.
 *
 * Each port gets one page: the command list (1 KiB), the received-FIS
 * area (256 B) and one command table with its PRDT.  Buffers are kernel
 * memory, physically contiguous (direct map or kernel image), so a request
 * is split only by the 1 MiB per command we allow.
 */
#include "hal/hal.h"
#include "hal/x86_64/ahci.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/pmm.h"
#include "hal/x86_64/time.h"

#define EINVAL	22
#define EIO	5

#define MAX_DISKS	8
#define SECTOR		512
#define CHUNK_SECTORS	2048	/* 1 MiB per command, one PRD entry */
#define TIMEOUT_NS	5000000000ull

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
	char name[12];
};

static struct disk disks[MAX_DISKS];
static unsigned ndisks;

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

/* Runs one ATA command in slot 0 and waits for it; 0 or -EIO. */
static int
ata_cmd(struct disk *d, uint8_t cmd, uint64_t lba, uint32_t count, uint64_t buf_pa,
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

	if (wait_clear(d, P_TFD, 0x88) != 0)	/* BSY, DRQ */
		return -EIO;
	wr(d, P_IS, ~0u);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wr(d, P_CI, 1);
	uint64_t until = hal_clock_ns() + TIMEOUT_NS;
	while (rd(d, P_CI) & 1) {
		if ((rd(d, P_IS) & IS_TFES) || hal_clock_ns() > until)
			return -EIO;
	}
	if (rd(d, P_TFD) & 0x01)	/* ERR */
		return -EIO;
	return 0;
}

static int
ahci_submit(struct hal_blk *dev, struct hal_blk_req *req)
{
	struct disk *d = dev->priv;
	int r = 0;

	if (req->op == HAL_BLK_FLUSH) {
		r = ata_cmd(d, ATA_FLUSH_CACHE_EXT, 0, 0, 0, 0, 0);
	} else if (req->op == HAL_BLK_READ || req->op == HAL_BLK_WRITE) {
		if (req->sector > dev->sectors || req->count > dev->sectors - req->sector)
			return -EINVAL;
		int write = req->op == HAL_BLK_WRITE;
		uint64_t pa = virt_to_phys(req->buf);
		for (uint32_t done = 0; done < req->count && r == 0;) {
			uint32_t n = req->count - done;
			if (n > CHUNK_SECTORS)
				n = CHUNK_SECTORS;
			r = ata_cmd(d, write ? ATA_WRITE_DMA_EXT : ATA_READ_DMA_EXT,
			    req->sector + done, n, pa + (uint64_t)done * SECTOR, n * SECTOR, write);
			done += n;
		}
	} else {
		return -EINVAL;
	}
	req->result = r;
	req->done = 1;
	x86_event_post(HAL_EV_BLOCK);
	return 0;
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
port_setup(volatile uint8_t *abar, unsigned p)
{
	if (ndisks == MAX_DISKS)
		return;
	struct disk *d = &disks[ndisks];
	d->port = abar + 0x100 + 0x80 * p;
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
	wr(d, P_SERR, ~0u);
	wr(d, P_IS, ~0u);
	wr(d, P_IE, 0);
	wr(d, P_CMD, rd(d, P_CMD) | CMD_FRE);
	wr(d, P_CMD, rd(d, P_CMD) | CMD_ST);

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
	x86_printf("x86: disk %u: AHCI port %u, %lu MiB\n", ndisks, p, sectors * SECTOR >> 20);
	ndisks++;
}

void
ahci_probe(const struct pci_dev *pd)
{
	uint64_t abar_pa = pci_bar(pd, 5);
	if (!abar_pa || abar_pa >= DMAP_BOOT_SIZE) {
		x86_printf("x86: AHCI %02x:%02x.%x: BAR5 %p is not reachable\n",
		    pd->bus, pd->dev, pd->fn, (void *)abar_pa);
		return;
	}
	pci_enable(pd);
	volatile uint8_t *abar = phys_to_virt(abar_pa);
	volatile uint32_t *ghc = (volatile uint32_t *)(abar + 0x04);
	*ghc |= 1u << 31;		/* AHCI mode */
	uint32_t pi = *(volatile uint32_t *)(abar + 0x0c);
	for (unsigned p = 0; p < 32; p++)
		if (pi & (1u << p))
			port_setup(abar, p);
}

struct hal_blk *
hal_blk_get(unsigned index)
{
	return index < ndisks ? &disks[index].blk : NULL;
}
