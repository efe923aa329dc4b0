/*
 * boot.c - from start.S to core_main(): multiboot information, boot
 * options, hal_boot_info(), hal_poweroff() and hal_reboot().
 *
 * Both multiboot versions are read into the same tables (RAM ranges,
 * modules, command line), so nothing after this file knows which loader
 * ran.  Modules are recognised by their string's last word: "initfs" and
 * "rc" (the system tests' init.rc, given to the core exactly as hosted
 * --rc gives it); unnamed ones are taken in that order.
 */
#include "hal/hal.h"
#include "hal/x86_64/acpi.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/fbcon.h"
#include "hal/x86_64/cpu.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/kbd.h"
#include "hal/x86_64/ktest.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/pci.h"
#include "hal/x86_64/pmm.h"
#include "hal/x86_64/serial.h"
#include "hal/x86_64/time.h"
#include "hal/x86_64/vmm.h"

#define MB2_BOOT_MAGIC 0x36d76289
#define MB1_BOOT_MAGIC 0x2badb002

struct x86_bootopts x86_opts;
struct x86_range x86_ram[X86_MAX_RAM];
unsigned x86_nram;
struct x86_range x86_reserved[X86_MAX_RESERVED];
unsigned x86_nreserved;
const void *x86_rsdp;

static char cmdline[512];
static uint8_t rsdp_copy[64];
static struct hal_bootinfo info = { .backend = "x86_64", .cmdline = cmdline };

struct module {
	uint64_t start, end;
	const char *name;
};

static void
add_ram(uint64_t base, uint64_t len, uint32_t type)
{
	if (type != 1 || len == 0 || x86_nram == X86_MAX_RAM)
		return;
	x86_ram[x86_nram].start = base;
	x86_ram[x86_nram].end = base + len;
	x86_nram++;
}

static void
set_cmdline(const char *s)
{
	size_t n = x86_strlen(s);
	if (n >= sizeof cmdline)
		n = sizeof cmdline - 1;
	memcpy(cmdline, s, n);
	cmdline[n] = 0;
}

/* The word after the last space, e.g. "/boot/initfs.img initfs" -> "initfs". */
static const char *
last_word(const char *s)
{
	const char *w = s;
	for (const char *p = s; *p; p++)
		if (*p == ' ' && p[1])
			w = p + 1;
	return w;
}

static void
take_modules(struct module *m, unsigned n)
{
	int have_initfs = 0, have_rc = 0;
	for (unsigned i = 0; i < n; i++) {
		const char *w = last_word(m[i].name);
		int is_rc = x86_strncmp(w, "rc", 3) == 0;
		int is_initfs = x86_strncmp(w, "initfs", 7) == 0;
		if (!is_rc && !is_initfs) {
			is_initfs = !have_initfs;
			is_rc = !is_initfs && !have_rc;
		}
		const void *p = phys_to_virt(m[i].start);
		size_t len = (size_t)(m[i].end - m[i].start);
		if (is_initfs && !have_initfs) {
			info.initfs = p;
			info.initfs_len = len;
			have_initfs = 1;
		} else if (is_rc && !have_rc) {
			info.rc = p;
			info.rc_len = len;
			have_rc = 1;
		}
		if (x86_nreserved < X86_MAX_RESERVED) {
			x86_reserved[x86_nreserved].start = m[i].start;
			x86_reserved[x86_nreserved].end = m[i].end;
			x86_nreserved++;
		}
	}
}

static void
parse_mb2(uint64_t pa)
{
	uint8_t *base = phys_to_virt(pa);
	uint32_t total = *(uint32_t *)base;
	struct module mods[8];
	unsigned nmods = 0;

	for (uint32_t off = 8; off + 8 <= total;) {
		uint32_t type = *(uint32_t *)(base + off);
		uint32_t size = *(uint32_t *)(base + off + 4);
		uint8_t *tag = base + off;
		if (type == 0)
			break;
		switch (type) {
		case 1:
			set_cmdline((const char *)tag + 8);
			break;
		case 3:
			if (nmods < 8) {
				mods[nmods].start = *(uint32_t *)(tag + 8);
				mods[nmods].end = *(uint32_t *)(tag + 12);
				mods[nmods].name = (const char *)tag + 16;
				nmods++;
			}
			break;
		case 6: {
			uint32_t esz = *(uint32_t *)(tag + 8);
			for (uint32_t e = 16; e + esz <= size; e += esz)
				add_ram(*(uint64_t *)(tag + e), *(uint64_t *)(tag + e + 8),
				    *(uint32_t *)(tag + e + 16));
			break;
		}
		case 8:
			fbcon_init(*(uint64_t *)(tag + 8), *(uint32_t *)(tag + 16),
			    *(uint32_t *)(tag + 20), *(uint32_t *)(tag + 24),
			    tag[28], tag[29]);
			break;
		case 14:
		case 15:
			/* Prefer the ACPI 2.0 copy (15) when both are there. */
			if (!x86_rsdp || type == 15) {
				uint32_t n = size - 8 < sizeof rsdp_copy ? size - 8 : sizeof rsdp_copy;
				memcpy(rsdp_copy, tag + 8, n);
				x86_rsdp = rsdp_copy;
			}
			break;
		}
		off += (size + 7) & ~7u;
	}
	take_modules(mods, nmods);
}

