/* elfsym - finds the code to disassemble in an ELF64 x86-64 file. */
#ifndef ELFSYM_H
#define ELFSYM_H

#include <stddef.h>
#include <stdint.h>

struct elfsym_code {
	size_t off;		/* file offset of the first byte */
	size_t size;		/* bytes */
	uint64_t addr;		/* address of the first byte */
	const char *what;	/* ".text" or "entry" */
};

/*
 * Locates .text (by section name) or, without section headers, the
 * executable segment from the entry point to its end.  Every offset is
 * checked against len.  Returns 0, -ENOEXEC (not ELF64 x86-64) or
 * -EINVAL (malformed or nothing to disassemble); *why says which.
 */
int elfsym_find_code(const uint8_t *buf, size_t len, struct elfsym_code *out, const char **why);

#endif
