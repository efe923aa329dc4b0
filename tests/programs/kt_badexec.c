/*
 * kt_badexec - spawning files that are not programs: random bytes, a
 * truncated program, a text file, a directory, a missing path.  Each
 * must fail with the right error from posix_spawn, and the system goes on.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>

extern char **environ;

int
main(void)
{
	static const struct { const char *path; int err; } cases[] = {
		{ "initfs:/bin/kt_garbage", ENOEXEC },
		{ "initfs:/bin/kt_truncated", ENOEXEC },
		{ "initfs:/bin/kt_elf32", ENOEXEC },
		{ "initfs:/etc/init.rc", EACCES },
		{ "initfs:/bin", EISDIR },
		{ "initfs:/bin/no_such_program", ENOENT },
		{ "nosuchscheme:/x", ENODEV },
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *args[] = { (char *)cases[i].path, NULL };
		pid_t pid;
		int e = posix_spawn(&pid, cases[i].path, NULL, NULL, args, environ);
		if (e != cases[i].err) {
			printf("kt_badexec: %s: got %s, want %s\n", cases[i].path,
			    e ? strerror(e) : "success", strerror(cases[i].err));
			bad = 1;
		}
	}
	char *args[] = { "kt_true", NULL };
	pid_t pid;
	if (posix_spawnp(&pid, "kt_true", NULL, NULL, args, environ) != 0) {
		printf("kt_badexec: a good program no longer starts\n");
		bad = 1;
	}
	printf(bad ? "kt_badexec: FAILED\n" : "kt_badexec: all bad programs refused\n");
	return bad;
}
