/*
 * boot.c - boot information, power off, reboot and seed bytes for the
 * hosted HAL.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

static struct hal_bootinfo info = { .backend = "hosted", .cmdline = "" };
static char **boot_argv;	/* main's, for reboot */

void
hosted_set_argv(char **argv)
{
	boot_argv = argv;
}

void
hosted_set_console_echo(bool on)
{
	info.console_echo = on;
}

void
hosted_set_boot(const void *initfs, size_t initfs_len, const void *rc,
    size_t rc_len, const char *cmdline)
{
	info.initfs = initfs;
	info.initfs_len = initfs_len;
	info.rc = rc;
	info.rc_len = rc_len;
	info.cmdline = cmdline ? cmdline : "";
}

const struct hal_bootinfo *
hosted_boot_info(void)
{
	return &info;
}

_Noreturn void
hosted_poweroff(int status)
{
	hosted_console_restore();
	fflush(stdout);
	/* _exit: the core's memory is not the host heap; nothing to tear down. */
	_exit(status);
}

/*
 * A reboot runs redox-hosted again with the arguments it started with:
 * a fresh core, initfs and disks, as firmware would give.  Host fds the
 * core opened (disks) are close-on-exec.
 */
_Noreturn void
hosted_reboot(void)
{
	sigset_t none;

	hosted_console_restore();
	fflush(stdout);
	/* exec keeps the signal mask; the new boot must start with none. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (boot_argv)
		execv("/proc/self/exe", boot_argv);
	fprintf(stderr, "redox-hosted: reboot: cannot run /proc/self/exe again: %s\n",
	    strerror(errno));
	_exit(70);
}

void
hosted_random_seed(void *buf, size_t len)
{
	unsigned char *p = buf;
	while (len > 0) {
		ssize_t n = getrandom(p, len, 0);
		if (n <= 0)
			continue;
		p += n;
		len -= (size_t)n;
	}
}
