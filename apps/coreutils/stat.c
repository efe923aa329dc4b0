/* stat - prints file status, GNU's default form or -c FORMAT
 * (%n %s %a %A %F %u %g %h %i %b %Y %N). */
#include <errno.h>
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
stat_time(time_t t, char *buf, size_t len)
{
	struct tm *tm = localtime(&t);
	if (tm == NULL || strftime(buf, len, "%Y-%m-%d %H:%M:%S %z", tm) == 0)
		snprintf(buf, len, "%lld", (long long)t);
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

static void
stat_default(const char *name, const struct stat *sb)
{
	char ms[11], at[64], mt[64], ct[64];
	stat_modestr(sb->st_mode, ms);
	stat_time(sb->st_atime, at, sizeof at);
	stat_time(sb->st_mtime, mt, sizeof mt);
	stat_time(sb->st_ctime, ct, sizeof ct);
	printf("  File: %s\n", name);
	printf("  Size: %-15lld Blocks: %-10lld IO Block: %-6ld %s\n", (long long)sb->st_size,
	    (long long)sb->st_blocks, (long)sb->st_blksize, stat_type(sb->st_mode, sb->st_size));
	printf("Device: %llxh/%llud\tInode: %-11lu Links: %lu\n", (unsigned long long)sb->st_dev,
	    (unsigned long long)sb->st_dev, (unsigned long)sb->st_ino, (unsigned long)sb->st_nlink);
	printf("Access: (%04o/%s)  Uid: (%5u)   Gid: (%5u)\n", (unsigned)(sb->st_mode & 07777), ms,
	    (unsigned)sb->st_uid, (unsigned)sb->st_gid);
	printf("Access: %s\nModify: %s\nChange: %s\n", at, mt, ct);
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
