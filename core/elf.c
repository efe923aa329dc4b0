/*
 * elf.c - the ELF checks.  Programs are static-PIE x86_64 executables
 * (ET_DYN, no interpreter) whose only relocations are R_X86_64_RELATIVE
 * (RELA) or RELR.  Every offset, size and address is checked against the
 * file and against overflow before anything is used.
 */
#include "core/abi.h"
#include "core/elf.h"
#include "core/str.h"
#include "hal/hal.h"

#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_TLS		7
#define DT_NULL		0
#define DT_NEEDED	1
#define DT_PLTRELSZ	2
#define DT_RELA		7
#define DT_RELASZ	8
#define DT_RELAENT	9
#define DT_REL		17
#define DT_RELSZ	18
#define DT_JMPREL	23
#define DT_RELRSZ	35
#define DT_RELR		36
#define DT_RELRENT	37
#define R_X86_64_RELATIVE 8

struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct dyn {
	int64_t tag;
	uint64_t val;
};

struct rela {
	uint64_t offset, info;
	int64_t addend;
};

#define PAGE 4096ull

static int
in_file(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/* File offset of the `size` bytes at vaddr, if a segment holds them. */
static int
vaddr_to_off(const struct elf_info *e, uint64_t vaddr, uint64_t size, uint64_t *off)
{
	for (int i = 0; i < e->nseg; i++) {
		const struct elf_seg *s = &e->seg[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->filesz &&
		    size <= s->filesz - (vaddr - s->vaddr)) {
			*off = s->offset + (vaddr - s->vaddr);
			return 0;
		}
	}
	return -ENOEXEC;
}

/* True if the 8 bytes at vaddr lie inside some segment's memory. */
static int
in_image(const struct elf_info *e, uint64_t vaddr)
{
	for (int i = 0; i < e->nseg; i++) {
		const struct elf_seg *s = &e->seg[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->memsz &&
		    s->memsz - (vaddr - s->vaddr) >= 8)
			return 1;
	}
	return 0;
}

static int
parse_dynamic(const uint8_t *img, size_t len, const struct phdr *dp, struct elf_info *e)
{
	uint64_t rela = 0, relasz = 0, relaent = sizeof(struct rela);
	uint64_t relr = 0, relrsz = 0, relrent = 8;
	int have_rela = 0, have_relr = 0;

	if (!in_file(dp->offset, dp->filesz, len) || dp->offset % 8)
		return -ENOEXEC;
	const struct dyn *d = (const struct dyn *)(img + dp->offset);
	size_t n = dp->filesz / sizeof *d;
	for (size_t i = 0; i < n && d[i].tag != DT_NULL; i++) {
		switch (d[i].tag) {
		case DT_NEEDED: case DT_REL: case DT_RELSZ: case DT_JMPREL:
			return -ENOEXEC;	/* shared libraries, REL, PLT */
		case DT_PLTRELSZ:
			if (d[i].val)
				return -ENOEXEC;
			break;
		case DT_RELA: rela = d[i].val; have_rela = 1; break;
		case DT_RELASZ: relasz = d[i].val; break;
		case DT_RELAENT: relaent = d[i].val; break;
		case DT_RELR: relr = d[i].val; have_relr = 1; break;
		case DT_RELRSZ: relrsz = d[i].val; break;
		case DT_RELRENT: relrent = d[i].val; break;
		}
	}
	if (have_rela) {
		if (relaent != sizeof(struct rela) || relasz % relaent ||
		    vaddr_to_off(e, rela, relasz, &e->rela_off) != 0)
			return -ENOEXEC;
		e->rela_count = relasz / relaent;
		const struct rela *r = (const struct rela *)(img + e->rela_off);
		if (e->rela_off % 8)
			return -ENOEXEC;
		for (uint64_t i = 0; i < e->rela_count; i++) {
			if ((uint32_t)r[i].info != R_X86_64_RELATIVE ||
			    !in_image(e, r[i].offset) || r[i].addend < 0 ||
			    (uint64_t)r[i].addend > e->span_hi)
				return -ENOEXEC;
		}
	}
	if (have_relr) {
		if (relrent != 8 || relrsz % 8 ||
		    vaddr_to_off(e, relr, relrsz, &e->relr_off) != 0 || e->relr_off % 8)
			return -ENOEXEC;
		e->relr_size = relrsz;
	}
	return 0;
}

int
elf_parse(const uint8_t *img, size_t len, struct elf_info *e)
{
	const struct ehdr *h = (const struct ehdr *)img;
	const struct phdr *dyn = NULL;

	memset(e, 0, sizeof *e);
	if (len < sizeof *h || ((uintptr_t)img & 7))
		return -ENOEXEC;
	if (memcmp(h->ident, "\177ELF", 4) != 0 || h->ident[4] != 2 /* 64-bit */ ||
	    h->ident[5] != 1 /* little endian */ || h->ident[6] != 1 ||
	    h->version != 1 || h->machine != 62 /* x86_64 */ || h->type != 3 /* ET_DYN */)
		return -ENOEXEC;
	if (h->phentsize != sizeof(struct phdr) || h->phnum == 0 || h->phnum > 64 ||
	    h->phoff % 8 || !in_file(h->phoff, (uint64_t)h->phnum * sizeof(struct phdr), len))
		return -ENOEXEC;
	const struct phdr *ph = (const struct phdr *)(img + h->phoff);
	uint64_t lo = UINT64_MAX, hi = 0, prev_end = 0;
	int have_phdr = 0;

	for (int i = 0; i < h->phnum; i++) {
		const struct phdr *p = &ph[i];
		switch (p->type) {
		case PT_INTERP:
			return -ENOEXEC;	/* dynamically linked */
		case PT_DYNAMIC:
			dyn = p;
			break;
		case PT_PHDR:
			e->phdr = p->vaddr;
			have_phdr = 1;
			break;
		case PT_LOAD: {
			if (e->nseg == ELF_MAX_SEGS || p->memsz == 0 || p->filesz > p->memsz ||
			    !in_file(p->offset, p->filesz, len) ||
			    p->vaddr > ELF_MAX_SPAN || p->memsz > ELF_MAX_SPAN - p->vaddr ||
			    (p->align > 1 && (p->align & (p->align - 1))) ||
			    (p->vaddr % PAGE) != (p->offset % PAGE) ||
			    p->vaddr < prev_end)	/* sorted, not overlapping */
				return -ENOEXEC;
			struct elf_seg *s = &e->seg[e->nseg++];
			s->vaddr = p->vaddr;
			s->memsz = p->memsz;
			s->offset = p->offset;
			s->filesz = p->filesz;
			s->prot = (p->flags & 4 ? HAL_PROT_READ : 0) |
			    (p->flags & 2 ? HAL_PROT_WRITE : 0) |
			    (p->flags & 1 ? HAL_PROT_EXEC : 0);
			prev_end = p->vaddr + p->memsz;
			if (p->vaddr < lo)
				lo = p->vaddr;
			if (prev_end > hi)
				hi = prev_end;
			break;
		}
		}
	}
	if (e->nseg == 0)
		return -ENOEXEC;
	e->span_lo = lo & ~(PAGE - 1);
	e->span_hi = (hi + PAGE - 1) & ~(PAGE - 1);
	int in_seg = 0;
	for (int i = 0; i < e->nseg; i++)
		if (h->entry >= e->seg[i].vaddr && h->entry - e->seg[i].vaddr < e->seg[i].memsz)
			in_seg = 1;
	if (!in_seg)
		return -ENOEXEC;
	e->entry = h->entry;
	/* Where the program headers are in memory: PT_PHDR, or the load
	 * segment that covers them in the file. */
	if (!have_phdr) {
		for (int i = 0; i < e->nseg; i++) {
			const struct elf_seg *s = &e->seg[i];
			if (h->phoff >= s->offset && h->phoff - s->offset < s->filesz) {
				e->phdr = s->vaddr + (h->phoff - s->offset);
				have_phdr = 1;
				break;
			}
		}
	}
	e->phnum = h->phnum;
	e->phent = h->phentsize;
	if (dyn)
		return parse_dynamic(img, len, dyn, e);
	return 0;
}
