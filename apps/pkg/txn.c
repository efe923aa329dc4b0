/* Install and remove transactions, and recovery from interrupted ones. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/pkg/txn.h"

/* ROOT/var/lib/pkg/NAME.SUFFIX */
static int
journal_path(const struct db *db, const char *name, const char *suffix,
    char *out, size_t outlen)
{
	char rel[200];

	snprintf(rel, sizeof rel, "%s/%s.%s", DB_DIR, name, suffix);
	return db_path(db, rel, out, outlen);
}

/* The temporary next to ROOT/path: ROOT/DIR/.pkgnew.BASE */
static int
temp_path(const struct db *db, const char *path, char *out, size_t outlen)
{
	const char *slash = strrchr(path, '/');
	int n;

	if (slash == NULL)
		n = snprintf(out, outlen, "%s/.pkgnew.%s", db->root, path);
	else
		n = snprintf(out, outlen, "%s/%.*s/.pkgnew.%s", db->root,
		    (int)(slash - path), path, slash + 1);
	return n < 0 || (size_t)n >= outlen ? -ENAMETOOLONG : 0;
}

/* The progress bar: drawn on stderr when it is a terminal and the
 * install is long enough to watch (PROGRESS_MIN bytes). */
#define PROGRESS_MIN (64 * 1024)
#define CHUNK (64 * 1024)

struct bar {
	const char *name;
	uint64_t done, total;
	int show;
};

static void
bar_draw(const struct bar *b)
{
	char cells[31];
	int fill = b->total ? (int)(b->done * 30 / b->total) : 30, i;

	if (!b->show)
		return;
	for (i = 0; i < 30; i++)
		cells[i] = i < fill ? '#' : '.';
	cells[30] = '\0';
	fprintf(stderr, "\r%-16.16s [%s] %3d%%", b->name, cells,
	    b->total ? (int)(b->done * 100 / b->total) : 100);
}

/* Writes len bytes in chunks, moving the bar (if any) as it goes. */
static int
write_all(int fd, const void *buf, size_t len, struct bar *b)
{
	const uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len < CHUNK ? len : CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (size_t)n;
		if (b != NULL) {
			b->done += (uint64_t)n;
			bar_draw(b);
		}
	}
	return 0;
}

/* Creates path with mode and data, synced. */
static int
write_file(const char *path, unsigned mode, const void *data, size_t len,
    struct bar *b)
{
	int fd, r;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -errno;
	r = write_all(fd, data, len, b);
	if (r == 0 && fchmod(fd, mode) != 0)
		r = -errno;
	if (r == 0 && fsync(fd) != 0)
		r = -errno;
	if (close(fd) != 0 && r == 0)
		r = -errno;
	if (r != 0)
		unlink(path);
	return r;
}

/* Writes journal NAME.suffix holding text, through NAME.tmp. */
static int
journal_write(const struct db *db, const char *name, const char *suffix,
    const char *text, size_t len)
{
	char tmp[1024], path[1024];
	int r;

	if ((r = journal_path(db, name, "tmp", tmp, sizeof tmp)) != 0 ||
	    (r = journal_path(db, name, suffix, path, sizeof path)) != 0 ||
	    (r = write_file(tmp, 0644, text, len, NULL)) != 0)
		return r;
	if (rename(tmp, path) != 0) {
		r = -errno;
		unlink(tmp);
	}
	return r;
}

static int
journal_move(const struct db *db, const char *name, const char *from,
    const char *to)
{
	char a[1024], b[1024];

	if (journal_path(db, name, from, a, sizeof a) != 0 ||
	    journal_path(db, name, to, b, sizeof b) != 0)
		return -ENAMETOOLONG;
	return rename(a, b) == 0 ? 0 : -errno;
}

/* mkdir -p for the parents of ROOT/path (mode 0755). */
static int
make_parents(const struct db *db, const char *path)
{
	char full[2048];
	size_t skip = strlen(db->root) + 1;
	char *p;

	if (db_path(db, path, full, sizeof full) != 0)
		return -ENAMETOOLONG;
	for (p = full + skip; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(full, 0755) != 0 && errno != EEXIST) {
			int e = errno;
			struct stat st;
			/* A symbolic link to a directory (usr/bin) will do. */
			if (stat(full, &st) != 0 || !S_ISDIR(st.st_mode)) {
				*p = '/';
				return -e;
			}
		}
		*p = '/';
	}
	return 0;
}

/* Removes the now empty directories above ROOT/path, deepest first; the
 * first two levels (usr, usr/share) are never removed. */
