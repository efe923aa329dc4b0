/*
 * sysfs.c - sys:.  Each file's text is made when it is opened:
 *   context  the process table      scheme   registered schemes
 *   uname    five lines, as Redox    log      the kernel log (for dmesg)
 *   meminfo  page and heap counts    cpu      processor count
 *   kstop    root writes "shutdown" (power off) or "reset" (reboot); the
 *            machine stops at once, so init ends everything first
 */
#include "core/abi.h"
#include "core/cputime.h"
#include "core/file.h"
#include "core/fmt.h"
#include "core/kmem.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/str.h"
#include "core/textfile.h"
#include "core/version.h"
#include "core/vm.h"
#include "hal/hal.h"

static const char *const names[] = { "context", "cpu", "kstop", "log", "meminfo", "scheme",
	"uname" };

/* The handle of a kstop opened for writing: text handles are pointers,
 * never 1. */
#define KSTOP_HANDLE 1

static char
state_letter(struct proc *p)
{
	if (p->state == P_ZOMBIE)
		return 'Z';
	if (p->stopped)
		return 'T';
	struct list *l;
	list_for_each(l, &p->threads) {
		struct thread *t = list_entry(l, struct thread, proc_link);
		if (t->state == T_RUNNING || t->state == T_RUNNABLE)
			return 'R';
	}
	return 'S';
}

static void
gen_context(struct textbuf *t)
{
	text_printf(t, "%-6s%-6s%-6s%-6s%-6s%-6s%-6s%-6s%-6s%-8s%-9s%s\n", "PID", "PGID",
	    "PPID", "RUID", "RGID", "EUID", "EGID", "STAT", "THR", "MEM", "TIME", "NAME");
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p)) {
		size_t kb = p->vm ? p->vm->pages * 4 : 0;
		char mem[16], cpu[24];
		fmt_format(mem, sizeof mem, "%zuK", kb);
		/* CPU seconds, user and system together (cputime.c). */
		uint64_t user, sys;
		cputime_proc(p, &user, &sys);
		uint64_t cs = (user + sys) / 10000000u;
		fmt_format(cpu, sizeof cpu, "%llu.%02llu", (unsigned long long)(cs / 100),
		    (unsigned long long)(cs % 100));
		text_printf(t, "%-6d%-6d%-6d%-6u%-6u%-6u%-6u%-6c%-6d%-8s%-9s%s\n", p->pid,
		    p->pgid, p->ppid, p->uid, p->gid, p->euid, p->egid, state_letter(p),
		    p->nthreads, mem, cpu, p->name);
	}
}

static void
gen(struct textbuf *t, const char *name, size_t len)
{
	if (str_eqn(name, len, "context")) {
		gen_context(t);
	} else if (str_eqn(name, len, "scheme")) {
		char buf[2048];
		size_t n = scheme_list(buf, sizeof buf);
		text_append(t, buf, n < sizeof buf ? n : sizeof buf);
	} else if (str_eqn(name, len, "uname")) {
		text_printf(t, "%s\n\n%s\n\n%s\n", OS_NAME, OS_VERSION,
		    str_eq(hal_boot_info()->backend, "hosted") ? "x86_64-hosted" : "x86_64");
	} else if (str_eqn(name, len, "log")) {
		size_t n = log_size();
		char *buf = kmem_alloc(n + 1);
		if (buf) {
			log_read(0, buf, n);
			text_append(t, buf, n);
			kmem_free(buf);
		}
	} else if (str_eqn(name, len, "meminfo")) {
		size_t total, used;
		hal_page_counts(&total, &used);
		text_printf(t, "Pages: %zu\nPagesUsed: %zu\nPagesFree: %zu\nKernelHeap: %zu\nProcesses: %d\n"
		    "UserPages: %zu\n", total, used, total - used, kmem_in_use(), proc_count(),
		    vm_committed());
	} else if (str_eqn(name, len, "cpu")) {
		text_printf(t, "CPUs: 1\n");
	}
}

static int
sys_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s;
	struct textbuf t = { 0 };
	scheme_trim(&ref, &len);
	if ((flags & O_WRONLY) && !(flags & O_CREAT) && str_eqn(ref, len, "kstop")) {
		if (c->uid != 0)
			return -EACCES;
		*handle = KSTOP_HANDLE;
		return 0;
	}
	if (flags & (O_WRONLY | O_CREAT))
		return -EACCES;
	if (len == 0) {
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			text_printf(&t, "%s\n", names[i]);
	} else {
		size_t i;
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (str_eqn(ref, len, names[i]))
				break;
		if (i == sizeof names / sizeof names[0])
			return -ENOENT;
		gen(&t, ref, len);
	}
	text_append(&t, "", 0);
	*handle = text_handle(&t);
	return *handle ? 0 : -ENOMEM;
}

static long
sys_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	if (f->handle == KSTOP_HANDLE)
		return -EBADF;
	return text_read(f, buf, len);
}

/* kstop: the one writable file. */
static long
sys_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	if (f->handle != KSTOP_HANDLE)
		return -EBADF;
	const char *p = buf;
	size_t n = len;
	while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' '))
		n--;
	if (str_eqn(p, n, "shutdown")) {
		log_printf("kstop: power off\n");
		hal_poweroff(0);
	}
	if (str_eqn(p, n, "reset")) {
		log_printf("kstop: reboot\n");
		hal_reboot();
	}
	return -EINVAL;
}

static long
sys_pread(struct scheme *s, struct file *f, void *buf, size_t len, uint64_t off)
{
	(void)s;
	if (f->handle == KSTOP_HANDLE)
		return -EBADF;
	return text_pread(f, buf, len, off);
}

static long
sys_seek(struct scheme *s, struct file *f, int64_t off, int whence)
{
	(void)s;
	if (f->handle == KSTOP_HANDLE)
		return -ESPIPE;
	return text_seek(f, off, whence);
}

static int
sys_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	if (f->handle == KSTOP_HANDLE) {
		*st = (struct redox_stat){ .st_mode = MODE_FILE | 0200 };
		return 0;
	}
	return text_fstat(f, st, MODE_FILE | 0444);
}

static int
sys_close(struct scheme *s, uint64_t handle)
{
	(void)s;
	if (handle != KSTOP_HANDLE)
		text_close(handle);
	return 0;
}

static const struct scheme_ops sys_ops = {
	.open = sys_open, .read = sys_read, .write = sys_write, .pread = sys_pread, .seek = sys_seek,
	.fstat = sys_fstat, .close = sys_close,
};

int
sysfs_init(void)
{
	return scheme_register(STR_LIT("sys"), &sys_ops, NULL, NULL);
}
