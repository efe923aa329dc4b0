/*
 * elf_sample - a program for the ELF parser's tests, never run.  The
 * table of pointers in writable data makes the linker emit
 * R_X86_64_RELATIVE relocations, as every program of ours has.
 */
static const char *words[] = { "zero", "one", "two", "three" };
const char **table = words;

void
_start(void)
{
	for (;;)
		__asm__ volatile("" : : "r"(table[0]));
}
