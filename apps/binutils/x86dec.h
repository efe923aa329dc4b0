/* x86dec - decodes one x86-64 instruction into Intel syntax (objdump's). */
#ifndef X86DEC_H
#define X86DEC_H

#include <stddef.h>
#include <stdint.h>

struct x86insn {
	size_t len;		/* bytes used (1 for an undecodable byte) */
	int bad;		/* 1: not in our subset; text is "(bad)" */
	char text[128];		/* "mov rax,QWORD PTR [rbp-0x8]" */
};

/*
 * Decodes the instruction at p (n bytes available) that sits at address
 * addr (for branch targets and rip-relative comments).  Always returns
 * with len >= 1, so a caller can step over bytes it does not know.
 */
void x86dec_decode(const uint8_t *p, size_t n, uint64_t addr, struct x86insn *out);

#endif
