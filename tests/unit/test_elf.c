/*
 * test_elf.c - the ELF checks (core/elf.c).  A real static-PIE program
 * built with the programs' link line must parse; a small image made here
 * (whose every byte we know) must parse, and each way of breaking it
 * must give -ENOEXEC.
 */
#include "core/abi.h"
#include "core/elf.h"
#include "hal/hal.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The on-disk structures, spelled out (glibc's <elf.h> clashes with
 * core/abi.h's AT_* names). */
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

enum { PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6 };
enum { PF_X = 1, PF_W = 2, PF_R = 4 };

/*
 * The image, 8 KiB of file:
 *   0x0000 ELF header, then 4 program headers at 0x40
 *          PT_PHDR; PT_LOAD r-x [0, 0x1000); PT_LOAD rw- file [0x1000,
 *          0x2000) memory [0x1000, 0x4000); PT_DYNAMIC at 0x1000
 *   0x1000 8 dynamic entries: RELA 0x1100, RELASZ 72, RELAENT 24, NULL...
 *   0x1100 3 R_X86_64_RELATIVE relocations
 *   entry 0x200
 */
#define IMG_LEN 0x2000
#define NPH 4
#define DYN_OFF 0x1000
#define NDYN 8
#define RELA_OFF 0x1100
#define NRELA 3

static uint64_t store[IMG_LEN / 8 + 1];	/* 8-aligned, and one spare word */
static uint8_t *const img = (uint8_t *)store;
static size_t len;

#define EH ((struct ehdr *)img)
#define PH ((struct phdr *)(img + 0x40))
#define DYN ((struct dyn *)(img + DYN_OFF))
#define RELA ((struct rela *)(img + RELA_OFF))

static void
build(void)
{
	memset(store, 0, sizeof store);
	len = IMG_LEN;
	memcpy(EH->ident, "\177ELF", 4);
	EH->ident[4] = 2;	/* ELFCLASS64 */
	EH->ident[5] = 1;	/* little endian */
	EH->ident[6] = 1;	/* EV_CURRENT */
	EH->type = 3;		/* ET_DYN */
	EH->machine = 62;	/* EM_X86_64 */
	EH->version = 1;
	EH->entry = 0x200;
	EH->phoff = 0x40;
	EH->ehsize = 64;
	EH->phentsize = sizeof(struct phdr);
	EH->phnum = NPH;
	PH[0] = (struct phdr){ PT_PHDR, PF_R, 0x40, 0x40, 0x40,
	    NPH * sizeof(struct phdr), NPH * sizeof(struct phdr), 8 };
	PH[1] = (struct phdr){ PT_LOAD, PF_R | PF_X, 0, 0, 0, 0x1000, 0x1000, 0x1000 };
	PH[2] = (struct phdr){ PT_LOAD, PF_R | PF_W, 0x1000, 0x1000, 0x1000,
	    0x1000, 0x3000, 0x1000 };
	PH[3] = (struct phdr){ PT_DYNAMIC, PF_R | PF_W, DYN_OFF, DYN_OFF, DYN_OFF,
	    NDYN * sizeof(struct dyn), NDYN * sizeof(struct dyn), 8 };
	DYN[0] = (struct dyn){ 7, RELA_OFF };			/* DT_RELA */
	DYN[1] = (struct dyn){ 8, NRELA * sizeof(struct rela) };	/* DT_RELASZ */
	DYN[2] = (struct dyn){ 9, sizeof(struct rela) };		/* DT_RELAENT */
	RELA[0] = (struct rela){ 0x1200, 8, 0x500 };
	RELA[1] = (struct rela){ 0x1208, 8, 0x10 };
	RELA[2] = (struct rela){ 0x3ff8, 8, 0x1000 };	/* last word of bss */
}

static int
parse(struct elf_info *e)
{
	return elf_parse(img, len, e);
}

START_TEST(test_good_image)
{
	struct elf_info e;
	build();
	ck_assert_int_eq(parse(&e), 0);
	ck_assert_uint_eq(e.entry, 0x200);
	ck_assert_int_eq(e.nseg, 2);
	ck_assert_uint_eq(e.seg[0].vaddr, 0);
	ck_assert_uint_eq(e.seg[0].filesz, 0x1000);
	ck_assert_int_eq(e.seg[0].prot, HAL_PROT_READ | HAL_PROT_EXEC);
	ck_assert_uint_eq(e.seg[1].vaddr, 0x1000);
	ck_assert_uint_eq(e.seg[1].offset, 0x1000);
	ck_assert_uint_eq(e.seg[1].filesz, 0x1000);
	ck_assert_uint_eq(e.seg[1].memsz, 0x3000);
	ck_assert_int_eq(e.seg[1].prot, HAL_PROT_READ | HAL_PROT_WRITE);
	ck_assert_uint_eq(e.span_lo, 0);
	ck_assert_uint_eq(e.span_hi, 0x4000);
	ck_assert_uint_eq(e.phdr, 0x40);
	ck_assert_uint_eq(e.phnum, NPH);
	ck_assert_uint_eq(e.phent, 56);
	ck_assert_uint_eq(e.rela_off, RELA_OFF);
	ck_assert_uint_eq(e.rela_count, NRELA);
	ck_assert_uint_eq(e.relr_size, 0);
}
END_TEST

