/* Header ring, checked block reads and the node tree. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/fs.h"
#include "fs/redoxfs/lib/seahash.h"

int
rfs_header_parse(const uint8_t raw[RFS_BLOCK_SIZE], struct rfs_header *h)
{
	uint8_t plain[16];
	uint64_t hash;

	if (memcmp(raw + RFS_HDR_SIGNATURE, RFS_SIGNATURE, 8) != 0)
		return RFS_HDRCHK_NOSIG;
	if (rfs_le64(raw + RFS_HDR_VERSION) != RFS_VERSION)
		return RFS_HDRCHK_VERSION;
	hash = seahash(raw, RFS_HDR_ENC_HASH);
	if (rfs_le64(raw + RFS_HDR_HASH) != hash)
		return RFS_HDRCHK_BADHASH;

	h->version = RFS_VERSION;
	memcpy(h->uuid, raw + RFS_HDR_UUID, 16);
	h->size = rfs_le64(raw + RFS_HDR_SIZE);
	h->generation = rfs_le64(raw + RFS_HDR_GENERATION);
	h->tree = rfs_ptr_get(raw + RFS_HDR_TREE);
	h->alloc = rfs_ptr_get(raw + RFS_HDR_ALLOC);
	h->release = rfs_ptr_get(raw + RFS_HDR_RELEASE);
	/* Unencrypted disks store the hash itself as "encrypted hash". */
	memset(plain, 0, sizeof plain);
	rfs_put64(plain, hash);
	h->encrypted = memcmp(raw + RFS_HDR_ENC_HASH, plain, 16) != 0;
	return RFS_HDRCHK_OK;
}

void
rfs_header_build(const struct rfs_header *h, uint8_t raw[RFS_BLOCK_SIZE])
{
	uint64_t hash;

	memset(raw, 0, RFS_BLOCK_SIZE);
	memcpy(raw + RFS_HDR_SIGNATURE, RFS_SIGNATURE, 8);
	rfs_put64(raw + RFS_HDR_VERSION, RFS_VERSION);
	memcpy(raw + RFS_HDR_UUID, h->uuid, 16);
	rfs_put64(raw + RFS_HDR_SIZE, h->size);
	rfs_put64(raw + RFS_HDR_GENERATION, h->generation);
	rfs_ptr_put(raw + RFS_HDR_TREE, h->tree);
	rfs_ptr_put(raw + RFS_HDR_ALLOC, h->alloc);
	rfs_ptr_put(raw + RFS_HDR_RELEASE, h->release);
	hash = seahash(raw, RFS_HDR_ENC_HASH);
	rfs_put64(raw + RFS_HDR_ENC_HASH, hash);
	rfs_put64(raw + RFS_HDR_HASH, hash);
}

static int
disk_read(struct rfs_disk *d, uint64_t block, void *buf, size_t n)
{
	if (block >= d->size_blocks || n > d->size_blocks - block)
		return -EIO;
	return d->read(d->ctx, block, buf, n);
}

/* Reads the 256 ring slots at `base` and keeps the newest valid header. */
static int
ring_newest(struct rfs *fs, uint64_t base, uint8_t *raw)
{
	struct rfs_header h;
	int found = 0;

	for (uint64_t i = 0; i < RFS_HEADER_RING; i++) {
		if (disk_read(fs->disk, base + i, raw, 1) != 0)
			continue;
		if (rfs_header_parse(raw, &h) != RFS_HDRCHK_OK)
			continue;
		if (!found || h.generation > fs->hdr.generation) {
			fs->hdr = h;
			fs->hdr_block = base + i;
			found = 1;
		}
	}
	return found;
}

static int
rfs_setup(struct rfs *fs)
{
	if (fs->hdr.encrypted)
		return rfs_fail(fs, -EOPNOTSUPP, "encrypted file system",
		    fs->hdr_block);
	fs->blocks = fs->hdr.size / RFS_BLOCK_SIZE;
	if (fs->blocks <= RFS_HEADER_RING)
		return rfs_fail(fs, -EIO, "header size too small",
		    fs->hdr_block);
	fs->rec = malloc(RFS_RECORD_SIZE);
	fs->dec = malloc(RFS_RECORD_SIZE);
	if (fs->rec == NULL || fs->dec == NULL) {
		rfs_close(fs);
		return -ENOMEM;
	}
	return 0;
}

