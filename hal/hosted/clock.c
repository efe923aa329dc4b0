/*
 * clock.c - hal_clock_ns and hal_wallclock_ns without a thunk.
 *
 * The scheduler reads the clock on most scheme round trips.  Through a
 * thunk each read would cost an FS swap, which without FSGSBASE is an
 * arch_prctl (two, counting the way back).  The kernel's vDSO
 * clock_gettime needs no TLS and no glibc, so hal_clock_ns calls it
 * directly on whatever FS is installed; if the vDSO lacks it, a raw
 * clock_gettime system call does the same.  Neither touches %fs, and
 * this file is built without a stack protector or sanitizer
 * instrumentation for that reason (mk/hosted.mk).
 */
#include <elf.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"

typedef int (*vdso_gettime)(clockid_t, struct timespec *);

static vdso_gettime vdso_fn;
static uint64_t boot_ns;

/* The vDSO's own symbol table, read through its section headers. */
static vdso_gettime
vdso_lookup(const char *want)
{
	const unsigned char *base = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
	if (!base || memcmp(base, ELFMAG, SELFMAG) != 0 || base[EI_CLASS] != ELFCLASS64)
		return NULL;
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	uintptr_t load = 0;
	int have_load = 0;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && !have_load) {
			load = ph[i].p_vaddr;
			have_load = 1;
		}
	if (!have_load || !eh->e_shoff)
		return NULL;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(base + eh->e_shoff);
	for (int i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh->e_shnum ||
		    sh[i].sh_entsize != sizeof(Elf64_Sym))
			continue;
		const Elf64_Sym *sym = (const Elf64_Sym *)(base + sh[i].sh_offset);
		const char *str = (const char *)(base + sh[sh[i].sh_link].sh_offset);
		size_t n = sh[i].sh_size / sizeof(Elf64_Sym);
		for (size_t j = 0; j < n; j++)
			if (sym[j].st_value && ELF64_ST_TYPE(sym[j].st_info) == STT_FUNC &&
			    strcmp(str + sym[j].st_name, want) == 0)
				return (vdso_gettime)(uintptr_t)(base + sym[j].st_value - load);
	}
	return NULL;
}

static uint64_t
clock_read(clockid_t id)
{
	struct timespec ts;
	if (!vdso_fn || vdso_fn(id, &ts) != 0)
		(void)hosted_rawsys3(SYS_clock_gettime, id, &ts, 0);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t
mono_ns(void)
{
	return clock_read(CLOCK_MONOTONIC);
}

void
hosted_clock_init(void)
{
	vdso_fn = vdso_lookup("__vdso_clock_gettime");
	boot_ns = mono_ns();
}

/* The host's CLOCK_MONOTONIC at boot: hal_clock_ns's zero. */
uint64_t
hosted_clock_boot(void)
{
	return boot_ns;
}

uint64_t
hal_clock_ns(void)
{
	return mono_ns() - boot_ns;
}

/* The time: scheme and file times read it on most file operations. */
uint64_t
hal_wallclock_ns(void)
{
	return clock_read(CLOCK_REALTIME);
}