START_TEST(test_good_variants)
{
	struct elf_info e;

	/* no PT_PHDR: found through the segment that holds them */
	build();
	PH[0].type = PT_NOTE;
	ck_assert_int_eq(parse(&e), 0);
	ck_assert_uint_eq(e.phdr, 0x40);

	/* no relocations at all */
	build();
	PH[3].type = PT_NOTE;
	ck_assert_int_eq(parse(&e), 0);
	ck_assert_uint_eq(e.rela_count, 0);

	/* RELR instead of RELA */
	build();
	DYN[0] = (struct dyn){ 36, RELA_OFF };	/* DT_RELR */
	DYN[1] = (struct dyn){ 35, 16 };	/* DT_RELRSZ */
	DYN[2] = (struct dyn){ 37, 8 };		/* DT_RELRENT */
	ck_assert_int_eq(parse(&e), 0);
	ck_assert_uint_eq(e.relr_off, RELA_OFF);
	ck_assert_uint_eq(e.relr_size, 16);
	ck_assert_uint_eq(e.rela_count, 0);

	/* segments need not be contiguous: the data moved up, a hole below */
	build();
	PH[2].offset = 0x1000;
	PH[2].vaddr = 0x5000;
	PH[2].memsz = 0x1000;
	PH[3].vaddr = 0x5000;
	DYN[0].val = 0x5100;
	RELA[0].offset = 0x5200;
	RELA[1].offset = 0x5208;
	RELA[2].offset = 0x5ff8;
	ck_assert_int_eq(parse(&e), 0);
	ck_assert_uint_eq(e.span_hi, 0x6000);
	ck_assert_uint_eq(e.rela_off, RELA_OFF);

	/* the entry at the last byte of a segment */
	build();
	EH->entry = 0x3fff;
	ck_assert_int_eq(parse(&e), 0);
}
END_TEST

/* ---- broken images: each must be refused ------------------------------ */

