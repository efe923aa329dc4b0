/*
 * acpi.c - table lookup without an AML interpreter.
 *
 * \_S5 is found the way small kernels do it: scan the DSDT for the name
 * "_S5_" followed by a package, and take its first two integers as
 * SLP_TYPa/SLP_TYPb.  That covers QEMU's and most firmware's DSDTs.
 */
#include "hal/x86_64/acpi.h"
#include "hal/x86_64/apic.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"

static uint32_t pm1a_cnt, pm1b_cnt, smi_cmd;
static uint8_t acpi_enable_val;
static int s5_ok;
static uint16_t slp_typa, slp_typb;
/* FADT RESET_REG when it is in I/O space (QEMU: 0xcf9, value 6). */
static uint16_t reset_port;
static uint8_t reset_val;

static int
checksum_ok(const uint8_t *p, uint32_t len)
{
	uint8_t s = 0;
	for (uint32_t i = 0; i < len; i++)
		s += p[i];
	return s == 0;
}

static const uint8_t *
find_rsdp(void)
{
	if (x86_rsdp)
		return x86_rsdp;
	/* BIOS: the first KiB of the EBDA, then 0xe0000..0xfffff. */
	uint64_t ebda = (uint64_t)*(uint16_t *)phys_to_virt(0x40e) << 4;
	uint64_t ranges[2][2] = { { ebda, ebda + 1024 }, { 0xe0000, 0x100000 } };
	for (int r = 0; r < 2; r++)
		for (uint64_t a = ranges[r][0]; a + 20 <= ranges[r][1]; a += 16) {
			const uint8_t *p = phys_to_virt(a);
			if (memcmp(p, "RSD PTR ", 8) == 0 && checksum_ok(p, 20))
				return p;
		}
	return NULL;
}

static const uint8_t *
table(uint64_t pa)
{
	if (!pa || pa >= DMAP_BOOT_SIZE)
		return NULL;
	const uint8_t *t = phys_to_virt(pa);
	uint32_t len = *(const uint32_t *)(t + 4);
	return len >= 36 && checksum_ok(t, len) ? t : NULL;
}

static void
parse_madt(const uint8_t *m)
{
	uint32_t len = *(const uint32_t *)(m + 4);
	int have_ioapic = 0;
	for (uint32_t off = 44; off + 2 <= len;) {
		uint8_t type = m[off], elen = m[off + 1];
		if (elen < 2)
			break;
		if (type == 1 && !have_ioapic) {	/* I/O APIC: the first one */
			apic_ioapic_phys = *(const uint32_t *)(m + off + 4);
			apic_ioapic_gsi_base = *(const uint32_t *)(m + off + 8);
			have_ioapic = 1;
		} else if (type == 2) {			/* interrupt source override */
			uint8_t src = m[off + 3];
			if (src < 16) {
				apic_isa_gsi[src] = (int)*(const uint32_t *)(m + off + 4);
				apic_isa_flags[src] = *(const uint16_t *)(m + off + 8);
			}
		}
		off += elen;
	}
}

/* An AML integer at p (ByteConst, WordConst, Zero, One); -1 if none. */
static int
aml_int(const uint8_t *p, const uint8_t **next)
{
	switch (p[0]) {
	case 0x00: *next = p + 1; return 0;
	case 0x01: *next = p + 1; return 1;
	case 0x0a: *next = p + 2; return p[1];
	case 0x0b: *next = p + 3; return p[1] | p[2] << 8;
	default: return -1;
	}
}

static void
parse_dsdt(const uint8_t *d)
{
	uint32_t len = *(const uint32_t *)(d + 4);
	for (uint32_t i = 36; i + 12 < len; i++) {
		if (memcmp(d + i, "_S5_", 4) != 0 || d[i + 4] != 0x12)
			continue;
		const uint8_t *p = d + i + 5;
		p += (*p >> 6) + 1;	/* PkgLength: 1 + (lead >> 6) bytes */
		p++;			/* NumElements */
		int a = aml_int(p, &p);
		int b = a >= 0 ? aml_int(p, &p) : -1;
		if (a >= 0) {
			slp_typa = (uint16_t)a;
			slp_typb = (uint16_t)(b >= 0 ? b : 0);
			s5_ok = 1;
		}
		return;
	}
}

void
acpi_init(void)
{
	const uint8_t *rsdp = find_rsdp();
	if (!rsdp) {
		x86_printf("x86: no ACPI tables; power off will only halt\n");
		return;
	}
	uint64_t root;
	int xsdt = rsdp[15] >= 2 && *(const uint64_t *)(rsdp + 24);
	root = xsdt ? *(const uint64_t *)(rsdp + 24) : *(const uint32_t *)(rsdp + 16);
	const uint8_t *rt = table(root);
	if (!rt)
		return;
	uint32_t n = (*(const uint32_t *)(rt + 4) - 36) / (xsdt ? 8 : 4);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t pa = xsdt ? *(const uint64_t *)(rt + 36 + 8 * i)
		    : *(const uint32_t *)(rt + 36 + 4 * i);
		const uint8_t *t = table(pa);
		if (!t)
			continue;
		if (memcmp(t, "APIC", 4) == 0) {
			parse_madt(t);
		} else if (memcmp(t, "FACP", 4) == 0) {
			uint32_t flen = *(const uint32_t *)(t + 4);
			smi_cmd = *(const uint32_t *)(t + 48);
			acpi_enable_val = t[52];
			pm1a_cnt = *(const uint32_t *)(t + 64);
			pm1b_cnt = *(const uint32_t *)(t + 68);
			uint64_t dsdt = *(const uint32_t *)(t + 40);
			if (flen >= 148 && *(const uint64_t *)(t + 140))
				dsdt = *(const uint64_t *)(t + 140);
			/* Flags bit 10: RESET_REG_SUP; the register is a GAS at
			 * 116 (space 1 = system I/O), its value at 128. */
			if (flen >= 129 && (*(const uint32_t *)(t + 112) & (1u << 10)) &&
			    t[116] == 1 && *(const uint64_t *)(t + 120) <= 0xffff) {
				reset_port = (uint16_t)*(const uint64_t *)(t + 120);
				reset_val = t[128];
			}
			const uint8_t *d = table(dsdt);
			if (d)
				parse_dsdt(d);
		}
	}
	if (!s5_ok || !pm1a_cnt)
		x86_printf("x86: ACPI has no usable \\_S5; power off will only halt\n");
}

void
acpi_poweroff(void)
{
	if (!s5_ok || !pm1a_cnt)
		return;
	/* Not in ACPI mode yet (SCI_EN clear): ask the firmware to switch. */
	if (!(inw((uint16_t)pm1a_cnt) & 1) && smi_cmd && acpi_enable_val) {
		outb((uint16_t)smi_cmd, acpi_enable_val);
		for (int i = 0; i < 1000000 && !(inw((uint16_t)pm1a_cnt) & 1); i++)
			;
	}
	outw((uint16_t)pm1a_cnt, (uint16_t)(slp_typa << 10 | 1 << 13));
	if (pm1b_cnt)
		outw((uint16_t)pm1b_cnt, (uint16_t)(slp_typb << 10 | 1 << 13));
	for (int i = 0; i < 1000000; i++)
		__asm__ volatile("pause");
}

void
acpi_reset(void)
{
	if (!reset_port)
		return;
	outb(reset_port, reset_val);
	for (int i = 0; i < 1000000; i++)
		__asm__ volatile("pause");
}
