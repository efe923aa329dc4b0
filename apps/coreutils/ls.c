/*
 * ls - lists files and directories.  -l long form (-h human sizes), -a
 * dot files too, -R recurse, -d directories themselves, -1 one per line.
 * On a terminal: columns and colours.  Exit 2 for a missing operand, as
 * GNU ("serious trouble"), 1 for a directory it could not read inside.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "lib/cu.h"
#include <grp.h>
#include <pwd.h>

struct ls_opts {
	int all, almost, lng, human, recurse, dirself, one, color, tty;
	time_t now;
};

struct ls_ent {
	char *name;		/* as shown */
	char *path;		/* to stat and open */
	struct stat sb;
	int ok;			/* lstat worked */
};

static int ls_status;

static int
ls_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ls_ent *)a)->name, ((const struct ls_ent *)b)->name);
}

static void
ls_modestr(mode_t m, char *s)
{
	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
	    S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = (m & 0100) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & 0010) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & 0001) ? 't' : 'T';
	s[10] = 0;
}

/* Names of ids; one remembered each, since a directory's files mostly
 * share an owner and every lookup reads /etc/passwd. */
static void
ls_user(uid_t uid, char *buf, size_t len)
{
	static uid_t last = (uid_t)-1;
	static char name[64];
	if (uid != last || !name[0]) {
		struct passwd *pw = getpwuid(uid);
		if (pw)
			snprintf(name, sizeof name, "%s", pw->pw_name);
		else
			snprintf(name, sizeof name, "%u", (unsigned)uid);
		last = uid;
	}
	snprintf(buf, len, "%s", name);
}

static void
ls_group(gid_t gid, char *buf, size_t len)
{
	static gid_t last = (gid_t)-1;
	static char name[64];
	if (gid != last || !name[0]) {
		struct group *gr = getgrgid(gid);
		if (gr)
			snprintf(name, sizeof name, "%s", gr->gr_name);
		else
			snprintf(name, sizeof name, "%u", (unsigned)gid);
		last = gid;
	}
	snprintf(buf, len, "%s", name);
}

static const char *
ls_colour(const struct stat *sb)
{
	if (S_ISDIR(sb->st_mode))
		return "01;34";
	if (S_ISLNK(sb->st_mode))
		return "01;36";
	if (S_ISFIFO(sb->st_mode))
		return "33";
	if (S_ISREG(sb->st_mode) && (sb->st_mode & 0111))
		return "01;32";
	return NULL;
}

static void
ls_name(const struct ls_ent *e, const struct ls_opts *lo)
{
	const char *c = lo->color && e->ok ? ls_colour(&e->sb) : NULL;
	if (c)
		printf("\033[%sm%s\033[0m", c, e->name);
	else
		fputs(e->name, stdout);
}

static void
ls_long(struct ls_ent *v, size_t n, const struct ls_opts *lo)
{
	int wl = 1, wu = 1, wg = 1, ws = 1;
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		int l;
		l = snprintf(buf, sizeof buf, "%lu", (unsigned long)v[i].sb.st_nlink);
		wl = l > wl ? l : wl;
		ls_user(v[i].sb.st_uid, buf, sizeof buf);
		l = (int)strlen(buf);
		wu = l > wu ? l : wu;
		ls_group(v[i].sb.st_gid, buf, sizeof buf);
		l = (int)strlen(buf);
		wg = l > wg ? l : wg;
		if (lo->human)
			cu_human((uint64_t)v[i].sb.st_size, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "%lld", (long long)v[i].sb.st_size);
		l = (int)strlen(buf);
		ws = l > ws ? l : ws;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat *sb = &v[i].sb;
		char mode[11], user[64], group[64], size[64], date[32];
		struct tm *tm = localtime(&sb->st_mtime);
		ls_modestr(sb->st_mode, mode);
		ls_user(sb->st_uid, user, sizeof user);
		ls_group(sb->st_gid, group, sizeof group);
		if (lo->human)
			cu_human((uint64_t)sb->st_size, size, sizeof size);
		else
			snprintf(size, sizeof size, "%lld", (long long)sb->st_size);
		/* Older than six months or in the future: the year, not the time. */
		long age = (long)(lo->now - sb->st_mtime);
		if (tm == NULL || strftime(date, sizeof date,
		    age > 15778476L || age < -3600 ? "%b %e  %Y" : "%b %e %H:%M", tm) == 0)
			snprintf(date, sizeof date, "?");
		printf("%s %*lu %-*s %-*s %*s %s ", mode, wl, (unsigned long)sb->st_nlink, wu, user,
		    wg, group, ws, size, date);
		ls_name(&v[i], lo);
		if (S_ISLNK(sb->st_mode)) {
			char t[4096];
			ssize_t k = readlink(v[i].path, t, sizeof t - 1);
			if (k >= 0) {
				t[k] = 0;
				printf(" -> %s", t);
			}
		}
		putchar('\n');
	}
}