static void m_len0(void) { len = 0; }
static void m_len63(void) { len = 63; }
static void m_mid_phdr(void) { len = 0x40 + 56 + 20; }
static void m_mid_data(void) { len = 0x1800; }
static void m_magic(void) { EH->ident[1] = 'X'; }
static void m_class32(void) { EH->ident[4] = 1; }
static void m_big_endian(void) { EH->ident[5] = 2; }
static void m_ident_version(void) { EH->ident[6] = 0; }
static void m_version(void) { EH->version = 2; }
static void m_machine(void) { EH->machine = 3; /* i386 */ }
static void m_exec(void) { EH->type = 2; }
static void m_rel(void) { EH->type = 1; }
static void m_core(void) { EH->type = 4; }
static void m_phentsize(void) { EH->phentsize = 32; }
static void m_phnum0(void) { EH->phnum = 0; }
static void m_phnum_huge(void) { EH->phnum = 0xffff; }
static void m_phnum_past(void) { EH->phnum = 200; }
static void m_phoff_past(void) { EH->phoff = IMG_LEN; }
static void m_phoff_far(void) { EH->phoff = 0xfffffffffffffff8ull; }
static void m_phoff_odd(void) { EH->phoff = 0x41; }
static void m_load_outside(void) { PH[2].filesz = 0x1001; PH[2].memsz = 0x3000; }
static void m_load_offset_far(void) { PH[2].offset = 0xfffffffffffff000ull; PH[2].vaddr = 0x1000; }
static void m_filesz_gt_memsz(void) { PH[1].memsz = 0x800; }
static void m_memsz0(void) { PH[1].memsz = 0; PH[1].filesz = 0; }
static void m_overlap(void) { PH[1].memsz = 0x1800; }
static void m_unsorted(void) { struct phdr t = PH[1]; PH[1] = PH[2]; PH[2] = t; }
static void m_huge_memsz(void) { PH[2].memsz = (1ull << 30) + 0x1000; }
static void m_memsz_wraps(void) { PH[2].memsz = 0xfffffffffffff000ull; }
static void m_vaddr_huge(void) { PH[2].vaddr = 0x40001000; }
static void m_incongruent(void) { PH[2].vaddr = 0x1800; PH[2].memsz = 0x2000; }
static void m_align(void) { PH[2].align = 0x1800; }
static void m_no_load(void) { PH[1].type = PT_NOTE; PH[2].type = PT_NOTE; }
static void m_entry_past(void) { EH->entry = 0x4000; }
static void m_entry_far(void) { EH->entry = 0x100000; }
static void m_entry_gap(void)
{
	/* a gap [0x800, 0x1000) between the segments; the entry in it */
	PH[1].filesz = PH[1].memsz = 0x800;
	EH->entry = 0x900;
}
static void m_interp(void) { PH[0].type = PT_INTERP; }
static void m_needed(void) { DYN[3] = (struct dyn){ 1, 1 }; }
static void m_dt_rel(void) { DYN[3] = (struct dyn){ 17, RELA_OFF }; }
static void m_dt_relsz(void) { DYN[3] = (struct dyn){ 18, 16 }; }
static void m_jmprel(void) { DYN[3] = (struct dyn){ 23, RELA_OFF }; }
static void m_pltrelsz(void) { DYN[3] = (struct dyn){ 2, 24 }; }
static void m_r64(void) { RELA[1].info = 1; /* R_X86_64_64 */ }
static void m_jump_slot(void) { RELA[1].info = 7; }
static void m_glob_dat(void) { RELA[0].info = 6; }
static void m_rnone(void) { RELA[2].info = 0; }
static void m_rel_sym(void) { RELA[2].info = (5ull << 32) | 1; }
static void m_reloc_past(void) { RELA[2].offset = 0x4000; }
static void m_reloc_straddle(void) { RELA[2].offset = 0x3ffc; }
static void m_reloc_far(void) { RELA[0].offset = 0xfffffffffffffff8ull; }
static void m_addend_neg(void) { RELA[1].addend = -8; }
static void m_addend_past(void) { RELA[1].addend = 0x100000; }
static void m_rela_bss(void) { DYN[0].val = 0x3000; }
static void m_rela_far(void) { DYN[0].val = 0x7fffffff0000ull; }
static void m_relasz_past(void) { DYN[1].val = 0x1000; }
static void m_relaent(void) { DYN[2].val = 16; }
static void m_relasz_odd(void) { DYN[1].val = 70; }
static void m_rela_odd(void) { DYN[0].val = RELA_OFF + 4; DYN[1].val = 24; }
static void m_dyn_past(void) { PH[3].offset = IMG_LEN; }
static void m_dyn_odd(void) { PH[3].offset = DYN_OFF + 4; }
static void m_relrent(void)
{
	DYN[0] = (struct dyn){ 36, RELA_OFF };
	DYN[1] = (struct dyn){ 35, 16 };
	DYN[2] = (struct dyn){ 37, 4 };
}
static void m_relr_outside(void)
{
	DYN[0] = (struct dyn){ 36, 0x3000 };
	DYN[1] = (struct dyn){ 35, 16 };
	DYN[2] = (struct dyn){ 37, 8 };
}

static const struct {
	const char *name;
	void (*mutate)(void);
} bad[] = {
	{ "empty", m_len0 }, { "63 bytes", m_len63 },
	{ "cut mid-phdr", m_mid_phdr }, { "cut mid-data", m_mid_data },
	{ "magic", m_magic }, { "32-bit", m_class32 },
	{ "big endian", m_big_endian }, { "ident version", m_ident_version },
	{ "e_version", m_version }, { "machine", m_machine },
	{ "ET_EXEC", m_exec }, { "ET_REL", m_rel }, { "ET_CORE", m_core },
	{ "phentsize", m_phentsize }, { "phnum 0", m_phnum0 },
	{ "phnum 0xffff", m_phnum_huge }, { "phnum past end", m_phnum_past },
	{ "phoff past end", m_phoff_past }, { "phoff wraps", m_phoff_far },
	{ "phoff misaligned", m_phoff_odd },
	{ "load past file end", m_load_outside },
	{ "load offset wraps", m_load_offset_far },
	{ "filesz > memsz", m_filesz_gt_memsz }, { "memsz 0", m_memsz0 },
	{ "overlapping loads", m_overlap }, { "unsorted loads", m_unsorted },
	{ "memsz > 1 GiB", m_huge_memsz }, { "memsz wraps", m_memsz_wraps },
	{ "vaddr > 1 GiB", m_vaddr_huge },
	{ "vaddr, offset not congruent", m_incongruent },
	{ "align not a power of 2", m_align }, { "no PT_LOAD", m_no_load },
	{ "entry at end", m_entry_past }, { "entry far", m_entry_far },
	{ "entry in a gap between segments", m_entry_gap },
	{ "PT_INTERP", m_interp }, { "DT_NEEDED", m_needed },
	{ "DT_REL", m_dt_rel }, { "DT_RELSZ", m_dt_relsz },
	{ "DT_JMPREL", m_jmprel }, { "DT_PLTRELSZ", m_pltrelsz },
	{ "R_X86_64_64", m_r64 }, { "R_X86_64_JUMP_SLOT", m_jump_slot },
	{ "R_X86_64_GLOB_DAT", m_glob_dat }, { "R_X86_64_NONE", m_rnone },
	{ "R_X86_64_64 with a symbol", m_rel_sym },
	{ "reloc past image", m_reloc_past },
	{ "reloc straddles image end", m_reloc_straddle },
	{ "reloc offset wraps", m_reloc_far },
	{ "negative addend", m_addend_neg }, { "addend past image", m_addend_past },
	{ "DT_RELA in bss", m_rela_bss }, { "DT_RELA far", m_rela_far },
	{ "DT_RELASZ past file", m_relasz_past }, { "DT_RELAENT 16", m_relaent },
	{ "DT_RELASZ not a multiple", m_relasz_odd },
	{ "DT_RELA misaligned", m_rela_odd },
	{ "PT_DYNAMIC past file", m_dyn_past },
	{ "PT_DYNAMIC misaligned", m_dyn_odd },
	{ "DT_RELRENT 4", m_relrent }, { "DT_RELR outside file", m_relr_outside },
};

