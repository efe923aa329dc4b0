/*
 * test_initfs.c - the boot archive: initfs_check on an image made here
 * and on broken copies of it, initfs_lookup, and the initfs: scheme's
 * read-only ops over it.
 */
#include "core/abi.h"
#include "core/file.h"
#include "core/initfs.h"
#include "core/scheme.h"
#include "core/vfs.h"

#include <check.h>
#include <string.h>

#define NENT 4
#define DATA_OFF 0x2000		/* page-aligned, after header and table */
#define IMG_LEN 0x3000

static uint64_t store[IMG_LEN / 8];
static uint8_t *const img = (uint8_t *)store;
#define HDR ((struct initfs_header *)img)
#define ENT ((struct initfs_entry *)(img + sizeof(struct initfs_header)))

static void
entry(int i, const char *path, uint32_t mode, uint64_t off, const char *data)
{
	struct initfs_entry *e = &ENT[i];
	e->path_len = (uint16_t)strlen(path);
	memcpy(e->path, path, e->path_len);
	e->mode = mode;
	e->uid = 0;
	e->gid = 0;
	e->offset = off;
	e->length = data ? strlen(data) : 0;
	if (data)
		memcpy(img + off, data, e->length);
}

static void
build(void)
{
	memset(store, 0, sizeof store);
	memcpy(HDR->magic, INITFS_MAGIC, 8);
	HDR->count = NENT;
	HDR->size = IMG_LEN;
	entry(0, "bin", MODE_DIR | 0755, 0, NULL);
	entry(1, "bin/init", MODE_FILE | 0755, DATA_OFF, "#!init\n");
	entry(2, "etc", MODE_DIR | 0755, 0, NULL);
	entry(3, "etc/init.rc", MODE_FILE | 0644, DATA_OFF + 0x1000 - 5, "echo\n");
}

START_TEST(test_check_good)
{
	build();
	ck_assert_int_eq(initfs_check(img, IMG_LEN), 0);
	/* an empty archive is fine */
	HDR->count = 0;
	HDR->size = sizeof(struct initfs_header);
	ck_assert_int_eq(initfs_check(img, sizeof(struct initfs_header)), 0);
	/* so is a file whose data ends exactly at the end */
	build();
	ENT[1].offset = IMG_LEN - 1;
	ENT[1].length = 1;
	ck_assert_int_eq(initfs_check(img, IMG_LEN), 0);
}
END_TEST

START_TEST(test_check_bad)
{
	build();
	ck_assert_int_eq(initfs_check(NULL, IMG_LEN), -EINVAL);
	ck_assert_int_eq(initfs_check(img, 0), -EINVAL);
	ck_assert_int_eq(initfs_check(img, sizeof(struct initfs_header) - 1), -EINVAL);
	/* the table does not fit */
	ck_assert_int_eq(initfs_check(img, sizeof(struct initfs_header) +
	    NENT * sizeof(struct initfs_entry) - 1), -EINVAL);
	/* size larger than what we were given */
	ck_assert_int_eq(initfs_check(img, IMG_LEN - 1), -EINVAL);

#define BAD(what, mutation) do { \
	build(); \
	mutation; \
	ck_assert_msg(initfs_check(img, IMG_LEN) == -EINVAL, "%s accepted", what); \
} while (0)
	BAD("bad magic", HDR->magic[7] = '2');
	BAD("count too big", HDR->count = INITFS_MAX_ENTRIES + 1);
	BAD("count past the table", HDR->count = 100);
	BAD("count huge", HDR->count = 0xffffffffu);
	BAD("size past len", HDR->size = IMG_LEN + 1);
	BAD("offset past end", ENT[1].offset = IMG_LEN + 1);
	BAD("data past end", ENT[1].length = IMG_LEN - DATA_OFF + 1);
	BAD("length wraps", ENT[1].length = 0xffffffffffffff00ull);
	BAD("offset wraps", (ENT[1].offset = 0xffffffffffffff00ull, ENT[1].length = 0x200));
	BAD("empty path", ENT[2].path_len = 0);
	BAD("path too long", ENT[2].path_len = INITFS_PATH_MAX);
	BAD("leading slash", ENT[1].path[0] = '/');
	BAD("no type", ENT[1].mode = 0644);
	BAD("symlink type", ENT[1].mode = MODE_SYMLINK | 0644);
	BAD("char device type", ENT[3].mode = MODE_CHR | 0644);
	BAD("fifo type", ENT[3].mode = MODE_FIFO | 0644);
#undef BAD
}
END_TEST

START_TEST(test_lookup)
{
	build();
	const struct initfs_entry *e = initfs_lookup(img, "bin/init", 8);
	ck_assert_ptr_eq(e, &ENT[1]);
	ck_assert_uint_eq(e->length, 7);
	ck_assert(memcmp(img + e->offset, "#!init\n", 7) == 0);
	ck_assert_ptr_eq(initfs_lookup(img, "etc/init.rc", 11), &ENT[3]);
	ck_assert_ptr_eq(initfs_lookup(img, "bin", 3), &ENT[0]);
	ck_assert_ptr_eq(initfs_lookup(img, "bin/initXYZ", 8), &ENT[1]);
	ck_assert_ptr_null(initfs_lookup(img, "bin/ini", 7));
	ck_assert_ptr_null(initfs_lookup(img, "bin/init/", 9));
	ck_assert_ptr_null(initfs_lookup(img, "/bin/init", 9));
	ck_assert_ptr_null(initfs_lookup(img, "nope", 4));
	ck_assert_ptr_null(initfs_lookup(img, "", 0));
}
END_TEST

/* ---- the scheme over it ----------------------------------------------- */

static struct scheme *s;
static const struct cred root;