static int
rfs_try(struct rfs *fs, uint64_t block, uint8_t *raw)
{
	struct rfs_header h;
	uint64_t slot;

	if (disk_read(fs->disk, block, raw, 1) != 0)
		return 0;
	if (rfs_header_parse(raw, &h) != RFS_HDRCHK_OK)
		return 0;
	slot = h.generation % RFS_HEADER_RING;
	if (slot > block)
		return 0;
	fs->block = block - slot;
	return ring_newest(fs, fs->block, raw);
}

int
rfs_open_at(struct rfs *fs, struct rfs_disk *disk, uint64_t block)
{
	uint8_t *raw;
	int ok;

	memset(fs, 0, sizeof *fs);
	fs->disk = disk;
	if ((raw = malloc(RFS_BLOCK_SIZE)) == NULL)
		return -ENOMEM;
	fs->block = block;
	ok = ring_newest(fs, block, raw);
	free(raw);
	if (!ok)
		return rfs_fail(fs, -ENOENT, "no RedoxFS header", block);
	return rfs_setup(fs);
}

int
rfs_open(struct rfs *fs, struct rfs_disk *disk)
{
	uint8_t *raw;
	int ok = 0;

	memset(fs, 0, sizeof *fs);
	fs->disk = disk;
	if ((raw = malloc(RFS_BLOCK_SIZE)) == NULL)
		return -ENOMEM;
	for (uint64_t b = 0; b < RFS_PROBE_BLOCKS && b < disk->size_blocks &&
	    !ok; b++)
		ok = rfs_try(fs, b, raw);
	free(raw);
	if (!ok)
		return rfs_fail(fs, -ENOENT, "no RedoxFS header", 0);
	return rfs_setup(fs);
}

/*
 * The metadata cache: direct-mapped by block index.  Tags and data are
 * separate so a fresh cache touches only its small tag array.  2048
 * blocks (8 MiB).  It was 1024 (the 4096 it was declared once had a
 * hash of 10 bits): all 4096 made a stat in a directory of 2000 files
 * never read the disk, but creating files got slower, since every
 * block a change writes landed in a slot never touched before, and a
 * page's first touch is a fault (10 to 20 us on this VM).  redoxfsd now
 * takes those faults at mount (rfs_mcache_warm, 2048 of them), so the
 * size only trades memory: in bench-files (2000 files in one directory)
 * 1024 slots left the daemon reading the disk some 3400 times, 2048
 * about 1100 (4096: 300), almost all of them stat's node blocks.
 */
#define RFS_MCACHE_BITS 11
#define RFS_MCACHE_SLOTS (1u << RFS_MCACHE_BITS)

struct rfs_mcache {
	struct rfs_ptr tag[RFS_MCACHE_SLOTS];	/* addr 0: empty */
	uint8_t *data;
};

static size_t
mc_slot(struct rfs_ptr p)
{
	/* The top bits of a Fibonacci hash, as many as there are slots. */
	return (size_t)((rfs_addr_index(p.addr) * 0x9E3779B97F4A7C15ull) >>
	    (64 - RFS_MCACHE_BITS));
}

static struct rfs_mcache *
mc_get(struct rfs *fs)
{
	struct rfs_mcache *c = fs->mcache;

	if (c == NULL && (c = calloc(1, sizeof *c)) != NULL) {
		if ((c->data = malloc((size_t)RFS_MCACHE_SLOTS *
		    RFS_BLOCK_SIZE)) == NULL) {
			free(c);
			return NULL;
		}
		fs->mcache = c;
	}
	return c;
}

