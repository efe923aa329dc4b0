/*
 * disasm - disassembles x86-64 code in Intel syntax: the .text section
 * of an ELF file (or, with no section headers, the executable segment
 * from the entry point on), or with -r a file of raw bytes.  Each line
 * is the address, the bytes and the instruction; bytes outside the
 * subset x86dec knows print as "(bad)" and decoding goes on at the next
 * byte.  The subset is listed by --help and in README.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfsym.h"
#include "x86dec.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: disasm [-r] [-a ADDRESS] FILE\n"
	    "  disassembles x86-64 code in Intel syntax (as objdump -M intel)\n"
	    "  FILE is ELF64: its .text section, or the code from its entry point\n"
	    "  -r          FILE is raw machine code\n"
	    "  -a ADDRESS  address of the first raw byte (default 0)\n"
	    "  --help      show this help\n"
	    "decoded: add or adc sbb and sub xor cmp (r/m,r r,r/m r/m,imm8/imm32 acc,imm)\n"
	    "  mov (r/m,r r,r/m r/m,imm r,imm incl. movabs) movzx movsx movsxd lea\n"
	    "  push pop (reg imm r/m) call jmp (rel8/rel32 r/m) jcc (rel8/rel32) ret\n"
	    "  ret imm16 leave nop (90, 0f 1f /0) xchg test inc dec not neg mul imul\n"
	    "  (1, 2 and 3 operands) div idiv rol ror rcl rcr shl shr sar (1 cl imm8)\n"
	    "  setcc cmovcc cbw cwde cdqe cwd cdq cqo syscall int3 int hlt ud2 cpuid\n"
	    "  movs stos endbr64 pause; prefixes 66 REX 2e 64 65 f3 (rep).\n"
	    "  Anything else prints as (bad), one byte.\n");
}

static int
slurp(const char *name, uint8_t **out, size_t *len)
{
	int fd = open(name, O_RDONLY);
	if (fd < 0)
		return -errno;
	size_t cap = 65536, n = 0;
	uint8_t *b = malloc(cap);
	if (!b) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (n == cap) {
			uint8_t *nb = realloc(b, cap * 2);
			if (!nb) {
				free(b);
				close(fd);
				return -ENOMEM;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(b);
			close(fd);
			return -e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*out = b;
	*len = n;
	return 0;
}

static void
disasm_range(const uint8_t *code, size_t size, uint64_t addr)
{
	size_t pos = 0;
	while (pos < size) {
		struct x86insn in;
		x86dec_decode(code + pos, size - pos, addr + pos, &in);
		char bytes[64];
		size_t bl = 0;
		for (size_t i = 0; i < in.len && bl + 4 < sizeof bytes; i++)
			bl += (size_t)snprintf(bytes + bl, sizeof bytes - bl, "%02x ", code[pos + i]);
		if (bl)
			bytes[--bl] = 0;
		else
			bytes[0] = 0;
		printf("%8llx:\t%-20s\t%s\n", (unsigned long long)(addr + pos), bytes, in.text);
		pos += in.len;
	}
}

int
main(int argc, char **argv)
{
	int raw = 0, ch;
	uint64_t base = 0;
	char *end;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((ch = getopt(argc, argv, "ra:")) != -1) {
		switch (ch) {
		case 'r': raw = 1; break;
		case 'a':
			errno = 0;
			base = strtoull(optarg, &end, 0);
			if (errno || end == optarg || *end || optarg[0] == '-') {
				fprintf(stderr, "disasm: invalid address '%s'\n", optarg);
				return 1;
			}
			break;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (argc - optind != 1) {
		usage(stderr);
		return 1;
	}
	const char *name = argv[optind];
	uint8_t *buf = NULL;
	size_t len = 0;
	int rc = slurp(name, &buf, &len);
	if (rc < 0) {
		fprintf(stderr, "disasm: %s: %s\n", name, strerror(-rc));
		return 1;
	}
	if (raw) {
		disasm_range(buf, len, base);
	} else {
		struct elfsym_code c;
		const char *why = "";
		if (elfsym_find_code(buf, len, &c, &why) < 0) {
			fprintf(stderr, "disasm: %s: %s\n", name, why);
			free(buf);
			return 1;
		}
		disasm_range(buf + c.off, c.size, c.addr);
	}
	free(buf);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "disasm: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