/* Width of each column when n names are laid out down then across in
 * ncols columns; 0 if that does not fit in width. */
static int
ls_fit(const struct ls_ent *v, size_t n, size_t ncols, size_t width, size_t *colw)
{
	size_t nrows = (n + ncols - 1) / ncols, total = 0;
	for (size_t c = 0; c < ncols; c++) {
		colw[c] = 0;
		for (size_t r = 0; r < nrows && c * nrows + r < n; r++) {
			size_t l = strlen(v[c * nrows + r].name);
			colw[c] = l > colw[c] ? l : colw[c];
		}
		total += colw[c] + (c + 1 < ncols ? 2 : 0);
	}
	return total <= width;
}

/* Terminal output: names in columns, down then across, each column as
 * wide as its longest name plus two, as many columns as fit (as GNU). */
static void
ls_columns(struct ls_ent *v, size_t n, const struct ls_opts *lo)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;
	int width = cols && atoi(cols) > 0 ? atoi(cols) : 80;
	if (!(cols && atoi(cols) > 0) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		width = ws.ws_col;
	size_t maxcols = (size_t)width / 3 + 1, ncols = 1;
	if (maxcols > n)
		maxcols = n;
	size_t *colw = calloc(maxcols + 1, sizeof *colw);
	if (colw == NULL) {
		for (size_t i = 0; i < n; i++) {
			ls_name(&v[i], lo);
			putchar('\n');
		}
		return;
	}
	for (size_t c = maxcols; c > 1; c--) {
		if (ls_fit(v, n, c, (size_t)width, colw)) {
			ncols = c;
			break;
		}
	}
	ls_fit(v, n, ncols, (size_t)-1, colw);
	size_t nrows = (n + ncols - 1) / ncols;
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			size_t i = c * nrows + r;
			if (i >= n)
				break;
			ls_name(&v[i], lo);
			if ((c + 1) * nrows + r < n)
				printf("%*s", (int)(colw[c] + 2 - strlen(v[i].name)), "");
		}
		putchar('\n');
	}
	free(colw);
}

static void
ls_print(struct ls_ent *v, size_t n, const struct ls_opts *lo)
{
	if (lo->lng) {
		ls_long(v, n, lo);
	} else if (lo->tty && !lo->one) {
		if (n)
			ls_columns(v, n, lo);
	} else {
		for (size_t i = 0; i < n; i++) {
			ls_name(&v[i], lo);
			putchar('\n');
		}
	}
}

static void
ls_free(struct ls_ent *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
	}
	free(v);
}

static int
ls_ent_make(struct ls_ent *e, const char *name, const char *path)
{
	e->name = strdup(name);
	e->path = strdup(path);
	if (!e->name || !e->path)
		return -ENOMEM;
	e->ok = lstat(path, &e->sb) == 0;
	if (!e->ok)
		memset(&e->sb, 0, sizeof e->sb);
	return 0;
}

static void ls_dir(const char *path, const char *shown, const struct ls_opts *lo, int header, int *first);