static void
prune_parents(const struct db *db, const char *path)
{
	char rel[2048], full[2100];
	char *slash;

	snprintf(rel, sizeof rel, "%s", path);
	while ((slash = strrchr(rel, '/')) != NULL) {
		*slash = '\0';
		if (strchr(rel, '/') == NULL)
			break;
		if (db_path(db, rel, full, sizeof full) != 0 || rmdir(full) != 0)
			break;
	}
}

/* Test hook: PKG_TEST_KILL=temp:N or rename:N ends pkg with SIGKILL
 * after N files of that step, as a power cut or `kill -9` would. */
static void
test_kill(const char *step, size_t done, int midline)
{
	const char *v = getenv("PKG_TEST_KILL");
	size_t n = strlen(step);

	if (v == NULL || strncmp(v, step, n) != 0 || v[n] != ':' ||
	    (size_t)atol(v + n + 1) != done)
		return;
	fprintf(stderr, "%spkg: PKG_TEST_KILL: stopping after %zu files (%s)\n",
	    midline ? "\n" : "", done, step);
	kill(getpid(), SIGKILL);
	_exit(137);
}

/* Undo: removes the temporaries of m and its empty new directories. */
static void
drop_temps(const struct db *db, const struct manifest *m)
{
	char tmp[2048];
	size_t i;

	for (i = 0; i < m->nfiles; i++)
		if (temp_path(db, m->files[i].path, tmp, sizeof tmp) == 0 &&
		    unlink(tmp) == 0)
			prune_parents(db, m->files[i].path);
}

/* Roll forward: temporaries into place, then the old version's files
 * the new one does not have, then NAME.commit becomes NAME.manifest. */
static int
commit(struct db *db, const struct manifest *m, const struct manifest *old)
{
	char tmp[2048], dst[2048];
	size_t i;
	int r;

	for (i = 0; i < m->nfiles; i++) {
		if ((r = temp_path(db, m->files[i].path, tmp, sizeof tmp)) != 0 ||
		    (r = db_path(db, m->files[i].path, dst, sizeof dst)) != 0)
			return r;
		if (rename(tmp, dst) != 0 && errno != ENOENT) {
			r = -errno;
			fprintf(stderr, "pkg: %s: %s\n", dst, strerror(errno));
			return r;
		}
		test_kill("rename", i + 1, 0);
	}
	for (i = 0; old != NULL && i < old->nfiles; i++) {
		if (manifest_find(m, old->files[i].path) != NULL)
			continue;
		if (db_path(db, old->files[i].path, dst, sizeof dst) == 0 &&
		    unlink(dst) == 0)
			prune_parents(db, old->files[i].path);
	}
	return journal_move(db, m->name, "commit", "manifest");
}

int
txn_install(struct db *db, struct pkgfile *p, int show)
{
	const struct manifest *m = &p->m, *old;
	char dir[1024], tmp[2048];
	struct bar bar = { m->name, 0, 0, 0 };
	size_t i;
	int r;

	if ((r = db_path(db, DB_DIR, dir, sizeof dir)) != 0 ||
	    (r = make_parents(db, DB_DIR "/x")) != 0) {
		fprintf(stderr, "pkg: %s: %s\n", dir, strerror(-r));
		return r;
	}
	if ((r = journal_write(db, m->name, "partial", p->mtext, p->mlen)) != 0) {
		fprintf(stderr, "pkg: %s: cannot write the journal: %s\n", dir,
		    strerror(-r));
		return r;
	}
	for (i = 0; i < m->nfiles; i++)
		bar.total += m->files[i].size;
	bar.show = show && bar.total >= PROGRESS_MIN;
	for (i = 0; i < m->nfiles; i++) {
		const struct manifest_file *f = &m->files[i];
		if ((r = make_parents(db, f->path)) != 0 ||
		    (r = temp_path(db, f->path, tmp, sizeof tmp)) != 0 ||
		    (r = write_file(tmp, f->mode, p->data[i], (size_t)f->size,
		    &bar)) != 0) {
			if (bar.show)
				fprintf(stderr, "\n");
			fprintf(stderr, "pkg: %s: %s: %s\n", m->name, f->path,
			    strerror(-r));
			drop_temps(db, m);
			if (journal_path(db, m->name, "partial", tmp, sizeof tmp) == 0)
				unlink(tmp);
			return r;
		}
		test_kill("temp", i + 1, bar.show);
	}
	if (bar.show) {
		bar_draw(&bar);	/* 100% even when the last files were empty */
		fprintf(stderr, "\n");
	}
	if ((r = journal_move(db, m->name, "partial", "commit")) != 0) {
		fprintf(stderr, "pkg: %s: journal: %s\n", m->name, strerror(-r));
		drop_temps(db, m);
		if (journal_path(db, m->name, "partial", tmp, sizeof tmp) == 0)
			unlink(tmp);
		return r;
	}
	old = db_installed(db, m->name);
	if ((r = commit(db, m, old)) != 0) {
		fprintf(stderr, "pkg: %s: interrupted; the next pkg run finishes it\n",
		    m->name);
		return r;
	}
	return db_reload(db);
}

