/*
 * pkg: the package manager inside the OS.
 *   pkg [-R ROOT] [-r DIR|URL] list | search WORD | info NAME |
 *       install NAME|FILE.pkg... | remove NAME...
 * Packages are verified (Ed25519 under ROOT/etc/pkg/keys, every file's
 * SHA-256, safe paths, no collisions, dependencies) before anything is
 * written; see apps/pkg/README.md and txn.h for how installs stay whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/pkg/db.h"
#include "apps/pkg/txn.h"

/* Built for Linux (the host tests), there is no default: -R is needed. */
#ifdef PKG_HOST
#define DEFAULT_ROOT NULL
#else
#define DEFAULT_ROOT "file:"
#endif

#define PLAN_MAX 64

static void
usage(FILE *f)
{
	fprintf(f, "usage: pkg [-R ROOT] [-r REPO] COMMAND\n"
	    "  list                 installed packages\n"
	    "  search WORD          packages of the repository whose name or\n"
	    "                       description holds WORD\n"
	    "  info NAME            a package's manifest summary and files\n"
	    "  install NAME...      from the repository (-r DIR or -r http://HOST/DIR,\n"
	    "                       or /etc/pkg/repo)\n"
	    "  install FILE.pkg...  from package files\n"
	    "  remove NAME...       uninstall\n");
}

static int
cmd_list(struct db *db)
{
	size_t i;

	for (i = 0; i < db->ninst; i++)
		printf("%-16s %-12s %s\n", db->inst[i].name, db->inst[i].version,
		    db->inst[i].description);
	return 0;
}

static int
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

static int
cmd_search(struct db *db, const char *word)
{
	struct repo_entry *e;
	size_t n, i, hits = 0;

	if (db_repo_read(db, &e, &n) != 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (!contains(e[i].name, word) && !contains(e[i].desc, word))
			continue;
		printf("%-16s %-12s %s%s\n", e[i].name, e[i].version, e[i].desc,
		    db_installed(db, e[i].name) ? " [installed]" : "");
		hits++;
	}
	free(e);
	if (hits == 0) {
		fprintf(stderr, "pkg: no package matches '%s'\n", word);
		return 1;
	}
	return 0;
}

/* The last repository entry named name (a later line is newer). */
static const struct repo_entry *
repo_find(const struct repo_entry *e, size_t n, const char *name)
{
	const struct repo_entry *hit = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			hit = &e[i];
	return hit;
}

static void
print_manifest(const struct manifest *m, const char *status)
{
	uint64_t bytes = 0;
	size_t i;

	for (i = 0; i < m->nfiles; i++)
		bytes += m->files[i].size;
	printf("name: %s\nversion: %s\ndescription: %s\ndepends:", m->name,
	    m->version, m->description);
	for (i = 0; i < m->ndepends; i++)
		printf(" %s", m->depends[i]);
	printf("\nstatus: %s\nfiles: %zu (%llu bytes)\n", status, m->nfiles,
	    (unsigned long long)bytes);
	for (i = 0; i < m->nfiles; i++)
		printf("  /%s\n", m->files[i].path);
}

static int
cmd_info(struct db *db, const char *name)
{
	const struct manifest *m = db_installed(db, name);
	const struct repo_entry *hit;
	struct trust_keys keys;
	struct repo_entry *e;
	struct pkgfile p;
	char path[1400];
	uint8_t *buf;
	size_t n;

	if (m != NULL) {
		print_manifest(m, "installed");
		return 0;
	}
	if (db->repo[0] == '\0') {
		fprintf(stderr, "pkg: %s: not installed\n", name);
		return 1;
	}
	if (db_repo_read(db, &e, &n) != 0)
		return 1;
	if ((hit = repo_find(e, n, name)) == NULL) {
		fprintf(stderr, "pkg: %s: not installed and not in %s\n", name,
		    db->repo);
		free(e);
		return 1;
	}
	if (db_keys(db, &keys) != 0 ||
	    db_repo_pkg(db, hit->file, path, sizeof path, isatty(2)) != 0) {
		free(e);
		return 1;
	}
	free(e);
	if (db_load_pkg(path, &keys, &p, &buf) != 0)
		return 1;
	print_manifest(&p.m, "not installed");
	pkgfile_close(&p);
	free(buf);
	return 0;
}

/* A package on its way in. */
struct plan_item {
	struct pkgfile p;
	uint8_t *buf;
};

struct plan {
	struct plan_item item[PLAN_MAX];
	size_t n;
	struct repo_entry *repo;	/* read on first need */
	size_t nrepo;
	int repo_read;
	int show;		/* progress bars (stderr is a terminal) */
	struct trust_keys keys;
};

static int
is_file_arg(const char *a)
{
	size_t n = strlen(a);

	return (n > 4 && strcmp(a + n - 4, ".pkg") == 0) || strchr(a, '/') != NULL;
}

static const struct manifest *
plan_find(const struct plan *pl, const char *name)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (strcmp(pl->item[i].p.m.name, name) == 0)
			return &pl->item[i].p.m;
	return NULL;
}

