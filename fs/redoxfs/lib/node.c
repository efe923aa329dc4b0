/* Node decoding and reading file data through records. */
#include <errno.h>
#include <string.h>

#include "fs/redoxfs/lib/lz4.h"
#include "fs/redoxfs/lib/node.h"
#include "fs/redoxfs/lib/rcache.h"

void
rfs_node_decode(struct rfs_node *n)
{
	const uint8_t *r = n->raw;

	n->mode = rfs_le16(r + RFS_NODE_MODE);
	n->uid = rfs_le32(r + RFS_NODE_UID);
	n->gid = rfs_le32(r + RFS_NODE_GID);
	n->links = rfs_le32(r + RFS_NODE_LINKS);
	n->size = rfs_le64(r + RFS_NODE_SIZE);
	n->blocks = rfs_le64(r + RFS_NODE_BLOCKS);
	n->ctime = rfs_le64(r + RFS_NODE_CTIME);
	n->ctime_nsec = rfs_le32(r + RFS_NODE_CTIME_NSEC);
	n->mtime = rfs_le64(r + RFS_NODE_MTIME);
	n->mtime_nsec = rfs_le32(r + RFS_NODE_MTIME_NSEC);
	n->atime = rfs_le64(r + RFS_NODE_ATIME);
	n->atime_nsec = rfs_le32(r + RFS_NODE_ATIME_NSEC);
	n->record_level = rfs_le32(r + RFS_NODE_RECORD_LEVEL);
	n->flags = rfs_le32(r + RFS_NODE_FLAGS);
}

int
rfs_node_load(struct rfs *fs, uint32_t id, struct rfs_node *n)
{
	int err = rfs_tree_get(fs, id, n->raw, &n->where);

	if (err)
		return err;
	n->id = id;
	rfs_node_decode(n);
	return 0;
}

int
rfs_node_record_ptr(struct rfs *fs, const struct rfs_node *n, uint64_t r,
    struct rfs_ptr *out)
{
	static const struct {
		unsigned off, count;
	} lv[5] = {
		{ RFS_NODE_L0_OFF, RFS_NODE_L0_COUNT },
		{ RFS_NODE_L1_OFF, RFS_NODE_L1_COUNT },
		{ RFS_NODE_L2_OFF, RFS_NODE_L2_COUNT },
		{ RFS_NODE_L3_OFF, RFS_NODE_L3_COUNT },
		{ RFS_NODE_L4_OFF, RFS_NODE_L4_COUNT },
	};
	uint8_t buf[RFS_BLOCK_SIZE];
	struct rfs_ptr p;
	int err;

	/* Depth d covers count[d] * 256^d records. */
	for (unsigned d = 0; d < 5; d++) {
		unsigned shift = 8 * d;
		uint64_t span = (uint64_t)lv[d].count << shift;
		if (r >= span) {
			r -= span;
			continue;
		}
		p = rfs_ptr_get(n->raw + lv[d].off +
		    (r >> shift) * RFS_PTR_SIZE);
		for (unsigned k = d; k > 0 && !rfs_ptr_is_null(p); k--) {
			if ((err = rfs_read_meta(fs, p, buf)) != 0)
				return err;
			p = rfs_ptr_get(buf +
			    ((r >> (8 * (k - 1))) & 0xFF) * RFS_PTR_SIZE);
		}
		*out = p;
		return 0;
	}
	return rfs_fail(fs, -EFBIG, "record index beyond the format", n->id);
}