static void
unlink_files(const struct db *db, const struct manifest *m)
{
	char path[2048];
	size_t i;

	for (i = 0; i < m->nfiles; i++)
		if (db_path(db, m->files[i].path, path, sizeof path) == 0 &&
		    unlink(path) == 0)
			prune_parents(db, m->files[i].path);
}

int
txn_remove(struct db *db, const char *name)
{
	const struct manifest *m = db_installed(db, name);
	char path[1024];
	int r;

	if (m == NULL)
		return -ENOENT;
	if ((r = journal_move(db, name, "manifest", "removing")) != 0) {
		journal_path(db, name, "manifest", path, sizeof path);
		fprintf(stderr, "pkg: %s: %s\n", path, strerror(-r));
		return r;
	}
	unlink_files(db, m);
	if (journal_path(db, name, "removing", path, sizeof path) == 0 &&
	    unlink(path) != 0) {
		r = -errno;
		fprintf(stderr, "pkg: %s: %s\n", path, strerror(errno));
		return r;
	}
	return db_reload(db);
}

/* Reads journal file path into *m; prints why not. */
static int
read_journal(const char *path, struct manifest *m)
{
	char err[200];
	uint8_t *buf;
	size_t len;
	int r;

	if ((r = trust_read_file(path, &buf, &len, DB_PKG_MAX)) != 0) {
		fprintf(stderr, "pkg: %s: %s\n", path, strerror(-r));
		return r;
	}
	r = manifest_parse(m, (const char *)buf, len, err, sizeof err);
	free(buf);
	if (r != 0)
		fprintf(stderr, "pkg: %s: %s\n", path, err);
	return r;
}

static int
recover_one(struct db *db, const char *file, const char *path)
{
	const char *dot = strrchr(file, '.');
	struct manifest m;
	int r = 0;

	if (dot == NULL)
		return 0;
	if (strcmp(dot, ".tmp") == 0) {
		if (unlink(path) != 0)
			return -errno;
		return 0;
	}
	if (strcmp(dot, ".partial") != 0 && strcmp(dot, ".commit") != 0 &&
	    strcmp(dot, ".removing") != 0)
		return 0;
	if ((r = read_journal(path, &m)) != 0)
		return r;
	if (strcmp(dot, ".partial") == 0) {
		drop_temps(db, &m);
		r = unlink(path) == 0 ? 0 : -errno;
		printf("pkg: removed what an interrupted install of %s %s left\n",
		    m.name, m.version);
	} else if (strcmp(dot, ".commit") == 0) {
		r = commit(db, &m, db_installed(db, m.name));
		printf("pkg: finished an interrupted install of %s %s\n", m.name,
		    m.version);
	} else {
		unlink_files(db, &m);
		r = unlink(path) == 0 ? 0 : -errno;
		printf("pkg: finished an interrupted removal of %s %s\n", m.name,
		    m.version);
	}
	manifest_free(&m);
	return r;
}

int
txn_recover(struct db *db)
{
	char dir[1024], path[1300];
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	int r = 0;
	DIR *d;

	if ((r = db_path(db, DB_DIR, dir, sizeof dir)) != 0)
		return r;
	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -errno;
	/* Collect first: recovery renames entries of this directory. */
	while ((de = readdir(d)) != NULL) {
		char **nn;
		if (de->d_name[0] == '.')
			continue;
		if ((nn = realloc(names, (n + 1) * sizeof *nn)) == NULL) {
			r = -ENOMEM;
			break;
		}
		names = nn;
		if ((names[n] = strdup(de->d_name)) == NULL) {
			r = -ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	for (i = 0; i < n; i++) {
		int e;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if ((e = recover_one(db, names[i], path)) != 0) {
			fprintf(stderr, "pkg: %s: cannot recover: %s\n", path,
			    strerror(-e));
			r = e;
		}
		free(names[i]);
	}
	free(names);
	if (r == 0)
		r = db_reload(db);
	return r;
}