void
rfs_mcache_put(struct rfs *fs, struct rfs_ptr p,
    const uint8_t buf[RFS_BLOCK_SIZE])
{
	struct rfs_mcache *c = mc_get(fs);
	size_t i = mc_slot(p);

	if (c == NULL || rfs_ptr_is_null(p))
		return;
	c->tag[i] = p;
	memcpy(c->data + i * RFS_BLOCK_SIZE, buf, RFS_BLOCK_SIZE);
}

int
rfs_mcache_warm(struct rfs *fs)
{
	struct rfs_mcache *c = mc_get(fs);

	if (c == NULL)
		return -ENOMEM;
	/* Tags are zero (empty); any bytes will do in the data. */
	memset(c->data, 0, (size_t)RFS_MCACHE_SLOTS * RFS_BLOCK_SIZE);
	return 0;
}

void
rfs_mcache_clear(struct rfs *fs)
{
	if (fs->mcache)
		memset(fs->mcache->tag, 0, sizeof fs->mcache->tag);
}

void
rfs_close(struct rfs *fs)
{
	if (fs->mcache) {
		free(fs->mcache->data);
		free(fs->mcache);
		fs->mcache = NULL;
	}
	free(fs->nlinks);
	fs->nlinks = NULL;
	free(fs->rec);
	free(fs->dec);
	fs->rec = fs->dec = NULL;
	fs->cache_valid = 0;
}

int
rfs_read_blocks(struct rfs *fs, uint64_t index, void *buf, size_t n)
{
	if (index >= fs->blocks || n > fs->blocks - index)
		return rfs_fail(fs, -EIO, "block outside the file system",
		    index);
	if (disk_read(fs->disk, fs->block + index, buf, n) != 0)
		return rfs_fail(fs, -EIO, "read error", index);
	return 0;
}

long
rfs_read_ptr(struct rfs *fs, struct rfs_ptr p, void *buf, size_t cap)
{
	uint64_t index = rfs_addr_index(p.addr);
	unsigned level = rfs_addr_level(p.addr);
	size_t n, bytes;
	int err;

	if (index == 0)
		return rfs_fail(fs, -ENOENT, "null pointer", 0);
	if (level > RFS_MAX_LEVEL)
		return rfs_fail(fs, -EIO, "block level too large", index);
	n = (size_t)1 << level;
	bytes = n * RFS_BLOCK_SIZE;
	if (bytes > cap)
		return rfs_fail(fs, -EIO, "block larger than expected", index);
	if ((err = rfs_read_blocks(fs, index, buf, n)) != 0)
		return err;
	if (!fs->nohash && !(fs->unhashed &&
	    fs->unhashed[index >> 3] >> (index & 7) & 1) &&
	    seahash(buf, bytes) != p.hash)
		return rfs_fail(fs, -EIO, "block hash mismatch", index);
	return (long)bytes;
}

int
rfs_read_meta(struct rfs *fs, struct rfs_ptr p, uint8_t buf[RFS_BLOCK_SIZE])
{
	struct rfs_mcache *c = fs->mcache;
	size_t i = mc_slot(p);
	long n;

	if (!rfs_ptr_is_null(p) && (rfs_addr_level(p.addr) != 0 ||
	    rfs_addr_decomp(p.addr) != 0))
		return rfs_fail(fs, -EIO, "metadata block not level 0",
		    rfs_addr_index(p.addr));
	/* Unchecked reads (fuzzing) must see the bytes on disk. */
	if (c && !fs->nohash && !rfs_ptr_is_null(p) &&
	    c->tag[i].addr == p.addr && c->tag[i].hash == p.hash) {
		memcpy(buf, c->data + i * RFS_BLOCK_SIZE, RFS_BLOCK_SIZE);
		return 0;
	}
	n = rfs_read_ptr(fs, p, buf, RFS_BLOCK_SIZE);
	if (n < 0)
		return (int)n;
	if (!fs->nohash)
		rfs_mcache_put(fs, p, buf);
	return 0;
}

