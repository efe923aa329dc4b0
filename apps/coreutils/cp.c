/* cp - copies files; -r copies directories, -f replaces files it cannot
 * open, -p keeps mode and times. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"

struct cp_opts {
	int recursive, force, preserve;
	dev_t top_dev;		/* the first directory this run made, which */
	ino_t top_ino;		/* must not be copied into itself */
	int have_top;
};

static int cp_path(const char *src, const char *dst, struct cp_opts *co);

static void
cp_keep(const char *dst, const struct stat *sb)
{
	struct timespec ts[2] = { sb->st_atim, sb->st_mtim };
	if (chmod(dst, sb->st_mode & 07777) != 0 || utimensat(AT_FDCWD, dst, ts, 0) != 0)
		fprintf(stderr, "cp: preserving attributes of '%s': %s\n", dst, strerror(errno));
}

static int
cp_file(const char *src, const char *dst, const struct stat *sb, const struct cp_opts *co)
{
	struct stat db;
	int in, out, which = 0, e;
	/* Opening the destination truncates it: never when it is the source. */
	if (stat(dst, &db) == 0 && db.st_dev == sb->st_dev && db.st_ino == sb->st_ino) {
		fprintf(stderr, "cp: '%s' and '%s' are the same file\n", src, dst);
		return 1;
	}
	in = open(src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "cp: cannot open '%s' for reading: %s\n", src, strerror(errno));
		return 1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, sb->st_mode & 0777);
	if (out < 0 && co->force && unlink(dst) == 0)
		out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, sb->st_mode & 0777);
	if (out < 0) {
		fprintf(stderr, "cp: cannot create regular file '%s': %s\n", dst, strerror(errno));
		close(in);
		return 1;
	}
	e = cu_copy_fd(in, out, &which);
	close(in);
	if (close(out) != 0 && e == 0)
		e = -errno, which = 1;
	if (e) {
		fprintf(stderr, "cp: %s '%s': %s\n", which ? "error writing" : "error reading",
		    which ? dst : src, strerror(-e));
		return 1;
	}
	if (co->preserve)
		cp_keep(dst, sb);
	return 0;
}

static int
cp_dir(const char *src, const char *dst, const struct stat *sb, struct cp_opts *co)
{
	DIR *d;
	struct dirent *de;
	int status = 0;
	struct stat db;

	if (mkdir(dst, (sb->st_mode & 0777) | 0700) != 0 &&
	    (errno != EEXIST || stat(dst, &db) != 0 || !S_ISDIR(db.st_mode))) {
		fprintf(stderr, "cp: cannot create directory '%s': %s\n", dst, strerror(errno));
		return 1;
	}
	/* The copy may be inside the source (cp -r d d/sub): skip it there. */
	if (stat(dst, &db) != 0) {
		fprintf(stderr, "cp: cannot stat '%s': %s\n", dst, strerror(errno));
		return 1;
	}
	if (!co->have_top) {
		co->top_dev = db.st_dev;
		co->top_ino = db.st_ino;
		co->have_top = 1;
	}
	if ((d = opendir(src)) == NULL) {
		fprintf(stderr, "cp: cannot access '%s': %s\n", src, strerror(errno));
		return 1;
	}
	/* Paths on the heap: a deep tree must not exhaust the stack. */
	char *s = malloc(4096), *t = malloc(4096);
	if (s == NULL || t == NULL) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(ENOMEM));
		free(s);
		free(t);
		closedir(d);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if ((size_t)snprintf(s, 4096, "%s/%s", src, de->d_name) >= 4096 ||
		    (size_t)snprintf(t, 4096, "%s/%s", dst, de->d_name) >= 4096) {
			fprintf(stderr, "cp: '%s/%s': %s\n", src, de->d_name, strerror(ENAMETOOLONG));
			status = 1;
			continue;
		}
		struct stat eb;
		if (lstat(s, &eb) == 0 && eb.st_dev == co->top_dev && eb.st_ino == co->top_ino) {
			fprintf(stderr, "cp: cannot copy a directory, '%s', into itself, '%s'\n", src, dst);
			status = 1;
			continue;
		}
		status |= cp_path(s, t, co);
	}
	free(s);
	free(t);
	closedir(d);
	if (co->preserve)
		cp_keep(dst, sb);
	else if ((sb->st_mode & 0700) != 0700 && chmod(dst, sb->st_mode & 0777) != 0)
		status = 1;
	return status;
}

/* Copies a symbolic link as a link (cp -r). */
static int
cp_link(const char *src, const char *dst)
{
	char *target = malloc(4096);
	ssize_t n = target ? readlink(src, target, 4095) : -1;
	int ok = n >= 0 && (target[n] = 0, symlink(target, dst) == 0);
	if (!ok)
		fprintf(stderr, "cp: cannot copy link '%s': %s\n", src, strerror(target ? errno : ENOMEM));
	free(target);
	return !ok;
}

static int
cp_path(const char *src, const char *dst, struct cp_opts *co)
{
	struct stat sb;
	if (lstat(src, &sb) != 0) {
		fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno));
		return 1;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (!co->recursive) {
			fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src);
			return 1;
		}
		return cp_dir(src, dst, &sb, co);
	}
	if (S_ISLNK(sb.st_mode) && co->recursive)
		return cp_link(src, dst);
	if (S_ISLNK(sb.st_mode) && stat(src, &sb) != 0) {
		fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno));
		return 1;
	}
	return cp_file(src, dst, &sb, co);
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct cp_opts co = { 0 };
	int status = 0, c;

	cu_init("cp", "[-rfp] SOURCE DEST\n   or: cp [-rfp] SOURCE... DIRECTORY\n"
	    "Copy files (-r: directories, -p: keep mode and times).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "rRfpa")) != -1) {
		if (c == 'r' || c == 'R')
			co.recursive = 1;
		else if (c == 'f')
			co.force = 1;
		else if (c == 'p')
			co.preserve = 1;
		else if (c == 'a')
			co.recursive = co.preserve = 1;
	}
	int isdir;
	const char *dest = cu_dest(argc, argv, o.ind, &isdir);
	if (!dest)
		return 1;
	for (int i = o.ind; i < argc - 1; i++) {
		char t[4096];
		cu_target(dest, isdir, argv[i], t, sizeof t);
		co.have_top = 0;
		status |= cp_path(argv[i], t, &co);
	}
	return status;
}