static void
ls_dir(const char *path, const char *shown, const struct ls_opts *lo, int header, int *first)
{
	DIR *d = opendir(path);
	struct dirent *de;
	struct ls_ent *v = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", shown, strerror(errno));
		ls_status = ls_status > 1 ? ls_status : (header ? 1 : 2);
		return;
	}
	/* Some schemes (RedoxFS) do not return "." and ".."; -a shows
	 * them anyway, as POSIX asks. */
	int dots = lo->all ? 0 : 2;
	while (dots < 2 || (de = readdir(d)) != NULL) {
		char *sub;
		int synth = dots < 2;
		const char *nm = synth ? (dots++ ? ".." : ".") : de->d_name;
		if (!synth && lo->all && (!strcmp(nm, ".") || !strcmp(nm, "..")))
			continue;
		if (nm[0] == '.' && !lo->all && !(lo->almost && strcmp(nm, ".") && strcmp(nm, "..")))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			struct ls_ent *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				cu_err(shown, ENOMEM);
				ls_status = 2;
				break;
			}
			v = nv;
		}
		if ((sub = cu_join(path, nm)) == NULL) {
			fprintf(stderr, "ls: %s/%s: %s\n", shown, nm, strerror(errno));
			ls_status = 1;
			continue;
		}
		int e = ls_ent_make(&v[n], nm, sub);
		free(sub);
		if (e != 0) {
			cu_err(shown, ENOMEM);
			ls_status = 2;
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof *v, ls_cmp);
	if (header) {
		printf("%s%s:\n", *first ? "" : "\n", shown);
	}
	*first = 0;
	if (lo->lng) {
		unsigned long long blocks = 0;
		for (size_t i = 0; i < n; i++)
			blocks += (unsigned long long)v[i].sb.st_blocks;
		if (lo->human) {
			char b[32];
			cu_human(blocks * 512, b, sizeof b);
			printf("total %s\n", b);
		} else {
			printf("total %llu\n", blocks / 2);
		}
	}
	ls_print(v, n, lo);
	if (lo->recurse) {
		for (size_t i = 0; i < n; i++) {
			if (!v[i].ok || !S_ISDIR(v[i].sb.st_mode) || !strcmp(v[i].name, ".") ||
			    !strcmp(v[i].name, ".."))
				continue;
			char *sub = cu_join(shown, v[i].name);
			if (sub == NULL) {
				fprintf(stderr, "ls: %s/%s: %s\n", shown, v[i].name, strerror(errno));
				ls_status = 1;
				continue;
			}
			ls_dir(v[i].path, sub, lo, 1, first);
			free(sub);
		}
	}
	ls_free(v, n);
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct ls_opts lo = { 0 };
	int c, first = 1;

	cu_init("ls", "[-lahARd1] [FILE]...\nList FILEs (the current directory by default).\n"
	    "  -l long form  -a all names  -A all but . and ..  -h human sizes  -R recurse\n"
	    "  -d directories themselves  -1 one name per line\n", 2);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "lahRd1A")) != -1) {
		switch (c) {
		case 'l': lo.lng = 1; break;
		case 'a': lo.all = 1; lo.almost = 0; break;
		case 'A': lo.almost = 1; lo.all = 0; break;
		case 'h': lo.human = 1; break;
		case 'R': lo.recurse = 1; break;
		case 'd': lo.dirself = 1; break;
		case '1': lo.one = 1; break;
		default: break;
		}
	}
	lo.tty = isatty(1);
	lo.color = lo.tty && getenv("NO_COLOR") == NULL;
	lo.now = time(NULL);

	char *dot[] = { ".", NULL };
	char **ops = o.ind < argc ? argv + o.ind : dot;
	size_t nops = o.ind < argc ? (size_t)(argc - o.ind) : 1;
	struct ls_ent *files = calloc(nops, sizeof *files), *dirs = calloc(nops, sizeof *dirs);
	size_t nf = 0, nd = 0;
	if (!files || !dirs) {
		cu_err("memory", ENOMEM);
		return 2;
	}
	for (size_t i = 0; i < nops; i++) {
		struct ls_ent e;
		struct stat tsb;
		if (ls_ent_make(&e, ops[i], ops[i]) != 0) {
			cu_err(ops[i], ENOMEM);
			return 2;
		}
		if (!e.ok) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", ops[i], strerror(errno));
			ls_status = 2;
			free(e.name);
			free(e.path);
			continue;
		}
		/* A symlink operand to a directory is listed as the directory. */
		int isdir = S_ISDIR(e.sb.st_mode) ||
		    (S_ISLNK(e.sb.st_mode) && !lo.lng && stat(ops[i], &tsb) == 0 && S_ISDIR(tsb.st_mode));
		if (isdir && !lo.dirself)
			dirs[nd++] = e;
		else
			files[nf++] = e;
	}
	qsort(files, nf, sizeof *files, ls_cmp);
	qsort(dirs, nd, sizeof *dirs, ls_cmp);
	ls_print(files, nf, &lo);
	if (nf)
		first = 0;
	int header = nf + nd > 1 || lo.recurse || ls_status;
	for (size_t i = 0; i < nd; i++)
		ls_dir(dirs[i].path, dirs[i].name, &lo, header, &first);
	ls_free(files, nf);
	ls_free(dirs, nd);
	if (fflush(stdout) != 0) {
		cu_err("write error", errno);
		return 2;
	}
	return ls_status;
}
