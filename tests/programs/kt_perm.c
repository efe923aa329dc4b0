/*
 * kt_perm - the file system's permission check over every class and bit.
 *
 *   kt_perm DIR    (as root) makes DIR/perm: files and directories owned
 *                  by 1000:1000 in mixed modes (0640, 0604, 0460, ...),
 *                  then runs itself as the owner, a group member and
 *                  another user (and, on Linux, a member through a
 *                  supplementary group) and checks that each may read,
 *                  write, search, list and create exactly what the class
 *                  bits POSIX picks for it allow.
 *
 * Modes where group and other bits differ catch a check that reads the
 * wrong class.  The same source runs inside the OS (redoxfsd) and on
 * Linux over a redoxfs-fuse mount (built with -DPERM_HOST).
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef PERM_HOST
#include <grp.h>
#endif

#define OWNER 1000
#define GROUP 1000

extern char **environ;

static const unsigned file_modes[] = {
	0640, 0604, 0460, 0406, 0064, 0046, 0600, 0060, 0006, 0421, 0124,
	0241, 0142, 0214, 0000, 0777, 0753, 0735, 0573, 0357, 0137, 0317,
};
static const unsigned dir_modes[] = {
	0700, 0070, 0007, 0750, 0705, 0570, 0507, 0075, 0057, 0300, 0030,
	0003, 0500, 0050, 0005, 0600, 0060, 0006, 0777, 0000, 0731, 0173,
};
#define NFILES (sizeof file_modes / sizeof file_modes[0])
#define NDIRS (sizeof dir_modes / sizeof dir_modes[0])

static const char *dir;
static int checks, failed;
static unsigned me_uid, me_gid;

static int
path(char *buf, size_t len, const char *fmt, unsigned mode, const char *tail)
{
	int n = snprintf(buf, len, fmt, dir, mode, tail);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

/* One check: the call gave ok (1) or EACCES (0); want says which. */
static void
expect(const char *what, unsigned mode, int rc, int err, int want)
{
	int got = rc >= 0;

	checks++;
	if (got == want && (got || err == EACCES))
		return;
	failed++;
	printf("kt_perm: FAIL uid %u gid %u: %s %04o: got %s, want %s\n",
	    me_uid, me_gid, what, mode, got ? "ok" : strerror(err),
	    want ? "ok" : "EACCES");
}

/* The three bits POSIX picks for this caller: owner, else group, else
 * other.  ingroup: the caller's gid or a supplementary group is GROUP. */
static unsigned
class_bits(unsigned mode, int ingroup)
{
	if (me_uid == OWNER)
		return mode >> 6 & 7;
	if (ingroup)
		return mode >> 3 & 7;
	return mode & 7;
}

static void
try_open(const char *what, const char *p, int flags, unsigned mode, int want)
{
	int fd = open(p, flags, 0644);
	int err = errno;

	expect(what, mode, fd, err, want);
	if (fd >= 0)
		close(fd);
}

static void
check_files(int ingroup)
{
	char p[512];

	for (unsigned i = 0; i < NFILES; i++) {
		unsigned m = file_modes[i], b = class_bits(m, ingroup);
		if (path(p, sizeof p, "%s/perm/f%04o%s", m, "") < 0)
			exit(2);
		try_open("read", p, O_RDONLY, m, (b & 4) != 0);
		try_open("write", p, O_WRONLY, m, (b & 2) != 0);
		try_open("read+write", p, O_RDWR, m, (b & 6) == 6);
	}
}

static void
check_dirs(int ingroup)
{
	char p[512];

	for (unsigned i = 0; i < NDIRS; i++) {
		unsigned m = dir_modes[i], b = class_bits(m, ingroup);
		char name[32];

		if (path(p, sizeof p, "%s/perm/d%04o%s", m, "/x") < 0)
			exit(2);
		try_open("search (open a file inside)", p, O_RDONLY, m, (b & 1) != 0);
		if (path(p, sizeof p, "%s/perm/d%04o%s", m, "") < 0)
			exit(2);
		try_open("list", p, O_RDONLY | O_DIRECTORY, m, (b & 4) != 0);
		snprintf(name, sizeof name, "/new%u", me_uid);
		if (path(p, sizeof p, "%s/perm/d%04o%s", m, name) < 0)
			exit(2);
		try_open("create inside", p, O_WRONLY | O_CREAT | O_EXCL, m, (b & 3) == 3);
		int rc = unlink(p);
		int err = errno;
		/* Nothing to remove where creating was refused: ENOENT or EACCES
		 * (a directory we may not search hides its names). */
		if ((b & 3) == 3)
			expect("remove inside", m, rc, err, 1);
		else if (rc == 0) {
			checks++;
			failed++;
			printf("kt_perm: FAIL uid %u: remove in %04o succeeded\n",
			    me_uid, m);
		}
	}
}