static void
parse_mb1(uint64_t pa)
{
	uint8_t *mbi = phys_to_virt(pa);
	uint32_t flags = *(uint32_t *)mbi;
	struct module mods[8];
	unsigned nmods = 0;

	if (flags & (1u << 2)) {
		/* Multiboot1 loaders put the kernel's path first; the core wants options. */
		const char *c = phys_to_virt(*(uint32_t *)(mbi + 16));
		while (*c && *c != ' ')
			c++;
		while (*c == ' ')
			c++;
		set_cmdline(c);
	}
	if (flags & (1u << 3)) {
		uint32_t count = *(uint32_t *)(mbi + 20);
		uint32_t *m = phys_to_virt(*(uint32_t *)(mbi + 24));
		for (uint32_t i = 0; i < count && nmods < 8; i++, m += 4) {
			mods[nmods].start = m[0];
			mods[nmods].end = m[1];
			mods[nmods].name = m[2] ? phys_to_virt(m[2]) : "";
			nmods++;
		}
	}
	if (flags & (1u << 6)) {
		uint32_t len = *(uint32_t *)(mbi + 44);
		uint8_t *e = phys_to_virt(*(uint32_t *)(mbi + 48));
		for (uint8_t *end = e + len; e < end; e += *(uint32_t *)e + 4)
			add_ram(*(uint64_t *)(e + 4), *(uint64_t *)(e + 12), *(uint32_t *)(e + 20));
	}
	take_modules(mods, nmods);
}

static void
parse_options(void)
{
	const char *p = cmdline;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		if (n == 4 && x86_strncmp(w, "test", 4) == 0)
			x86_opts.test = 1;
		else if (n == 5 && x86_strncmp(w, "ktest", 5) == 0)
			x86_opts.ktest = 1;
		else if (n == 11 && x86_strncmp(w, "ktest-input", 11) == 0)
			x86_opts.ktest_input = 1;
		else if (n == 6 && x86_strncmp(w, "kfault", 6) == 0)
			x86_opts.kfault = 1;
	}
}

_Noreturn void
x86_main(uint32_t magic, uint32_t mbinfo)
{
	serial_init();
	cpu_init();
	if (magic == MB2_BOOT_MAGIC)
		parse_mb2(mbinfo);
	else if (magic == MB1_BOOT_MAGIC)
		parse_mb1(mbinfo);
	else
		x86_panic("not started by a multiboot loader (eax %x)", magic);
	parse_options();
	serial_eot_ends_input = x86_opts.test;
	/* A person at the serial console, unless a test script drives it. */
	info.console_echo = !x86_opts.test;
	x86_printf("x86: multiboot%d, cmdline \"%s\", %s%s%s%s%s\n",
	    magic == MB2_BOOT_MAGIC ? 2 : 1, cmdline,
	    x86_cpu.xsave ? "xsave" : "fxsave", x86_cpu.smep ? " smep" : "",
	    x86_cpu.smap ? " smap" : "", x86_cpu.rdrand ? " rdrand" : "",
	    x86_cpu.rdseed ? " rdseed" : "");
	pmm_init();
	vmm_init();
	acpi_init();
	time_init();
	serial_enable_irq();
	kbd_init();
	pci_init();
	if (x86_opts.kfault)
		ktest_kernel_fault();
	if (x86_opts.ktest)
		ktest_run();
	core_main();
}

const struct hal_bootinfo *
hal_boot_info(void)
{
	return &info;
}

_Noreturn void
hal_poweroff(int status)
{
	__asm__ volatile("cli");
	/* isa-debug-exit: QEMU exits with (status << 1) | 1. Tests only. */
	if (x86_opts.test)
		outb(0xf4, (uint8_t)status);
	acpi_poweroff();
	x86_printf("x86: power off failed (status %d); halting\n", status);
	for (;;)
		__asm__ volatile("hlt");
}

_Noreturn void
hal_reboot(void)
{
	__asm__ volatile("cli");
	x86_printf("x86: rebooting\n");
	acpi_reset();
	/* The keyboard controller's reset line: wait for its input buffer,
	 * then pulse it (command 0xfe). */
	for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
		;
	outb(0x64, 0xfe);
	for (int i = 0; i < 1000000; i++)
		__asm__ volatile("pause");
	/* Last resort: a fault with no IDT is a triple fault, which resets. */
	static const struct { uint16_t limit; uint64_t base; } __attribute__((packed)) none = { 0, 0 };
	__asm__ volatile("lidt %0; int3" : : "m"(none));
	for (;;)
		__asm__ volatile("hlt");
}