START_TEST(test_bad_image)
{
	struct elf_info e;
	build();
	bad[_i].mutate();
	int r = parse(&e);
	ck_assert_msg(r == -ENOEXEC, "%s: elf_parse gave %d, want -ENOEXEC",
	    bad[_i].name, r);
}
END_TEST

/* The same bytes one byte off an 8-byte boundary are refused, not read
 * unaligned. */
START_TEST(test_misaligned_buffer)
{
	struct elf_info e;
	build();
	static uint64_t other[IMG_LEN / 8 + 1];
	memcpy((uint8_t *)other + 1, img, IMG_LEN);
	ck_assert_int_eq(elf_parse((uint8_t *)other + 1, IMG_LEN, &e), -ENOEXEC);
}
END_TEST

/* Truncation anywhere before the end of the last file-backed byte must
 * be refused, without reading past the buffer (ASan watches this). */
START_TEST(test_every_truncation)
{
	struct elf_info e;
	build();
	for (size_t n = 0; n < IMG_LEN; n += 8) {
		uint8_t *copy = aligned_alloc(8, n ? n : 8);
		memcpy(copy, img, n);
		int r = elf_parse(copy, n, &e);
		free(copy);
		ck_assert_msg(r == -ENOEXEC, "truncated to %zu: %d", n, r);
	}
}
END_TEST

/* ---- a real program ---------------------------------------------------- */

static uint8_t *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *p = aligned_alloc(8, ((size_t)sz + 7) & ~(size_t)7);
	if (p && fread(p, 1, (size_t)sz, f) != (size_t)sz) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*n = (size_t)sz;
	return p;
}

START_TEST(test_real_program)
{
	size_t n;
	uint8_t *p = slurp(ELF_SAMPLE, &n);
	ck_assert_msg(p != NULL, "cannot read %s", ELF_SAMPLE);
	struct elf_info e;
	ck_assert_int_eq(elf_parse(p, n, &e), 0);
	const struct ehdr *h = (const struct ehdr *)p;
	ck_assert_uint_eq(e.entry, h->entry);
	ck_assert_uint_eq(e.phnum, h->phnum);
	ck_assert_int_ge(e.nseg, 2);
	/* four pointers in `words` and `table` itself: five relocations */
	ck_assert_uint_eq(e.rela_count, 5);
	/* the entry lies in an executable segment */
	int in_exec = 0;
	for (int i = 0; i < e.nseg; i++)
		if (e.entry >= e.seg[i].vaddr &&
		    e.entry < e.seg[i].vaddr + e.seg[i].memsz)
			in_exec = (e.seg[i].prot & HAL_PROT_EXEC) != 0;
	ck_assert(in_exec);
	ck_assert_uint_eq(e.span_lo, 0);
	ck_assert_uint_eq(e.span_hi % HAL_PAGE_SIZE, 0);

	/* and it too is refused when its relocation kind is changed */
	struct rela *r = (struct rela *)(p + e.rela_off);
	r[e.rela_count - 1].info = 1;
	ck_assert_int_eq(elf_parse(p, n, &e), -ENOEXEC);
	free(p);
}
END_TEST

Suite *
elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_good_image);
	tcase_add_test(tc, test_good_variants);
	tcase_add_test(tc, test_misaligned_buffer);
	tcase_add_test(tc, test_every_truncation);
	tcase_add_test(tc, test_real_program);
	suite_add_tcase(s, tc);
	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, test_bad_image, 0, sizeof bad / sizeof bad[0]);
	suite_add_tcase(s, tc);
	return s;
}
