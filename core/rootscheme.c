/* rootscheme.c - ':' : the list of schemes, and registering new ones. */
#include "core/abi.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/scheme.h"
#include "core/textfile.h"
#include "core/uscheme.h"

static struct scheme root;

static int
root_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s;
	scheme_trim(&ref, &len);
	if (flags & O_CREAT)
		return uscheme_create(ref, len, flags, c, handle);
	if (len != 0)
		return -ENOENT;
	struct textbuf t = { 0 };
	size_t need = scheme_list(NULL, 0);
	char *buf = kmem_alloc(need + 1);
	if (!buf)
		return -ENOMEM;
	scheme_list(buf, need + 1);
	text_append(&t, buf, need);
	kmem_free(buf);
	*handle = text_handle(&t);
	return *handle ? 0 : -ENOMEM;
}

/* Files of ':' are listings (text) or daemon ends (user schemes); the
 * low bit of the handle tells them apart. */
static long
root_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	if (uscheme_is_handle(f->handle))
		return uscheme_daemon_read(f, buf, len);
	return text_read(f, buf, len);
}

static long
root_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	if (uscheme_is_handle(f->handle))
		return uscheme_daemon_write(f, buf, len);
	return -EBADF;
}

static int
root_close(struct scheme *s, uint64_t handle)
{
	(void)s;
	if (uscheme_is_handle(handle))
		uscheme_daemon_close(handle);
	else
		text_close(handle);
	return 0;
}

static int
root_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	if (uscheme_is_handle(f->handle)) {
		st->st_mode = MODE_CHR | 0600;
		return 0;
	}
	return text_fstat(f, st, MODE_DIR | 0555);
}

static int
root_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	(void)s;
	if (uscheme_is_handle(f->handle))
		return uscheme_daemon_fevent(f, flags);
	return (int)(flags & EVENT_READ);
}

static int
root_unlink(struct scheme *s, const char *ref, size_t len, const struct cred *c)
{
	(void)s;
	scheme_trim(&ref, &len);
	return uscheme_remove(ref, len, c);
}

static const struct scheme_ops root_ops = {
	.open = root_open,
	.read = root_read,
	.write = root_write,
	.close = root_close,
	.fstat = root_fstat,
	.fevent = root_fevent,
	.unlink = root_unlink,
};

void
rootscheme_init(void)
{
	root.ops = &root_ops;
	root.refs = 1;
	root.registered = true;
}

struct scheme *
rootscheme(void)
{
	return &root;
}

struct scheme *
rootscheme_get(void)
{
	scheme_get(&root);
	return &root;
}
