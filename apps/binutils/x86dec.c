/*
 * x86dec - a table-light decoder for the x86-64 subset compilers emit
 * most: the ALU group, mov/movzx/movsx/movsxd/lea, push/pop, branches,
 * shifts, imul/mul/div, inc/dec/neg/not, setcc/cmovcc, and a few
 * one-byte system instructions.  Text follows objdump -M intel so the
 * two can be compared; branch targets are bare hex like objdump's.
 * Prefixes understood: 66 (16-bit operands; more are "data16"), REX,
 * 2e ("cs"), 64/65 (fs:/gs: on memory operands), f3 (endbr64, pause,
 * repz ret, rep movs/stos).  Anything else is "(bad)" and one byte is
 * consumed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "x86dec.h"

struct dec {
	const uint8_t *p;
	size_t n, pos;
	uint64_t addr;
	int rex, opsize16, err;
	int n66, cs, rep;	/* extra 66s, 2e, f3 */
	const char *seg;	/* "fs" / "gs" from 64 / 65, or NULL */
	/* ModRM fields */
	int mod, reg, rm;
	char *out;
	size_t cap, len;
};

static const char *const reg64[16] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const reg32[16] = {
	"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
	"r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};
static const char *const reg16[16] = {
	"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
	"r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w",
};
static const char *const reg8rex[16] = {
	"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
	"r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
};
static const char *const reg8legacy[8] = {
	"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh",
};
static const char *const alu_ops[8] = {
	"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp",
};
static const char *const shift_ops[8] = {
	"rol", "ror", "rcl", "rcr", "shl", "shr", NULL, "sar",
};
static const char *const cc[16] = {
	"o", "no", "b", "ae", "e", "ne", "be", "a",
	"s", "ns", "p", "np", "l", "ge", "le", "g",
};

static void
emit(struct dec *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
emit(struct dec *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(d->out + d->len, d->cap - d->len, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r >= d->cap - d->len)
		d->err = 1;
	else
		d->len += (size_t)r;
}

static int
get8(struct dec *d, uint8_t *v)
{
	if (d->pos >= d->n) {
		d->err = 1;
		return -1;
	}
	*v = d->p[d->pos++];
	return 0;
}

/* Reads a little-endian signed value of size bytes. */
static int64_t
geti(struct dec *d, int size)
{
	uint64_t v = 0;
	if (d->pos + (size_t)size > d->n) {
		d->err = 1;
		return 0;
	}
	for (int i = 0; i < size; i++)
		v |= (uint64_t)d->p[d->pos + (size_t)i] << (8 * i);
	d->pos += (size_t)size;
	if (size < 8 && (v >> (8 * size - 1)) & 1)
		v |= ~0ULL << (8 * size);
	return (int64_t)v;
}

static const char *
regname(struct dec *d, int r, int size)
{
	switch (size) {
	case 8: return d->rex ? reg8rex[r] : (r < 8 ? reg8legacy[r] : reg8rex[r]);
	case 16: return reg16[r];
	case 32: return reg32[r];
	default: return reg64[r];
	}
}

static const char *
ptr_name(int size)
{
	switch (size) {
	case 8: return "BYTE PTR ";
	case 16: return "WORD PTR ";
	case 32: return "DWORD PTR ";
	case 64: return "QWORD PTR ";
	default: return "";
	}
}

static int
modrm(struct dec *d)
{
	uint8_t b;
	if (get8(d, &b) < 0)
		return -1;
	d->mod = b >> 6;
	d->reg = ((b >> 3) & 7) | ((d->rex & 4) << 1);
	d->rm = b & 7;
	return 0;
}

static void
emit_disp(struct dec *d, int64_t disp, int always)
{
	if (disp < 0)
		emit(d, "-0x%llx", (unsigned long long)-disp);
	else if (disp > 0 || always)
		emit(d, "+0x%llx", (unsigned long long)disp);
}

/*
 * Writes the r/m operand (after modrm()).  size is the operand size for
 * the PTR keyword; 0 writes no keyword (lea).
 */
static void
emit_rm(struct dec *d, int size)
{
	int rm = d->rm | ((d->rex & 1) << 3);
	if (d->mod == 3) {
		emit(d, "%s", regname(d, rm, size));
		return;
	}
	emit(d, "%s", ptr_name(size));
	if (d->seg)
		emit(d, "%s:", d->seg);
	if (d->rm == 4) {	/* SIB */
		uint8_t sib;
		if (get8(d, &sib) < 0)
			return;
		int scale = 1 << (sib >> 6);
		int index = ((sib >> 3) & 7) | ((d->rex & 2) << 2);
		int base = (sib & 7) | ((d->rex & 1) << 3);
		int has_index = index != 4;
		int no_base = (sib & 7) == 5 && d->mod == 0;
		int64_t disp = 0;
		if (no_base)
			disp = geti(d, 4);
		else if (d->mod == 1)
			disp = geti(d, 1);
		else if (d->mod == 2)
			disp = geti(d, 4);
		if (no_base && !has_index) {
			emit(d, "%s0x%llx", d->seg ? "" : "ds:", (unsigned long long)(uint32_t)disp);
			return;
		}
		emit(d, "[");
		if (!no_base)
			emit(d, "%s", reg64[base]);
		if (has_index)
			emit(d, "%s%s*%d", no_base ? "" : "+", reg64[index], scale);
		emit_disp(d, disp, d->mod != 0 || no_base);
		emit(d, "]");
		return;
	}
	if (d->mod == 0 && d->rm == 5) {	/* rip-relative */
		/* objdump writes a negative one as a 64-bit two's complement */
		int64_t disp = geti(d, 4);
		emit(d, "[rip+0x%llx]", (unsigned long long)disp);
		/* The target needs the instruction's end, known only later:
		 * the caller appends it (see rip_note). */
		return;
	}
	emit(d, "[%s", reg64[rm]);
	if (d->mod == 1)
		emit_disp(d, geti(d, 1), 1);
	else if (d->mod == 2)
		emit_disp(d, geti(d, 4), 1);
	emit(d, "]");
}

static int
opsize(struct dec *d)
{
	return (d->rex & 8) ? 64 : d->opsize16 ? 16 : 32;
}

static unsigned long long
mask(int64_t v, int size)
{
	return size == 64 ? (unsigned long long)v : (unsigned long long)v & ((1ULL << size) - 1);
}

/* "op r/m,reg" or "op reg,r/m" for the modrm forms. */
static void
rm_reg(struct dec *d, const char *op, int size, int reg_first)
{
	if (modrm(d) < 0)
		return;
	emit(d, "%s ", op);
	if (reg_first) {
		emit(d, "%s,", regname(d, d->reg, size));
		emit_rm(d, size);
	} else {
		emit_rm(d, size);
		emit(d, ",%s", regname(d, d->reg, size));
	}
}

static void
branch(struct dec *d, const char *op, int size)
{
	int64_t rel = geti(d, size);
	emit(d, "%s %llx", op, (unsigned long long)(d->addr + d->pos + (uint64_t)rel));
}

static void
decode_0f(struct dec *d)
{
	uint8_t op;
	int sz = opsize(d);
	if (get8(d, &op) < 0)
		return;
	if (op == 0x05) {
		emit(d, "syscall");
	} else if (op == 0x0b) {
		emit(d, "ud2");
	} else if (op == 0xa2) {
		emit(d, "cpuid");
	} else if (op == 0x1f) {
		if (modrm(d) < 0)
			return;
		if ((d->reg & 7) != 0) {
			d->err = 1;
			return;
		}
		emit(d, "nop ");
		emit_rm(d, sz);
	} else if (op >= 0x40 && op <= 0x4f) {
		char name[16];
		snprintf(name, sizeof name, "cmov%s", cc[op & 15]);
		rm_reg(d, name, sz, 1);
	} else if (op >= 0x80 && op <= 0x8f) {
		char name[8];
		snprintf(name, sizeof name, "j%s", cc[op & 15]);
		branch(d, name, 4);
	} else if (op >= 0x90 && op <= 0x9f) {
		if (modrm(d) < 0)
			return;
		emit(d, "set%s ", cc[op & 15]);
		emit_rm(d, 8);
	} else if (op == 0xaf) {
		rm_reg(d, "imul", sz, 1);
	} else if (op == 0xb6 || op == 0xb7 || op == 0xbe || op == 0xbf) {
		if (modrm(d) < 0)
			return;
		emit(d, "%s %s,", op < 0xb8 ? "movzx" : "movsx", regname(d, d->reg, sz));
		emit_rm(d, (op & 1) ? 16 : 8);
	} else {
		d->err = 1;
	}
}

/* movs/stos: a4 a5 aa ab, with rep when prefixed by f3. */
static int
string_op(struct dec *d, uint8_t op)
{
	int sz = (op & 1) ? opsize(d) : 8;
	if (op == 0xa4 || op == 0xa5) {
		emit(d, "movs %ses:[rdi],%sds:[rsi]", ptr_name(sz), ptr_name(sz));
		return 1;
	}
	if (op == 0xaa || op == 0xab) {
		emit(d, "stos %ses:[rdi],%s", ptr_name(sz), regname(d, 0, sz));
		return 1;
	}
	return 0;
}

/* The f3 forms we know: endbr64, repz ret, pause, rep movs/stos. */
static void
decode_rep(struct dec *d, uint8_t op)
{
	uint8_t a, b;
	if (op == 0xc3) {
		emit(d, "repz ret");
	} else if (op == 0x90) {
		emit(d, "pause");
	} else if (op == 0x0f) {
		if (get8(d, &a) < 0 || get8(d, &b) < 0 || a != 0x1e || b != 0xfa)
			d->err = 1;
		else
			emit(d, "endbr64");
	} else {
		emit(d, "rep ");
		if (!string_op(d, op))
			d->err = 1;
	}
}

static void
decode_one(struct dec *d)
{
	uint8_t op;
	int sz;

	for (;;) {
		if (get8(d, &op) < 0)
			return;
		if (op == 0x66) {
			d->n66 += d->opsize16;
			d->opsize16 = 1;
		} else if (op == 0x2e) {
			d->cs = 1;
		} else if (op == 0x64 || op == 0x65) {
			d->seg = op == 0x64 ? "fs" : "gs";
		} else if (op == 0xf3) {
			d->rep = 1;
		} else {
			break;
		}
	}
	if ((op & 0xf0) == 0x40) {	/* REX must come last */
		d->rex = op;
		if (get8(d, &op) < 0)
			return;
		if ((op & 0xf0) == 0x40 || op == 0x66 || op == 0x2e || op == 0x64 ||
		    op == 0x65 || op == 0xf3) {
			d->err = 1;
			return;
		}
	}
	/* objdump shows 66s past the first and cs as words before the rest. */
	for (int i = 0; i < d->n66; i++)
		emit(d, "data16 ");
	if (d->cs)
		emit(d, "cs ");
	if (d->rep) {
		decode_rep(d, op);
		return;
	}
	sz = opsize(d);

	if (op < 0x40 && (op & 7) < 6) {	/* the ALU group */
		const char *name = alu_ops[op >> 3];
		switch (op & 7) {
		case 0: rm_reg(d, name, 8, 0); return;
		case 1: rm_reg(d, name, sz, 0); return;
		case 2: rm_reg(d, name, 8, 1); return;
		case 3: rm_reg(d, name, sz, 1); return;
		case 4: emit(d, "%s al,0x%llx", name, mask(geti(d, 1), 8)); return;
		default: {
			int64_t imm = geti(d, sz == 16 ? 2 : 4);
			emit(d, "%s %s,0x%llx", name, regname(d, 0, sz), mask(imm, sz));
			return;
		}
		}
	}
	if (op >= 0x50 && op <= 0x5f) {
		int r = (op & 7) | ((d->rex & 1) << 3);
		emit(d, "%s %s", op < 0x58 ? "push" : "pop", d->opsize16 ? reg16[r] : reg64[r]);
		return;
	}
	if (op >= 0x70 && op <= 0x7f) {
		char name[8];
		snprintf(name, sizeof name, "j%s", cc[op & 15]);
		branch(d, name, 1);
		return;
	}
	if (op >= 0x91 && op <= 0x97) {
		int r = (op & 7) | ((d->rex & 1) << 3);
		emit(d, "xchg %s,%s", regname(d, r, sz), regname(d, 0, sz));
		return;
	}
	if (op >= 0xb0 && op <= 0xb7) {
		int r = (op & 7) | ((d->rex & 1) << 3);
		emit(d, "mov %s,0x%llx", regname(d, r, 8), mask(geti(d, 1), 8));
		return;
	}
	if (op >= 0xb8 && op <= 0xbf) {
		int r = (op & 7) | ((d->rex & 1) << 3);
		if (sz == 64)
			emit(d, "movabs %s,0x%llx", reg64[r], (unsigned long long)geti(d, 8));
		else
			emit(d, "mov %s,0x%llx", regname(d, r, sz), mask(geti(d, sz / 8), sz));
		return;
	}
	switch (op) {
	case 0x0f: decode_0f(d); return;
	case 0x63:
		if (modrm(d) < 0)
			return;
		emit(d, "movsxd %s,", regname(d, d->reg, sz));
		emit_rm(d, 32);
		return;
	case 0x68: emit(d, "push 0x%llx", mask(geti(d, 4), 64)); return;
	case 0x6a: emit(d, "push 0x%llx", mask(geti(d, 1), 64)); return;
	case 0x69: case 0x6b:
		rm_reg(d, "imul", sz, 1);
		emit(d, ",0x%llx", mask(geti(d, op == 0x6b ? 1 : (sz == 16 ? 2 : 4)), sz));
		return;
	case 0x80: case 0x81: case 0x83: {
		int osz = op == 0x80 ? 8 : sz;
		if (modrm(d) < 0)
			return;
		emit(d, "%s ", alu_ops[d->reg & 7]);
		emit_rm(d, osz);
		int isz = op == 0x81 ? (sz == 16 ? 2 : 4) : 1;
		emit(d, ",0x%llx", mask(geti(d, isz), osz));
		return;
	}
	case 0x84: rm_reg(d, "test", 8, 0); return;
	case 0x85: rm_reg(d, "test", sz, 0); return;
	case 0x86: rm_reg(d, "xchg", 8, 0); return;
	case 0x87: rm_reg(d, "xchg", sz, 0); return;
	case 0x88: rm_reg(d, "mov", 8, 0); return;
	case 0x89: rm_reg(d, "mov", sz, 0); return;
	case 0x8a: rm_reg(d, "mov", 8, 1); return;
	case 0x8b: rm_reg(d, "mov", sz, 1); return;
	case 0x8d:
		if (modrm(d) < 0)
			return;
		if (d->mod == 3) {
			d->err = 1;
			return;
		}
		emit(d, "lea %s,", regname(d, d->reg, sz));
		emit_rm(d, 0);
		return;
	case 0x90:
		if (d->rex & 1)
			emit(d, "xchg %s,%s", regname(d, 8, sz), regname(d, 0, sz));
		else
			emit(d, d->opsize16 ? "xchg ax,ax" : "nop");
		return;
	case 0x98: emit(d, sz == 64 ? "cdqe" : sz == 16 ? "cbw" : "cwde"); return;
	case 0x99: emit(d, sz == 64 ? "cqo" : sz == 16 ? "cwd" : "cdq"); return;
	case 0xa4: case 0xa5: case 0xaa: case 0xab: string_op(d, op); return;
	case 0xa8: emit(d, "test al,0x%llx", mask(geti(d, 1), 8)); return;
	case 0xa9:
		emit(d, "test %s,0x%llx", regname(d, 0, sz), mask(geti(d, sz == 16 ? 2 : 4), sz));
		return;
	case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: {
		int osz = (op & 1) ? sz : 8;
		if (modrm(d) < 0)
			return;
		const char *name = shift_ops[d->reg & 7];
		if (!name) {
			d->err = 1;
			return;
		}
		emit(d, "%s ", name);
		emit_rm(d, osz);
		if (op <= 0xc1)
			emit(d, ",0x%llx", mask(geti(d, 1), 8));
		else if (op <= 0xd1)
			emit(d, ",1");
		else
			emit(d, ",cl");
		return;
	}
	case 0xc2: emit(d, "ret 0x%llx", mask(geti(d, 2), 16)); return;
	case 0xc3: emit(d, "ret"); return;
	case 0xc6: case 0xc7: {
		int osz = op == 0xc6 ? 8 : sz;
		if (modrm(d) < 0)
			return;
		if ((d->reg & 7) != 0) {
			d->err = 1;
			return;
		}
		emit(d, "mov ");
		emit_rm(d, osz);
		emit(d, ",0x%llx", mask(geti(d, osz == 8 ? 1 : osz == 16 ? 2 : 4), osz));
		return;
	}
	case 0xc9: emit(d, "leave"); return;
	case 0xcc: emit(d, "int3"); return;
	case 0xcd: emit(d, "int 0x%llx", mask(geti(d, 1), 8)); return;
	case 0xe8: branch(d, "call", 4); return;
	case 0xe9: branch(d, "jmp", 4); return;
	case 0xeb: branch(d, "jmp", 1); return;
	case 0xf4: emit(d, "hlt"); return;
	case 0xf6: case 0xf7: {
		static const char *const names[8] = {
			"test", NULL, "not", "neg", "mul", "imul", "div", "idiv",
		};
		int osz = op == 0xf6 ? 8 : sz;
		if (modrm(d) < 0)
			return;
		if (!names[d->reg & 7]) {
			d->err = 1;
			return;
		}
		emit(d, "%s ", names[d->reg & 7]);
		emit_rm(d, osz);
		if ((d->reg & 7) == 0)
			emit(d, ",0x%llx", mask(geti(d, osz == 8 ? 1 : osz == 16 ? 2 : 4), osz));
		return;
	}
	case 0xfe: case 0xff: {
		if (modrm(d) < 0)
			return;
		int r = d->reg & 7;
		if (r < 2) {
			emit(d, "%s ", r ? "dec" : "inc");
			emit_rm(d, op == 0xfe ? 8 : sz);
		} else if (op == 0xff && (r == 2 || r == 4 || r == 6)) {
			/* near call/jmp/push: 64-bit operands whatever REX.W says */
			emit(d, "%s ", r == 2 ? "call" : r == 4 ? "jmp" : "push");
			emit_rm(d, d->opsize16 ? 16 : 64);
		} else {
			d->err = 1;
		}
		return;
	}
	default:
		d->err = 1;
	}
}

void
x86dec_decode(const uint8_t *p, size_t n, uint64_t addr, struct x86insn *out)
{
	struct dec d;
	memset(&d, 0, sizeof d);
	d.p = p;
	d.n = n > 15 ? 15 : n;
	d.addr = addr;
	d.out = out->text;
	d.cap = sizeof out->text;
	out->text[0] = 0;
	decode_one(&d);
	if (d.err || d.pos == 0) {
		out->bad = 1;
		out->len = 1;
		snprintf(out->text, sizeof out->text, "(bad)");
		return;
	}
	out->bad = 0;
	out->len = d.pos;
	/* rip-relative: say where it points, as objdump's comment does. */
	char *rip = strstr(out->text, "[rip");
	if (rip) {
		unsigned long long u;
		if (sscanf(rip + 4, "+0x%llx", &u) == 1) {
			size_t l = strlen(out->text);
			snprintf(out->text + l, sizeof out->text - l, "  # 0x%llx",
			    (unsigned long long)(addr + d.pos + u));
		}
	}
}