/* Loads and verifies the package at path into the plan (once a name). */
static int
plan_add_file(struct plan *pl, const char *path)
{
	struct plan_item *it;
	int r;

	if (pl->n == PLAN_MAX) {
		fprintf(stderr, "pkg: more than %d packages at once\n", PLAN_MAX);
		return -E2BIG;
	}
	it = &pl->item[pl->n];
	if ((r = db_load_pkg(path, &pl->keys, &it->p, &it->buf)) != 0)
		return r;
	if (plan_find(pl, it->p.m.name) != NULL) {
		pkgfile_close(&it->p);	/* named twice: once is enough */
		free(it->buf);
		return 0;
	}
	pl->n++;
	return 0;
}

/* The repository's package called name, into the plan. */
static int
plan_add_name(struct db *db, struct plan *pl, const char *name,
    const char *wanted_by)
{
	const struct repo_entry *hit;
	char path[1400];

	if (!pl->repo_read) {
		if (db->repo[0] == '\0') {
			fprintf(stderr, "pkg: %s%s%s: not installed, and no repository "
			    "(give -r DIR or name one in /etc/pkg/repo)\n", name,
			    wanted_by ? ", needed by " : "", wanted_by ? wanted_by : "");
			return -ENOENT;
		}
		if (db_repo_read(db, &pl->repo, &pl->nrepo) != 0)
			return -ENOENT;
		pl->repo_read = 1;
	}
	if ((hit = repo_find(pl->repo, pl->nrepo, name)) == NULL) {
		fprintf(stderr, "pkg: %s%s%s: no such package in %s\n", name,
		    wanted_by ? ", needed by " : "", wanted_by ? wanted_by : "",
		    db->repo);
		return -ENOENT;
	}
	if (db_repo_pkg(db, hit->file, path, sizeof path, pl->show) != 0)
		return -EIO;
	return plan_add_file(pl, path);
}

/* Adds what the plan's packages depend on and is neither installed nor
 * planned (the plan grows as we go: dependencies of dependencies). */
static int
plan_resolve(struct db *db, struct plan *pl)
{
	size_t i, j;
	int r;

	for (i = 0; i < pl->n; i++) {
		const struct manifest *m = &pl->item[i].p.m;
		for (j = 0; j < m->ndepends; j++) {
			const char *d = m->depends[j];
			if (db_installed(db, d) != NULL || plan_find(pl, d) != NULL)
				continue;
			if ((r = plan_add_name(db, pl, d, m->name)) != 0)
				return r;
		}
	}
	return 0;
}

/* Whether item i needs a package among items from.. of the plan (those
 * not yet placed). */
static int
waits(const struct plan *pl, size_t from, size_t i)
{
	const struct manifest *m = &pl->item[i].p.m;
	size_t j, k;

	for (j = 0; j < m->ndepends; j++)
		for (k = from; k < pl->n; k++)
			if (k != i && strcmp(pl->item[k].p.m.name, m->depends[j]) == 0)
				return 1;
	return 0;
}

/* Dependencies first, by selection in place: position n gets the first
 * package left that waits for none of the others left; in a cycle,
 * simply the next one. */
static void
plan_order(struct plan *pl)
{
	struct plan_item t;
	size_t n, i;

	for (n = 0; n < pl->n; n++) {
		for (i = n; i < pl->n && waits(pl, n, i); i++)
			;
		if (i == pl->n)
			i = n;
		t = pl->item[n];
		pl->item[n] = pl->item[i];
		pl->item[i] = t;
	}
}

/* Every file of every planned package: not another package's, not an
 * existing file no package owns, not twice in the plan. */
static int
plan_check(struct db *db, struct plan *pl)
{
	char full[2048];
	size_t i, j, k;

	for (i = 0; i < pl->n; i++) {
		const struct manifest *m = &pl->item[i].p.m;
		const struct manifest *old = db_installed(db, m->name);
		for (j = 0; j < m->nfiles; j++) {
			const char *path = m->files[j].path;
			const struct manifest *own = db_owner(db, path, m->name);
			struct stat st;
			if (own != NULL) {
				fprintf(stderr, "pkg: cannot install %s: /%s belongs to "
				    "package %s\n", m->name, path, own->name);
				return -EEXIST;
			}
			for (k = 0; k < i; k++)
				if (manifest_find(&pl->item[k].p.m, path) != NULL) {
					fprintf(stderr, "pkg: cannot install %s: /%s is also "
					    "in package %s\n", m->name, path,
					    pl->item[k].p.m.name);
					return -EEXIST;
				}
			if (old != NULL && manifest_find(old, path) != NULL)
				continue;
			if (db_path(db, path, full, sizeof full) != 0)
				return -ENAMETOOLONG;
			if (lstat(full, &st) == 0) {
				fprintf(stderr, "pkg: cannot install %s: /%s exists and "
				    "belongs to no package\n", m->name, path);
				return -EEXIST;
			}
		}
	}
	return 0;
}

