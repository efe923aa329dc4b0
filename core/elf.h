/*
 * elf.h - validating static-PIE x86_64 ELF images.  Pure: it reads a
 * buffer and describes what to load; anything odd is -ENOEXEC.
 */
#ifndef CORE_ELF_H
#define CORE_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGS 16
#define ELF_MAX_SPAN (1ull << 30)	/* 1 GiB of image at most */

struct elf_seg {
	uint64_t vaddr, memsz;		/* relative to the load base */
	uint64_t offset, filesz;	/* in the file */
	int prot;			/* HAL_PROT_* */
};

struct elf_info {
	uint64_t entry;			/* relative to the base */
	uint64_t span_lo, span_hi;	/* page-rounded extent of all segments */
	uint64_t phdr;			/* where the program headers land */
	uint16_t phnum, phent;
	int nseg;
	struct elf_seg seg[ELF_MAX_SEGS];
	/* R_X86_64_RELATIVE relocations (file offsets, counts) */
	uint64_t rela_off, rela_count;
	uint64_t relr_off, relr_size;
};

int elf_parse(const uint8_t *img, size_t len, struct elf_info *out);

#endif
