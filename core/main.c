/*
 * main.c - the core's boot: banner, kernel schemes, then the first
 * process, initfs:/bin/init, and the scheduler.
 */
#include "core/blkdev.h"
#include "core/console.h"
#include "core/envscheme.h"
#include "core/event.h"
#include "core/exec.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/initfs.h"
#include "core/log.h"
#include "core/netscheme.h"
#include "core/pipe.h"
#include "core/proc.h"
#include "core/rootscheme.h"
#include "core/sched.h"
#include "core/str.h"
#include "core/syscall.h"
#include "core/sysfs.h"
#include "core/timescheme.h"
#include "core/version.h"
#include "core/vfs.h"
#include "hal/hal.h"

#define INIT_PATH "initfs:/bin/init"

static void
must(int err, const char *what)
{
	if (err)
		log_panic("boot: %s failed (%d)", what, err);
}

_Noreturn void
core_main(void)
{
	const struct hal_bootinfo *bi = hal_boot_info();

	log_printf("%s %s (%s) - a microkernel OS where everything is a URL\n",
	    OS_NAME, OS_VERSION, bi->backend);
	syscall_trace(str_has_word(bi->cmdline, "trace"));
	sched_init();
	proc_init();
	rootscheme_init();
	must(console_init(), "debug:");
	must(event_init(), "event:");
	must(pipe_init(), "pipe:");
	must(sysfs_init(), "sys:");
	must(timescheme_init(), "time:");
	must(envscheme_init(), "env:");
	must(blkdev_init(), "disk:");
	must(netscheme_init(), "network:");
	must(initfs_init(bi->initfs, bi->initfs_len, bi->rc, bi->rc_len), "initfs:");
	log_printf("core: initfs %zu bytes%s; starting %s\n", bi->initfs_len,
	    bi->rc ? " (init.rc replaced)" : "", INIT_PATH);

	struct exec_args *a = exec_args_simple(INIT_PATH, sizeof INIT_PATH - 1);
	if (!a)
		log_panic("boot: no memory for init");
	struct proc *init = exec_spawn_new(NULL, a);
	struct file *con;
	if (!init)
		log_panic("boot: cannot create init");
	must(vfs_open(STR_LIT("debug:"), O_RDWR, &con), "opening debug: for init");
	for (int fd = 0; fd < 3; fd++)
		must(fd_install(init->fds, fd, con) < 0, "init's fds");
	file_put(con);
	if (exec_spawn_start(NULL, init, 0) < 0)
		log_panic("boot: cannot create init");
	sched_start();
}