/* The child: become uid/gid (and groups), then check. */
static int
run_as(unsigned uid, unsigned gid, int supplementary)
{
	int ingroup = gid == GROUP;

#ifdef PERM_HOST
	gid_t g = GROUP;
	if (setgroups(supplementary ? 1 : 0, &g) != 0) {
		printf("kt_perm: setgroups: %s\n", strerror(errno));
		return 2;
	}
	ingroup |= supplementary;
#else
	if (supplementary)
		return 0;
#endif
	if (setregid(gid, gid) != 0 || setreuid(uid, uid) != 0) {
		printf("kt_perm: setreuid %u %u: %s\n", uid, gid, strerror(errno));
		return 2;
	}
	me_uid = uid;
	me_gid = gid;
	check_files(ingroup);
	check_dirs(ingroup);
	printf("kt_perm: uid %u gid %u%s: %d checks, %d failed\n", uid, gid,
	    supplementary ? " +group 1000" : "", checks, failed);
	return failed ? 1 : 0;
}

static int
make_tree(void)
{
	char p[512];
	int fd;

	snprintf(p, sizeof p, "%s/perm", dir);
	if (mkdir(p, 0755) != 0) {
		printf("kt_perm: mkdir %s: %s\n", p, strerror(errno));
		return -1;
	}
	for (unsigned i = 0; i < NFILES; i++) {
		if (path(p, sizeof p, "%s/perm/f%04o%s", file_modes[i], "") < 0)
			return -1;
		fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0 || write(fd, "data\n", 5) != 5 ||
		    fchown(fd, OWNER, GROUP) != 0 || fchmod(fd, file_modes[i]) != 0) {
			printf("kt_perm: make %s: %s\n", p, strerror(errno));
			return -1;
		}
		close(fd);
	}
	for (unsigned i = 0; i < NDIRS; i++) {
		if (path(p, sizeof p, "%s/perm/d%04o%s", dir_modes[i], "") < 0 ||
		    mkdir(p, 0700) != 0 || chown(p, OWNER, GROUP) != 0) {
			printf("kt_perm: make %s: %s\n", p, strerror(errno));
			return -1;
		}
		if (path(p, sizeof p, "%s/perm/d%04o%s", dir_modes[i], "/x") < 0)
			return -1;
		fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0666);
		if (fd < 0 || fchmod(fd, 0666) != 0) {
			printf("kt_perm: make %s: %s\n", p, strerror(errno));
			return -1;
		}
		close(fd);
		if (path(p, sizeof p, "%s/perm/d%04o%s", dir_modes[i], "") < 0 ||
		    chmod(p, dir_modes[i]) != 0)
			return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct { const char *uid, *gid, *supp; } who[] = {
		{ "1000", "1000", "0" },	/* owner */
		{ "1000", "1002", "0" },	/* owner, not in the group */
		{ "1001", "1000", "0" },	/* group member */
		{ "1002", "1002", "0" },	/* other */
		{ "1003", "1003", "1" },	/* group member by supplementary group */
	};
	int bad = 0;

	if (argc == 6 && strcmp(argv[1], "-as") == 0) {
		dir = argv[5];
		return run_as((unsigned)atoi(argv[2]), (unsigned)atoi(argv[3]),
		    atoi(argv[4]));
	}
	if (argc != 2) {
		fprintf(stderr, "usage: kt_perm DIR\n");
		return 2;
	}
	dir = argv[1];
	if (make_tree() != 0)
		return 1;
	for (unsigned i = 0; i < sizeof who / sizeof who[0]; i++) {
		char *args[] = { argv[0], "-as", (char *)who[i].uid,
		    (char *)who[i].gid, (char *)who[i].supp, (char *)dir, NULL };
		pid_t pid;
		int st;

		if (posix_spawnp(&pid, argv[0], NULL, NULL, args, environ) != 0 ||
		    waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0) {
			printf("kt_perm: FAIL as uid %s gid %s\n", who[i].uid,
			    who[i].gid);
			bad = 1;
		}
	}
	if (bad)
		return 1;
	printf("kt_perm: all identities passed\n");
	return 0;
}
