/*
 * envscheme.c - env:, the calling process's environment as it was given
 * at spawn or exec: env: lists KEY=VALUE lines, env:KEY reads a value.
 */
#include "core/abi.h"
#include "core/file.h"
#include "core/proc.h"
#include "core/envscheme.h"
#include "core/scheme.h"
#include "core/str.h"
#include "core/textfile.h"

static int
env_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)c;
	struct proc *p = proc_current();
	struct textbuf t = { 0 };
	bool found = len == 0;
	if (flags & (O_WRONLY | O_CREAT))
		return -EROFS;
	scheme_trim(&ref, &len);
	for (int i = 0; p && p->env && p->env[i]; i++) {
		const char *e = p->env[i];
		size_t n = str_len(e);
		if (len == 0) {
			text_append(&t, e, n);
			text_append(&t, "\n", 1);
		} else if (n > len && e[len] == '=' && memcmp(e, ref, len) == 0) {
			text_append(&t, e + len + 1, n - len - 1);
			found = true;
			break;
		}
	}
	if (!found) {
		text_close(text_handle(&t));
		return -ENOENT;
	}
	text_append(&t, "", 0);
	*handle = text_handle(&t);
	return *handle ? 0 : -ENOMEM;
}

static long
env_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	return text_read(f, buf, len);
}

static long
env_pread(struct scheme *s, struct file *f, void *buf, size_t len, uint64_t off)
{
	(void)s;
	return text_pread(f, buf, len, off);
}

static int
env_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	return text_fstat(f, st, MODE_FILE | 0444);
}

static int
env_close(struct scheme *s, uint64_t h)
{
	(void)s;
	text_close(h);
	return 0;
}

static const struct scheme_ops env_ops = {
	.open = env_open, .read = env_read, .pread = env_pread, .fstat = env_fstat, .close = env_close,
};

int
envscheme_init(void)
{
	return scheme_register(STR_LIT("env"), &env_ops, NULL, NULL);
}
