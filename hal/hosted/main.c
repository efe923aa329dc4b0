/*
 * main.c - redox-hosted: the whole OS as one Linux process.
 *
 * Sets up the host side (console, timer, signals, disks, the initfs) and
 * starts the core on a boot stack.  See ARCHITECTURE.md, "The hosted
 * backend".
 */
#include <asm/prctl.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

void hosted_signals_init(void);
extern const char hosted_initfs_start[], hosted_initfs_end[];

uint64_t hosted_host_fs;
uint8_t hosted_fsgsbase;	/* 1: rdfsbase/wrfsbase; 0: arch_prctl */
uint64_t hosted_fs_now;		/* without FSGSBASE: the FS base (fsbase.h) */

static uint64_t
fs_base(void)
{
	uint64_t fs = 0;

	if (hosted_fsgsbase)
		__asm__ volatile("rdfsbase %0" : "=r"(fs));
	else if (syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) != 0)
		err(1, "arch_prctl(ARCH_GET_FS)");
	return fs;
}

#ifdef HOSTED_DEFAULT_DISK
#define DEFAULT_DISK_TEXT HOSTED_DEFAULT_DISK
#else
#define DEFAULT_DISK_TEXT "none"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: redox-hosted [options]\n"
	    "Boots the Redox-like OS as a Linux process; the terminal is its console.\n"
	    "  --initfs FILE   boot from this initfs image instead of the built-in one\n"
	    "  --disk FILE     attach a disk image as disk:N (repeatable; N counts from 0);\n"
	    "                  without one, " DEFAULT_DISK_TEXT " if it exists\n"
	    "  --no-disk       attach no disk, not even the default\n"
	    "  --rc FILE       run FILE as init.rc instead of initfs:/etc/init.rc\n"
	    "  --net tap:NAME  a NIC (network:) on the Linux TAP device NAME\n"
	    "  --net pcap:IF   a NIC on the host interface IF through libpcap\n"
	    "  --timeout S     stop the OS after S seconds (exit status 124)\n"
	    "  --cmdline TEXT  options for the core (e.g. \"debug\")\n"
	    "  -h, --help      this text\n"
	    "On a terminal the console is raw; Ctrl-] ends the OS.\n");
}

/* Reads a whole file into memory; NULL (and a message) on error. */
static void *
slurp(const char *what, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "redox-hosted: %s %s: %s\n", what, path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		char *nb = realloc(buf, cap *= 2);
		if (!nb)
			free(buf);
		buf = nb;
	}
	int err = ferror(f);
	fclose(f);
	if (!buf || err) {
		fprintf(stderr, "redox-hosted: %s %s: read error\n", what, path);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static void
arm_timeout(double secs)
{
	struct sigevent sev;
	timer_t t;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	struct itimerspec its;
	memset(&its, 0, sizeof its);
	its.it_value.tv_sec = (time_t)secs;
	its.it_value.tv_nsec = (long)((secs - (double)(time_t)secs) * 1e9);
	if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
		its.it_value.tv_nsec = 1;
	if (timer_create(CLOCK_MONOTONIC, &sev, &t) != 0 ||
	    timer_settime(t, 0, &its, NULL) != 0)
		perror("redox-hosted: --timeout");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "initfs", required_argument, NULL, 'i' },
		{ "disk", required_argument, NULL, 'd' },
		{ "no-disk", no_argument, NULL, 'n' },
		{ "rc", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "net", required_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *initfs_path = NULL, *rc_path = NULL, *cmdline = "", *net = NULL;
	const char *disks[8];
	int ndisks = 0, nodisk = 0;
	double timeout = 0;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': initfs_path = optarg; break;
		case 'r': rc_path = optarg; break;
		case 'c': cmdline = optarg; break;
		case 'n': nodisk = 1; break;
		case 'N': net = optarg; break;
		case 'd':
			if (ndisks == 8) {
				fprintf(stderr, "redox-hosted: at most 8 disks\n");
				return 2;
			}
			disks[ndisks++] = optarg;
			break;
		case 't': {
			char *end;
			timeout = strtod(optarg, &end);
			if (*end || timeout <= 0) {
				fprintf(stderr, "redox-hosted: --timeout wants seconds > 0, not '%s'\n", optarg);
				return 2;
			}
			break;
		}
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "redox-hosted: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	/* Without FSGSBASE every FS write is an arch_prctl call (fsbase.h):
	 * it works, slower where a switch must write one (programs with
	 * TLS; the TCB window spares the rest, thread.c); say so once. */
	hosted_fsgsbase = (getauxval(AT_HWCAP2) & 2) != 0;
	if (!hosted_fsgsbase)
		fprintf(stderr, "redox-hosted: no FSGSBASE on this CPU or kernel: "
		    "the FS base is written through arch_prctl (slower for programs with TLS)\n");

	const void *initfs = hosted_initfs_start;
	size_t initfs_len = (size_t)(hosted_initfs_end - hosted_initfs_start);
	if (initfs_path && !(initfs = slurp("--initfs", initfs_path, &initfs_len)))
		return 1;
	void *rc = NULL;
	size_t rc_len = 0;
	if (rc_path && !(rc = slurp("--rc", rc_path, &rc_len)))
		return 1;
#ifdef HOSTED_DEFAULT_DISK
	/* `make` builds the root file system here; boot from it by default. */
	if (!nodisk && ndisks == 0 && access(HOSTED_DEFAULT_DISK, F_OK) == 0)
		disks[ndisks++] = HOSTED_DEFAULT_DISK;
#endif
	if (!nodisk) {
		for (int i = 0; i < ndisks; i++)
			if (hosted_blk_add(disks[i]) != 0)
				return 1;
	}
	if (net && hosted_nic_add(net) != 0)
		return 1;
	hosted_set_boot(initfs, initfs_len, rc, rc_len, cmdline);
	hosted_set_argv(argv);

	hosted_host_fs = fs_base();
	hosted_fs_now = hosted_host_fs;
	hosted_console_init(1);
	hosted_clock_init();
	hosted_events_init();
	hosted_signals_init();
	hosted_nic_start();
	if (timeout > 0)
		arm_timeout(timeout);

	size_t bsz = 256 * 1024;
	char *bstack = mmap(NULL, bsz, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bstack == MAP_FAILED) {
		perror("redox-hosted: boot stack");
		return 1;
	}
	hosted_boot_enter((uint64_t)(bstack + bsz), core_main);
}
