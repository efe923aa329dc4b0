/*
 * RedoxFS version 8 on-disk format: sizes, offsets and little-endian
 * accessors.  Everything on disk is little-endian and packed; we never
 * overlay C structs on disk bytes, we read fields at their offsets, so the
 * code is independent of host byte order and struct padding.
 */
#ifndef REDOXFS_FORMAT_H
#define REDOXFS_FORMAT_H

#include <stdint.h>
#include <stddef.h>

#define RFS_BLOCK_SIZE		4096u
#define RFS_VERSION		8u
#define RFS_SIGNATURE		"RedoxFS\0"
#define RFS_HEADER_RING		256u
#define RFS_RECORD_LEVEL	5u
#define RFS_RECORD_SIZE		(RFS_BLOCK_SIZE << RFS_RECORD_LEVEL)
#define RFS_NAME_MAX		252u
#define RFS_ALLOC_GC_THRESHOLD	1024u
/* Mount looks for a header in the first 65536 blocks of a disk. */
#define RFS_PROBE_BLOCKS	65536u
/* Largest block (level) we accept anywhere: a 128 KiB record. */
#define RFS_MAX_LEVEL		RFS_RECORD_LEVEL

/* Header (one block). */
#define RFS_HDR_SIGNATURE	0
#define RFS_HDR_VERSION		8
#define RFS_HDR_UUID		16
#define RFS_HDR_SIZE		32
#define RFS_HDR_GENERATION	40
#define RFS_HDR_TREE		48
#define RFS_HDR_ALLOC		64
#define RFS_HDR_KEY_SLOTS	80
#define RFS_HDR_RELEASE		3152
#define RFS_HDR_ENC_HASH	4072
#define RFS_HDR_HASH		4088

/* BlockAddr: index << 8 | decompressed level << 4 | level. */
#define RFS_ADDR_MARKER		0xFFFFFFFFFFFFFFF0ull
#define RFS_PTR_SIZE		16u
#define RFS_BLOCKLIST_ENTRIES	256u

/* TreeList: 254 pointers, then two u128 "branch full" bitmaps. */
#define RFS_TREELIST_ENTRIES	254u
#define RFS_TREELIST_FLAGS	4064

/* Node. */
#define RFS_NODE_MODE		0
#define RFS_NODE_UID		2
#define RFS_NODE_GID		6
#define RFS_NODE_LINKS		10
#define RFS_NODE_SIZE		14
#define RFS_NODE_BLOCKS		22
#define RFS_NODE_CTIME		30
#define RFS_NODE_CTIME_NSEC	38
#define RFS_NODE_MTIME		42
#define RFS_NODE_MTIME_NSEC	50
#define RFS_NODE_ATIME		54
#define RFS_NODE_ATIME_NSEC	62
#define RFS_NODE_RECORD_LEVEL	66
#define RFS_NODE_FLAGS		70
/*
 * Padding up to RFS_NODE_DATA, zero in every node upstream writes and
 * kept by its rewrites: a device's number lives here (meta.h).
 */
#define RFS_NODE_RDEV		80
#define RFS_NODE_DATA		128
#define RFS_NODE_INLINE_MAX	(RFS_BLOCK_SIZE - RFS_NODE_DATA)	/* 3968 */
#define RFS_NODE_FLAG_INLINE	1u

/* Pointer slots in a node's level data, per indirection depth. */
#define RFS_NODE_L0_COUNT	128u
#define RFS_NODE_L1_COUNT	64u
#define RFS_NODE_L2_COUNT	32u
#define RFS_NODE_L3_COUNT	16u
#define RFS_NODE_L4_COUNT	8u
#define RFS_NODE_L0_OFF		128
#define RFS_NODE_L1_OFF		2176
#define RFS_NODE_L2_OFF		3200
#define RFS_NODE_L3_OFF		3712
#define RFS_NODE_L4_OFF		3968

#define RFS_MODE_TYPE		0xF000u
#define RFS_MODE_FILE		0x8000u
#define RFS_MODE_DIR		0x4000u
#define RFS_MODE_SYMLINK	0xA000u
#define RFS_MODE_SOCK		0xC000u
/* POSIX's other special files (upstream names only sockets; meta.h). */
#define RFS_MODE_FIFO		0x1000u
#define RFS_MODE_CHR		0x2000u
#define RFS_MODE_BLK		0x6000u
#define RFS_MODE_PERM		0x0FFFu

/* HTree index node: 204 (hash u32, BlockPtr) pairs, 16 bytes padding. */
#define RFS_HTREE_ENTRIES	204u
#define RFS_HTREE_PTR_SIZE	20u
#define RFS_HTREE_EMPTY_HASH	0xFFFFFFFFu
#define RFS_HTREE_MAX_DEPTH	8u	/* far above what 2^32 names need */

/* DirList: packed entries, then count u16 and used-bytes u16 at the end. */
#define RFS_DIRLIST_BYTES	4092u
#define RFS_DIRLIST_COUNT	4092
#define RFS_DIRLIST_LEN		4094

/* AllocList: prev BlockPtr, then 255 (index u64, count i64) entries. */
#define RFS_ALLOCLIST_ENTRIES	255u
/* ReleaseList: prev BlockPtr, then 1020 u32 node ids. */
#define RFS_RELEASELIST_ENTRIES	1020u

static inline uint16_t rfs_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t rfs_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t rfs_le64(const uint8_t *p)
{
	return (uint64_t)rfs_le32(p) | (uint64_t)rfs_le32(p + 4) << 32;
}

static inline void rfs_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void rfs_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void rfs_put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A block pointer: where a block lives and the seahash of its bytes. */
struct rfs_ptr {
	uint64_t addr;
	uint64_t hash;
};

static inline struct rfs_ptr rfs_ptr_get(const uint8_t *p)
{
	struct rfs_ptr r = { rfs_le64(p), rfs_le64(p + 8) };
	return r;
}

static inline void rfs_ptr_put(uint8_t *p, struct rfs_ptr r)
{
	rfs_put64(p, r.addr);
	rfs_put64(p + 8, r.hash);
}

static inline uint64_t rfs_addr_index(uint64_t a) { return a >> 8; }
static inline unsigned rfs_addr_level(uint64_t a) { return (unsigned)(a & 0xF); }
static inline unsigned rfs_addr_decomp(uint64_t a) { return (unsigned)(a >> 4 & 0xF); }
static inline uint64_t rfs_addr_make(uint64_t index, unsigned level, unsigned decomp)
{
	return index << 8 | (uint64_t)(decomp & 0xF) << 4 | (level & 0xF);
}
static inline int rfs_ptr_is_null(struct rfs_ptr p) { return rfs_addr_index(p.addr) == 0; }
static inline int rfs_ptr_is_marker(struct rfs_ptr p)
{
	return (p.addr & ~0xFull) == RFS_ADDR_MARKER && p.hash == UINT64_MAX;
}

#endif
