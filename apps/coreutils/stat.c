/* stat - prints file status, GNU's default form or -c FORMAT
 * (%n %s %a %A %F %u %g %h %i %b %Y %N). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "lib/cu.h"

static const char *
stat_type(mode_t m, off_t size)
{
	if (S_ISREG(m))
		return size == 0 ? "regular empty file" : "regular file";
	if (S_ISDIR(m))
		return "directory";
	if (S_ISLNK(m))
		return "symbolic link";
	if (S_ISCHR(m))
		return "character special file";
	if (S_ISBLK(m))
		return "block special file";
	if (S_ISFIFO(m))
		return "fifo";
	if (S_ISSOCK(m))
		return "socket";
	return "weird file";
}

static void
stat_modestr(mode_t m, char *s)
{
	const char *rwx = "rwxrwxrwx";
	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
	    S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
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

static void
stat_time(const struct timespec *ts, char *buf, size_t len)
{
	char date[32], zone[8];
	struct tm *tm = localtime(&ts->tv_sec);
	if (tm == NULL || strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", tm) == 0 ||
	    strftime(zone, sizeof zone, "%z", tm) == 0) {
		snprintf(buf, len, "%lld", (long long)ts->tv_sec);
		return;
	}
	snprintf(buf, len, "%s.%09ld %s", date, (long)ts->tv_nsec, zone);
}

static void
stat_owner(char *buf, size_t len, unsigned id, int group)
{
	struct passwd *pw = group ? NULL : getpwuid((uid_t)id);
	struct group *gr = group ? getgrgid((gid_t)id) : NULL;
	const char *name = pw ? pw->pw_name : gr ? gr->gr_name : "UNKNOWN";
	snprintf(buf, len, "%5u/%8s", id, name);
}

static void
stat_format(const char *fmt, const char *name, const struct stat *sb)
{
	char ms[11];
	stat_modestr(sb->st_mode, ms);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%' || !p[1]) {
			putchar(*p);
			continue;
		}
		switch (*++p) {
		case 'n': fputs(name, stdout); break;
		case 'N':
			if (S_ISLNK(sb->st_mode)) {
				char t[4096];
				ssize_t k = readlink(name, t, sizeof t - 1);
				t[k > 0 ? k : 0] = 0;
				printf("'%s' -> '%s'", name, t);
			} else {
				printf("'%s'", name);
			}
			break;
		case 's': printf("%lld", (long long)sb->st_size); break;
		case 'a': printf("%o", (unsigned)(sb->st_mode & 07777)); break;
		case 'A': fputs(ms, stdout); break;
		case 'F': fputs(stat_type(sb->st_mode, sb->st_size), stdout); break;
		case 'u': printf("%u", (unsigned)sb->st_uid); break;
		case 'g': printf("%u", (unsigned)sb->st_gid); break;
		case 'h': printf("%lu", (unsigned long)sb->st_nlink); break;
		case 'i': printf("%lu", (unsigned long)sb->st_ino); break;
		case 'b': printf("%lld", (long long)sb->st_blocks); break;
		case 'Y': printf("%lld", (long long)sb->st_mtime); break;
		case '%': putchar('%'); break;
		default: putchar('%'); putchar(*p); break;
		}
	}
	putchar('\n');
}

/* GNU's layout, less the birth time nobody here records. */
static void
stat_default(const char *name, const struct stat *sb)
{
	char ms[11], at[64], mt[64], ct[64], u[64], g[64];
	unsigned long long dev = (unsigned long long)sb->st_dev;
	stat_modestr(sb->st_mode, ms);
	stat_time(&sb->st_atim, at, sizeof at);
	stat_time(&sb->st_mtim, mt, sizeof mt);
	stat_time(&sb->st_ctim, ct, sizeof ct);
	stat_owner(u, sizeof u, (unsigned)sb->st_uid, 0);
	stat_owner(g, sizeof g, (unsigned)sb->st_gid, 1);
	printf("  File: %s\n", name);
	printf("  Size: %-10lld\tBlocks: %-10lld IO Block: %-6ld %s\n", (long long)sb->st_size,
	    (long long)sb->st_blocks, (long)sb->st_blksize, stat_type(sb->st_mode, sb->st_size));
	/* Linux's device number split: 12 bits of major, 20 of minor. */
	printf("Device: %llu,%llu\tInode: %-11lu Links: %lu\n",
	    ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull), (dev & 0xff) | ((dev >> 12) & ~0xffull),
	    (unsigned long)sb->st_ino, (unsigned long)sb->st_nlink);
	printf("Access: (%04o/%s)  Uid: (%s)   Gid: (%s)\n", (unsigned)(sb->st_mode & 07777), ms, u, g);
	printf("Access: %s\nModify: %s\nChange: %s\n Birth: -\n", at, mt, ct);
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	const char *fmt = NULL;
	int deref = 0, status = 0, c;

	cu_init("stat", "[-L] [-c FORMAT] FILE...\nPrint the status of each FILE.\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "Lc:")) != -1) {
		if (c == 'L')
			deref = 1;
		else
			fmt = o.arg;
	}
	if (o.ind >= argc) {
		cu_msg("missing operand");
		cu_usage(1);
	}
	for (int i = o.ind; i < argc; i++) {
		struct stat sb;
		if ((deref ? stat(argv[i], &sb) : lstat(argv[i], &sb)) != 0) {
			fprintf(stderr, "stat: cannot stat '%s': %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (fmt)
			stat_format(fmt, argv[i], &sb);
		else
			stat_default(argv[i], &sb);
	}
	return fflush(stdout) != 0 ? 1 : status;
}