static int
cmd_install(struct db *db, int argc, char **argv, int show)
{
	struct plan *pl = calloc(1, sizeof *pl);
	size_t i;
	int r = 0, a;

	if (pl == NULL) {
		fprintf(stderr, "pkg: %s\n", strerror(ENOMEM));
		return 1;
	}
	pl->show = show;
	if (db_keys(db, &pl->keys) != 0) {
		free(pl);
		return 1;
	}
	/* Every package named first, so that one given as a file satisfies
	 * another's dependency before the repository is asked. */
	for (a = 0; a < argc && r == 0; a++) {
		if (is_file_arg(argv[a]))
			r = plan_add_file(pl, argv[a]);
		else if (!manifest_name_ok(argv[a])) {
			fprintf(stderr, "pkg: %s: not a package name\n", argv[a]);
			r = -EINVAL;
		} else if (plan_find(pl, argv[a]) == NULL)
			r = plan_add_name(db, pl, argv[a], NULL);
	}
	if (r == 0)
		r = plan_resolve(db, pl);
	if (r == 0) {
		plan_order(pl);
		r = plan_check(db, pl);
	}
	for (i = 0; i < pl->n && r == 0; i++) {
		struct pkgfile *p = &pl->item[i].p;
		const struct manifest *old = db_installed(db, p->m.name);
		char *text;
		size_t len;
		/* The very same manifest: nothing to do. */
		if (old != NULL && (text = manifest_format(old, &len)) != NULL) {
			int same = len == p->mlen && memcmp(text, p->mtext, len) == 0;
			free(text);
			if (same) {
				printf("%s %s is already installed\n", p->m.name,
				    p->m.version);
				continue;
			}
		}
		if ((r = txn_install(db, p, show)) == 0)
			printf("installed %s %s (%zu files)\n", p->m.name,
			    p->m.version, p->m.nfiles);
	}
	for (i = 0; i < pl->n; i++) {
		pkgfile_close(&pl->item[i].p);
		free(pl->item[i].buf);
	}
	free(pl->repo);
	free(pl);
	return r == 0 ? 0 : 1;
}

static int
cmd_remove(struct db *db, int argc, char **argv)
{
	int a, r = 0;
	size_t i, j;

	for (a = 0; a < argc; a++) {
		const struct manifest *m = db_installed(db, argv[a]);
		char version[MANIFEST_NAME_MAX + 1];
		if (m == NULL) {
			fprintf(stderr, "pkg: %s: not installed\n", argv[a]);
			r = 1;
			continue;
		}
		for (i = 0; i < db->ninst; i++)
			for (j = 0; j < db->inst[i].ndepends; j++)
				if (strcmp(db->inst[i].depends[j], argv[a]) == 0)
					goto needed;
		snprintf(version, sizeof version, "%s", m->version);
		if (txn_remove(db, argv[a]) != 0) {
			r = 1;
			continue;
		}
		printf("removed %s %s\n", argv[a], version);
		continue;
needed:
		fprintf(stderr, "pkg: cannot remove %s: %s depends on it\n",
		    argv[a], db->inst[i].name);
		r = 1;
	}
	return r;
}

/*
 * install and remove change ROOT's files: a user who may not gets told
 * that up front, with the way out, rather than which journal file
 * could not be written.  Other errors are left to the command.
 */
static int
may_change(const struct db *db, const char *cmd)
{
	char dir[1024];

	if (db_path(db, DB_DIR, dir, sizeof dir) != 0 || access(dir, W_OK) == 0)
		return 1;
	if (errno != EACCES && errno != EPERM && errno != EROFS)
		return 1;
	fprintf(stderr, "pkg: %s: %s\npkg: %s changes the system: run it as root "
	    "(sudo pkg %s ...)\n", dir, strerror(errno), cmd, cmd);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *root = DEFAULT_ROOT, *repo = NULL, *cmd;
	struct db db;
	int c, r;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	while ((c = getopt(argc, argv, "R:r:h")) != -1) {
		switch (c) {
		case 'R': root = optarg; break;
		case 'r': repo = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return 2;
	}
	cmd = argv[0];
	if (root == NULL) {
		fprintf(stderr, "pkg: -R ROOT is needed outside the OS\n");
		return 2;
	}
	if (db_open(&db, root, repo) != 0)
		return 1;
	/* What a killed run left is finished or undone before anything. */
	if (txn_recover(&db) != 0) {
		db_close(&db);
		return 1;
	}
	if ((strcmp(cmd, "install") == 0 || strcmp(cmd, "remove") == 0) &&
	    !may_change(&db, cmd)) {
		db_close(&db);
		return 1;
	}
	if (strcmp(cmd, "list") == 0 && argc == 1)
		r = cmd_list(&db);
	else if (strcmp(cmd, "search") == 0 && argc == 2)
		r = cmd_search(&db, argv[1]);
	else if (strcmp(cmd, "info") == 0 && argc == 2)
		r = cmd_info(&db, argv[1]);
	else if (strcmp(cmd, "install") == 0 && argc >= 2)
		r = cmd_install(&db, argc - 1, argv + 1, isatty(2));
	else if (strcmp(cmd, "remove") == 0 && argc >= 2)
		r = cmd_remove(&db, argc - 1, argv + 1);
	else {
		usage(stderr);
		r = 2;
	}
	db_close(&db);
	return r;
}