static struct file *
open_(const char *ref, uint32_t flags, int *err)
{
	uint64_t h;
	*err = s->ops->open(s, ref, strlen(ref), flags, &root, &h);
	return *err ? NULL : file_new(s, h, flags);
}

START_TEST(test_scheme)
{
	build();
	ck_assert_int_eq(initfs_init(img, IMG_LEN, NULL, 0), 0);
	s = scheme_find("initfs", 6);
	ck_assert_ptr_nonnull(s);
	int e;
	char buf[256];

	struct file *f = open_("bin/init", O_RDONLY, &e);
	ck_assert_int_eq(e, 0);
	ck_assert_int_eq(vfs_read(f, buf, 3), 3);
	ck_assert(memcmp(buf, "#!i", 3) == 0);
	ck_assert_int_eq(vfs_read(f, buf, sizeof buf), 4);
	ck_assert(memcmp(buf, "nit\n", 4) == 0);
	ck_assert_int_eq(vfs_read(f, buf, sizeof buf), 0);
	/* pread: at its offset, the position untouched */
	ck_assert_int_eq(vfs_pread(f, buf, 4, 2), 4);
	ck_assert(memcmp(buf, "init", 4) == 0);
	ck_assert_int_eq(vfs_pread(f, buf, sizeof buf, 5), 2);
	ck_assert_int_eq(vfs_pread(f, buf, sizeof buf, 7), 0);
	ck_assert_int_eq(vfs_pwrite(f, buf, 1, 0), -EBADF);
	ck_assert_int_eq(f->pos, 7);
	ck_assert_int_eq(s->ops->seek(s, f, -2, SEEK_END), 5);
	ck_assert_int_eq(s->ops->seek(s, f, -6, SEEK_CUR), -EINVAL);
	struct redox_stat st;
	memset(&st, 0, sizeof st);
	ck_assert_int_eq(s->ops->fstat(s, f, &st), 0);
	ck_assert_uint_eq(st.st_size, 7);
	ck_assert_uint_eq(st.st_mode, MODE_FILE | 0755);
	ck_assert_int_eq(s->ops->fpath(s, f, buf, sizeof buf), 16);
	ck_assert(memcmp(buf, "initfs:/bin/init", 16) == 0);
	file_put(f);

	/* a leading '/' in the reference is the same file */
	f = open_("/bin/init", O_RDONLY, &e);
	ck_assert_int_eq(e, 0);
	ck_assert_int_eq(vfs_read(f, buf, sizeof buf), 7);
	file_put(f);

	ck_assert_ptr_null(open_("nope", O_RDONLY, &e));
	ck_assert_int_eq(e, -ENOENT);
	ck_assert_ptr_null(open_("nope", O_RDWR | O_CREAT, &e));
	ck_assert_int_eq(e, -EROFS);
	ck_assert_ptr_null(open_("bin/init", O_WRONLY, &e));
	ck_assert_int_eq(e, -EROFS);
	ck_assert_ptr_null(open_("bin/init", O_RDONLY | O_DIRECTORY, &e));
	ck_assert_int_eq(e, -ENOTDIR);

	/* the root lists its children, one a line */
	f = open_("", O_RDONLY | O_DIRECTORY, &e);
	ck_assert_int_eq(e, 0);
	memset(buf, 0, sizeof buf);
	ck_assert_int_eq(vfs_read(f, buf, sizeof buf), 8);
	ck_assert_str_eq(buf, "bin\netc\n");
	file_put(f);

	/* getdents: packed records, name and NUL after the header */
	f = open_("etc/", O_RDONLY, &e);
	ck_assert_int_eq(e, 0);
	long n = s->ops->getdents(s, f, buf, sizeof buf);
	ck_assert_int_eq(n, 19 + 8);
	struct redox_dirent d;
	memcpy(&d, buf, sizeof d);
	ck_assert_uint_eq(d.d_reclen, 27);
	ck_assert_uint_eq(d.d_type, DT_REG);
	ck_assert_str_eq(buf + 19, "init.rc");
	ck_assert_int_eq(s->ops->getdents(s, f, buf, sizeof buf), 0);
	file_put(f);
	scheme_put(s);
}
END_TEST

START_TEST(test_rc_override)
{
	build();
	ck_assert_int_eq(initfs_init(img, IMG_LEN, "run me\n", 7), 0);
	s = scheme_find("initfs", 6);
	int e;
	char buf[32];
	struct file *f = open_("etc/init.rc", O_RDONLY, &e);
	ck_assert_int_eq(e, 0);
	ck_assert_int_eq(vfs_read(f, buf, sizeof buf), 7);
	ck_assert(memcmp(buf, "run me\n", 7) == 0);
	file_put(f);
	scheme_put(s);
}
END_TEST

START_TEST(test_invalid_image_is_empty)
{
	build();
	HDR->magic[0] = 'X';
	ck_assert_int_eq(initfs_init(img, IMG_LEN, NULL, 0), 0);
	s = scheme_find("initfs", 6);
	int e;
	ck_assert_ptr_null(open_("bin/init", O_RDONLY, &e));
	ck_assert_int_eq(e, -ENOENT);
	scheme_put(s);
}
END_TEST

Suite *
initfs_suite(void)
{
	Suite *su = suite_create("initfs");
	TCase *tc = tcase_create("image");
	tcase_add_test(tc, test_check_good);
	tcase_add_test(tc, test_check_bad);
	tcase_add_test(tc, test_lookup);
	suite_add_tcase(su, tc);
	tc = tcase_create("scheme");
	tcase_add_test(tc, test_scheme);
	tcase_add_test(tc, test_rc_override);
	tcase_add_test(tc, test_invalid_image_is_empty);
	suite_add_tcase(su, tc);
	return su;
}