long
rfs_record_load(struct rfs *fs, struct rfs_ptr p, const uint8_t **data)
{
	unsigned decomp = rfs_addr_decomp(p.addr);
	long n, out;
	size_t clen;

	if (rfs_ptr_is_null(p)) {
		*data = NULL;
		return 0;
	}
	/* A record being written lives in the record cache. */
	if (fs->rcache != NULL && (out = rfs_rcache_load(fs, p, data)) >= 0)
		return out;
	if (fs->cache_valid && fs->cache_ptr.addr == p.addr &&
	    fs->cache_ptr.hash == p.hash) {
		*data = decomp ? fs->dec : fs->rec;
		return (long)fs->cache_len;
	}
	fs->cache_valid = 0;
	if ((n = rfs_read_ptr(fs, p, fs->rec, RFS_RECORD_SIZE)) < 0)
		return n;
	if (decomp == 0) {
		out = n;
		*data = fs->rec;
	} else {
		/* A u16 length, then an LZ4 block of that many bytes. */
		if (decomp > RFS_MAX_LEVEL)
			return rfs_fail(fs, -EIO, "decompressed level too large",
			    rfs_addr_index(p.addr));
		clen = rfs_le16(fs->rec);
		if (clen + 2 > (size_t)n)
			return rfs_fail(fs, -EIO,
			    "compressed length past the block",
			    rfs_addr_index(p.addr));
		out = lz4_decompress(fs->rec + 2, clen, fs->dec,
		    (size_t)RFS_BLOCK_SIZE << decomp);
		if (out < 0)
			return rfs_fail(fs, -EIO, "bad LZ4 data",
			    rfs_addr_index(p.addr));
		/* A short result reads as zeros up to the decompressed level. */
		memset(fs->dec + out, 0, ((size_t)RFS_BLOCK_SIZE << decomp) -
		    (size_t)out);
		out = (long)RFS_BLOCK_SIZE << decomp;
		*data = fs->dec;
	}
	fs->cache_valid = 1;
	fs->cache_ptr = p;
	fs->cache_len = (size_t)out;
	return out;
}

long
rfs_node_peek(struct rfs *fs, const struct rfs_node *n, uint64_t off,
    size_t len, const uint8_t **data)
{
	struct rfs_ptr p;
	const uint8_t *rec;
	uint64_t rsize;
	size_t j;
	long have;
	int err;

	*data = NULL;
	if (off >= n->size || len == 0 || rfs_node_inline(n) ||
	    n->record_level > RFS_MAX_LEVEL)
		return 0;
	if (len > n->size - off)
		len = (size_t)(n->size - off);
	rsize = (uint64_t)RFS_BLOCK_SIZE << n->record_level;
	j = (size_t)(off % rsize);
	if (len > rsize - j)
		return 0;
	if ((err = rfs_node_record_ptr(fs, n, off / rsize, &p)) != 0)
		return err;
	if (rfs_ptr_is_null(p))
		return 0;
	if ((have = rfs_record_load(fs, p, &rec)) < 0)
		return have;
	if ((size_t)have < j + len)
		return 0;
	*data = rec + j;
	return (long)len;
}

long
rfs_node_read(struct rfs *fs, const struct rfs_node *n, uint64_t off,
    void *buf, size_t len)
{
	uint8_t *dst = buf;
	size_t done = 0;

	if (off >= n->size)
		return 0;
	if (len > n->size - off)
		len = (size_t)(n->size - off);

	if (rfs_node_inline(n)) {
		/* Inline bytes, then zeros if a truncate grew the size. */
		if (off < RFS_NODE_INLINE_MAX) {
			size_t k = RFS_NODE_INLINE_MAX - (size_t)off;
			if (k > len)
				k = len;
			memcpy(dst, n->raw + RFS_NODE_DATA + off, k);
			done = k;
		}
		memset(dst + done, 0, len - done);
		return (long)len;
	}

	if (n->record_level > RFS_MAX_LEVEL)
		return rfs_fail(fs, -EIO, "record level too large", n->id);
	uint64_t rsize = (uint64_t)RFS_BLOCK_SIZE << n->record_level;
	while (done < len) {
		uint64_t pos = off + done;
		uint64_t r = pos / rsize;
		size_t j = (size_t)(pos % rsize);
		size_t k = (size_t)(rsize - j);
		struct rfs_ptr p;
		const uint8_t *data;
		long have;
		int err;

		if (k > len - done)
			k = len - done;
		if ((err = rfs_node_record_ptr(fs, n, r, &p)) != 0)
			return err;
		if ((have = rfs_record_load(fs, p, &data)) < 0)
			return have;
		/* Bytes past a short record (file tail, hole) read as zero. */
		size_t avail = (size_t)have > j ? (size_t)have - j : 0;
		if (avail > k)
			avail = k;
		if (avail)
			memcpy(dst + done, data + j, avail);
		memset(dst + done + avail, 0, k - avail);
		done += k;
	}
	return (long)done;
}
