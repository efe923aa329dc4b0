/*
 * rxrun PROGRAM [ARGS...]: runs one of our static-PIE programs on Linux.
 *
 * It loads the ELF as core/exec.c will (PT_LOAD segments, then the
 * R_X86_64_RELATIVE relocations), builds the initial stack with argc,
 * argv, envp and auxv (AT_REDOX_SYSCALL = rx_syscall_entry) and jumps in.
 * From then on only shim.c runs on our side, translating each Redox
 * syscall to Linux.  A test bench for libc, not an OS: no schemes, no
 * initfs, paths are host paths ("file:" is stripped).
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
/* AT_* come from <elf.h>; this one is ours (core/abi.h, which clashes
 * with glibc's headers). */
#define AT_REDOX_SYSCALL 0x5c00

void rx_syscall_entry(void);
_Noreturn void rx_start(uintptr_t entry, uintptr_t *sp);
extern char rx_loader_path[4096];

static _Noreturn void die(const char *what, const char *path)
{
	fprintf(stderr, "rxrun: %s: %s\n", path, what);
	exit(127);
}

int main(int argc, char **argv, char **envp)
{
	const char *path;
	unsigned char *img, *base;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
	struct stat st;
	size_t span = 0, i;
	int fd, n, envc = 0, k;
	uintptr_t *sp, *stack;
	char **pargv;
	unsigned char *rnd;
	Elf64_Rela *rela = NULL;
	size_t relasz = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: rxrun PROGRAM [ARGS...]\n");
		return 2;
	}
	/* "rxrun --exec PATH ARGV0 ARGS..." is how shim.c execs: the
	 * program's argv[0] need not be its path */
	path = argv[1];
	pargv = argv + 1;
	if (strcmp(argv[1], "--exec") == 0 && argc >= 4) {
		path = argv[2];
		pargv = argv + 3;
	}
	if (readlink("/proc/self/exe", rx_loader_path, sizeof(rx_loader_path) - 1) < 0)
		die("cannot find myself", "/proc/self/exe");
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0)
		die("cannot open", path);
	img = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (img == MAP_FAILED)
		die("cannot map", path);
	eh = (Elf64_Ehdr *)img;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_type != ET_DYN ||
	    eh->e_machine != EM_X86_64)
		die("not a static PIE for x86_64", path);
	ph = (Elf64_Phdr *)(img + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr + ph[i].p_memsz > span)
			span = ph[i].p_vaddr + ph[i].p_memsz;
	base = mmap(NULL, span, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		die("out of memory", path);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD)
			memcpy(base + ph[i].p_vaddr, img + ph[i].p_offset, ph[i].p_filesz);
		if (ph[i].p_type == PT_INTERP)
			die("has an interpreter", path);
		if (ph[i].p_type == PT_DYNAMIC) {
			Elf64_Dyn *d = (Elf64_Dyn *)(base + ph[i].p_vaddr);
			for (; d->d_tag != DT_NULL; d++) {
				if (d->d_tag == DT_RELA)
					rela = (Elf64_Rela *)(base + d->d_un.d_ptr);
				if (d->d_tag == DT_RELASZ)
					relasz = d->d_un.d_val;
			}
		}
	}
	for (i = 0; rela && i < relasz / sizeof(*rela); i++) {
		if (ELF64_R_TYPE(rela[i].r_info) != R_X86_64_RELATIVE)
			die("has a relocation other than R_X86_64_RELATIVE", path);
		*(uint64_t *)(base + rela[i].r_offset) = (uint64_t)base + (uint64_t)rela[i].r_addend;
	}

	/* the initial stack: argc, argv, NULL, envp, NULL, auxv, AT_NULL */
	stack = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stack == MAP_FAILED)
		die("out of memory", path);
	while (envp[envc])
		envc++;
	for (n = 0; pargv[n]; n++)
		;
	rnd = (unsigned char *)stack;
	for (k = 0; k < 16; k++)
		rnd[k] = (unsigned char)rand();
	sp = (uintptr_t *)((unsigned char *)stack + (8 << 20) - 4096);
	sp -= 1 + n + 1 + envc + 1 + 2 * 12;
	sp = (uintptr_t *)((uintptr_t)sp & ~(uintptr_t)15);
	{
		uintptr_t *p = sp;
		*p++ = (uintptr_t)n;
		for (k = 0; k < n; k++)
			*p++ = (uintptr_t)pargv[k];
		*p++ = 0;
		for (k = 0; k < envc; k++)
			*p++ = (uintptr_t)envp[k];
		*p++ = 0;
		*p++ = AT_PHDR; *p++ = (uintptr_t)base + eh->e_phoff;
		*p++ = AT_PHENT; *p++ = sizeof(Elf64_Phdr);
		*p++ = AT_PHNUM; *p++ = eh->e_phnum;
		*p++ = AT_PAGESZ; *p++ = 4096;
		*p++ = AT_ENTRY; *p++ = (uintptr_t)base + eh->e_entry;
		*p++ = AT_UID; *p++ = getuid();
		*p++ = AT_EUID; *p++ = geteuid();
		*p++ = AT_GID; *p++ = getgid();
		*p++ = AT_EGID; *p++ = getegid();
		*p++ = AT_RANDOM; *p++ = (uintptr_t)rnd;
		*p++ = AT_REDOX_SYSCALL; *p++ = (uintptr_t)rx_syscall_entry;
		*p++ = AT_NULL; *p++ = 0;
	}
	fflush(NULL);
	rx_start((uintptr_t)base + eh->e_entry, sp);
}
