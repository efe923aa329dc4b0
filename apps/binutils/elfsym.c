/*
 * elfsym - reads just enough of an ELF64 header, its section headers and
 * its program headers to find the machine code.  The file is untrusted:
 * every table and string is bounds-checked before use.
 */
#include <errno.h>
#include <string.h>

#include "elfsym.h"

/* Little-endian reads: the file may be unaligned and we want no casts. */
static uint64_t
rd(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* 1 if [off, off+size) lies inside a buffer of len bytes. */
static int
inside(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

static int
find_text(const uint8_t *b, size_t len, struct elfsym_code *out)
{
	uint64_t shoff = rd(b + 0x28, 8);
	unsigned shentsize = (unsigned)rd(b + 0x3a, 2), shnum = (unsigned)rd(b + 0x3c, 2);
	unsigned shstrndx = (unsigned)rd(b + 0x3e, 2);
	if (!shoff || !shnum || shentsize < 64 || shstrndx >= shnum ||
	    !inside(shoff, (uint64_t)shnum * shentsize, len))
		return -ENOENT;
	const uint8_t *strsh = b + shoff + (uint64_t)shstrndx * shentsize;
	uint64_t stroff = rd(strsh + 0x18, 8), strsize = rd(strsh + 0x20, 8);
	if (!inside(stroff, strsize, len))
		return -ENOENT;
	for (unsigned i = 0; i < shnum; i++) {
		const uint8_t *sh = b + shoff + (uint64_t)i * shentsize;
		uint64_t name = rd(sh, 4);
		if (name >= strsize || strsize - name < 6)
			continue;
		if (memcmp(b + stroff + name, ".text", 6))
			continue;
		uint64_t off = rd(sh + 0x18, 8), size = rd(sh + 0x20, 8);
		if (rd(sh + 4, 4) == 8 /* SHT_NOBITS */ || !inside(off, size, len))
			return -EINVAL;
		out->off = (size_t)off;
		out->size = (size_t)size;
		out->addr = rd(sh + 0x10, 8);
		out->what = ".text";
		return 0;
	}
	return -ENOENT;
}

static int
find_entry(const uint8_t *b, size_t len, struct elfsym_code *out)
{
	uint64_t entry = rd(b + 0x18, 8), phoff = rd(b + 0x20, 8);
	unsigned phentsize = (unsigned)rd(b + 0x36, 2), phnum = (unsigned)rd(b + 0x38, 2);
	if (!phoff || !phnum || phentsize < 56 ||
	    !inside(phoff, (uint64_t)phnum * phentsize, len))
		return -EINVAL;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = b + phoff + (uint64_t)i * phentsize;
		if (rd(ph, 4) != 1 /* PT_LOAD */ || !(rd(ph + 4, 4) & 1 /* PF_X */))
			continue;
		uint64_t off = rd(ph + 8, 8), vaddr = rd(ph + 0x10, 8), filesz = rd(ph + 0x20, 8);
		if (entry < vaddr || entry - vaddr >= filesz || !inside(off, filesz, len))
			continue;
		out->off = (size_t)(off + (entry - vaddr));
		out->size = (size_t)(filesz - (entry - vaddr));
		out->addr = entry;
		out->what = "entry";
		return 0;
	}
	return -EINVAL;
}

int
elfsym_find_code(const uint8_t *b, size_t len, struct elfsym_code *out, const char **why)
{
	if (len < 64 || memcmp(b, "\177ELF", 4)) {
		*why = "not an ELF file (use -r for raw bytes)";
		return -ENOEXEC;
	}
	if (b[4] != 2 || b[5] != 1 || rd(b + 0x12, 2) != 62) {
		*why = "not a 64-bit little-endian x86-64 ELF file";
		return -ENOEXEC;
	}
	if (find_text(b, len, out) == 0)
		return 0;
	if (find_entry(b, len, out) == 0)
		return 0;
	*why = "no .text section and no executable segment holding the entry point";
	return -EINVAL;
}