/* rfs_meta_peek and rfs_mcache_edit (fs.h). */
static uint8_t *
meta_peek(struct rfs *fs, struct rfs_ptr p, int *err)
{
	struct rfs_mcache *c = fs->nohash ? NULL : mc_get(fs);
	*err = 0;
	if (!c || rfs_ptr_is_null(p) || rfs_addr_level(p.addr) != 0 ||
	    rfs_addr_decomp(p.addr) != 0)
		return NULL;
	size_t i = mc_slot(p);
	uint8_t *slot = c->data + i * RFS_BLOCK_SIZE;
	if (c->tag[i].addr == p.addr && c->tag[i].hash == p.hash)
		return slot;
	c->tag[i] = (struct rfs_ptr){ 0, 0 };	/* half-read: not a copy of anything */
	long n = rfs_read_ptr(fs, p, slot, RFS_BLOCK_SIZE);
	if (n < 0) {
		*err = (int)n;
		return NULL;
	}
	c->tag[i] = p;
	return slot;
}

const uint8_t *
rfs_meta_peek(struct rfs *fs, struct rfs_ptr p, int *err)
{
	return meta_peek(fs, p, err);
}

uint8_t *
rfs_mcache_edit(struct rfs *fs, struct rfs_ptr p, int *err)
{
	return meta_peek(fs, p, err);
}

void
rfs_mcache_retag(struct rfs *fs, struct rfs_ptr from, struct rfs_ptr to)
{
	struct rfs_mcache *c = fs->mcache;
	size_t i = mc_slot(from);

	if (c == NULL)
		return;
	/* Same address, same slot; anything else there is not `from`. */
	if (c->tag[i].addr == from.addr && c->tag[i].hash == from.hash &&
	    to.addr == from.addr)
		c->tag[i] = to;
	else if (c->tag[i].addr == from.addr && c->tag[i].hash == from.hash)
		c->tag[i] = (struct rfs_ptr){ 0, 0 };
}

void
rfs_mcache_drop(struct rfs *fs, struct rfs_ptr p)
{
	struct rfs_mcache *c = fs->mcache;
	size_t i = mc_slot(p);

	if (c && c->tag[i].addr == p.addr && c->tag[i].hash == p.hash)
		c->tag[i] = (struct rfs_ptr){ 0, 0 };
}

int
rfs_tree_get(struct rfs *fs, uint32_t id, uint8_t buf[RFS_BLOCK_SIZE],
    struct rfs_ptr *where)
{
	struct rfs_ptr p = fs->hdr.tree;
	int err;

	if (id == 0)
		return rfs_fail(fs, -ENOENT, "null node id", 0);
	/* Four TreeLists, top index first; each index must be below 254.
	 * Only one pointer of each is needed: read it in place. */
	for (int shift = 24; shift >= 0; shift -= 8) {
		unsigned i = (id >> shift) & 0xFF;
		if (i >= RFS_TREELIST_ENTRIES)
			return rfs_fail(fs, -ENOENT, "node id out of range", 0);
		const uint8_t *b = meta_peek(fs, p, &err);
		if (err)
			return err;
		if (!b) {
			if ((err = rfs_read_meta(fs, p, buf)) != 0)
				return err;
			b = buf;
		}
		p = rfs_ptr_get(b + i * RFS_PTR_SIZE);
		if (rfs_ptr_is_null(p))
			return rfs_fail(fs, -ENOENT, "no such node", 0);
	}
	if ((err = rfs_read_meta(fs, p, buf)) != 0)
		return err;
	if (where)
		*where = p;
	return 0;
}

int64_t
rfs_free_blocks(struct rfs *fs)
{
	uint8_t blk[RFS_BLOCK_SIZE];
	struct rfs_ptr p = fs->hdr.alloc;
	int64_t sum = 0;

	/* A sound chain is shorter than the file system. */
	for (uint64_t n = 0; !rfs_ptr_is_null(p); n++) {
		if (n >= fs->blocks || rfs_read_meta(fs, p, blk) != 0)
			return -EIO;
		for (unsigned i = 0; i < RFS_ALLOCLIST_ENTRIES; i++)
			sum += (int64_t)rfs_le64(blk + 16 + 16 * i + 8);
		p = rfs_ptr_get(blk);
	}
	return sum < 0 ? -EIO : sum;
}
