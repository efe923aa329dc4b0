/*
 * test_abi.c - what core/abi.h promises programs and daemons: struct
 * layouts (sizes and offsets, as Redox's repr(C) ones and our packets in
 * ARCHITECTURE.md) and the numbers that must match Redox's classic ABI
 * (shared/research/redox-reference.md section 1).
 */
#include "core/abi.h"

#include <check.h>
#include <stddef.h>

#define SIZE(t, n) ck_assert_uint_eq(sizeof(t), n)
#define OFF(t, f, n) ck_assert_uint_eq(offsetof(t, f), n)

START_TEST(test_packets)
{
	SIZE(struct scheme_request, 72);
	OFF(struct scheme_request, id, 0);
	OFF(struct scheme_request, pid, 8);
	OFF(struct scheme_request, uid, 16);
	OFF(struct scheme_request, gid, 20);
	OFF(struct scheme_request, op, 24);
	OFF(struct scheme_request, flags, 28);
	OFF(struct scheme_request, a, 32);
	OFF(struct scheme_request, b, 40);
	OFF(struct scheme_request, c, 48);
	OFF(struct scheme_request, d, 56);
	OFF(struct scheme_request, len, 64);
	OFF(struct scheme_request, reserved, 68);

	SIZE(struct scheme_response, 24);
	OFF(struct scheme_response, id, 0);
	OFF(struct scheme_response, result, 8);
	OFF(struct scheme_response, len, 16);
	OFF(struct scheme_response, flags, 20);

	/* payloads follow headers directly: both keep 8-byte alignment */
	ck_assert_uint_eq(_Alignof(struct scheme_request), 8);
	ck_assert_uint_eq(_Alignof(struct scheme_response), 8);
	ck_assert_uint_eq(SCHEME_PAYLOAD_MAX, 128 * 1024);

	/* the op numbers daemons switch on */
	ck_assert_int_eq(SCHEME_OPEN, 1);
	ck_assert_int_eq(SCHEME_READ, 2);
	ck_assert_int_eq(SCHEME_WRITE, 3);
	ck_assert_int_eq(SCHEME_SEEK, 4);
	ck_assert_int_eq(SCHEME_CLOSE, 5);
	ck_assert_int_eq(SCHEME_DUP, 6);
	ck_assert_int_eq(SCHEME_FSTAT, 7);
	ck_assert_int_eq(SCHEME_GETDENTS, 18);
	ck_assert_int_eq(SCHEME_FUTIMENS, 21);
	ck_assert_int_eq(SCHEME_CANCEL, 22);
}
END_TEST

START_TEST(test_redox_structs)
{
	SIZE(struct redox_stat, 104);
	OFF(struct redox_stat, st_dev, 0);
	OFF(struct redox_stat, st_ino, 8);
	OFF(struct redox_stat, st_mode, 16);
	OFF(struct redox_stat, st_nlink, 20);
	OFF(struct redox_stat, st_uid, 24);
	OFF(struct redox_stat, st_gid, 28);
	OFF(struct redox_stat, st_size, 32);
	OFF(struct redox_stat, st_blksize, 40);
	OFF(struct redox_stat, st_blocks, 48);
	OFF(struct redox_stat, st_mtime, 56);
	OFF(struct redox_stat, st_mtime_nsec, 64);
	OFF(struct redox_stat, st_atime, 72);
	OFF(struct redox_stat, st_atime_nsec, 80);
	OFF(struct redox_stat, st_ctime, 88);
	OFF(struct redox_stat, st_ctime_nsec, 96);

	SIZE(struct redox_statvfs, 32);
	OFF(struct redox_statvfs, f_bsize, 0);
	OFF(struct redox_statvfs, f_blocks, 8);
	OFF(struct redox_statvfs, f_bfree, 16);
	OFF(struct redox_statvfs, f_bavail, 24);

	SIZE(struct redox_timespec, 16);
	OFF(struct redox_timespec, tv_sec, 0);
	OFF(struct redox_timespec, tv_nsec, 8);

	SIZE(struct redox_event, 24);
	OFF(struct redox_event, id, 0);
	OFF(struct redox_event, flags, 8);
	OFF(struct redox_event, data, 16);

	SIZE(struct redox_sigaction, 32);
	OFF(struct redox_sigaction, sa_handler, 0);
	OFF(struct redox_sigaction, sa_mask, 8);
	OFF(struct redox_sigaction, sa_flags, 24);

	SIZE(struct redox_rlimit, 16);
	OFF(struct redox_rlimit, rlim_cur, 0);
	OFF(struct redox_rlimit, rlim_max, 8);

	/* packed: the name starts right after the 19-byte header */
	SIZE(struct redox_dirent, 19);
	OFF(struct redox_dirent, d_ino, 0);
	OFF(struct redox_dirent, d_off, 8);
	OFF(struct redox_dirent, d_reclen, 16);
	OFF(struct redox_dirent, d_type, 18);
	OFF(struct redox_dirent, d_name, 19);
	ck_assert_int_eq(DT_DIR, 4);
	ck_assert_int_eq(DT_REG, 8);
	ck_assert_int_eq(DT_LNK, 10);
}
END_TEST

START_TEST(test_syscall_numbers)
{
	ck_assert_uint_eq(SYS_OPEN, 0x10100005);
	ck_assert_uint_eq(SYS_CHMOD, 0x1000000F);
	ck_assert_uint_eq(SYS_RMDIR, 0x10000054);
	ck_assert_uint_eq(SYS_UNLINK, 0x1000000A);
	ck_assert_uint_eq(SYS_CLOSE, 0x20000006);
	ck_assert_uint_eq(SYS_DUP, 0x20100029);
	ck_assert_uint_eq(SYS_DUP2, 0x2010003F);
	ck_assert_uint_eq(SYS_READ, 0x22000003);
	ck_assert_uint_eq(SYS_WRITE, 0x21000004);
	ck_assert_uint_eq(SYS_LSEEK, 0x20000013);
	ck_assert_uint_eq(SYS_FCHMOD, 0x2000005E);
	ck_assert_uint_eq(SYS_FCHOWN, 0x200000CF);
	ck_assert_uint_eq(SYS_FCNTL, 0x20000037);
	ck_assert_uint_eq(SYS_FEVENT, 0x2000039F);
	ck_assert_uint_eq(SYS_FPATH, 0x220003A0);
	ck_assert_uint_eq(SYS_FRENAME, 0x23000026);
	ck_assert_uint_eq(SYS_FSTAT, 0x2200001C);
	ck_assert_uint_eq(SYS_FSTATVFS, 0x22000064);
	ck_assert_uint_eq(SYS_FSYNC, 0x20000076);
	ck_assert_uint_eq(SYS_FTRUNCATE, 0x2000005D);
	ck_assert_uint_eq(SYS_FUTIMENS, 0x21000140);
	ck_assert_uint_eq(SYS_GETDENTS, 0x2000002B);
	ck_assert_int_eq(SYS_EXIT, 1);
	ck_assert_int_eq(SYS_WAITPID, 7);
	ck_assert_int_eq(SYS_CHDIR, 12);
	ck_assert_int_eq(SYS_GETPID, 20);
	ck_assert_int_eq(SYS_KILL, 37);
	ck_assert_int_eq(SYS_BRK, 45);
	ck_assert_int_eq(SYS_SIGACTION, 67);
	ck_assert_int_eq(SYS_SIGRETURN, 119);
	ck_assert_int_eq(SYS_MPROTECT, 125);
	ck_assert_int_eq(SYS_SIGPROCMASK, 126);
	ck_assert_int_eq(SYS_YIELD, 158);
	ck_assert_int_eq(SYS_NANOSLEEP, 162);
	ck_assert_int_eq(SYS_GETCWD, 183);
	ck_assert_int_eq(SYS_GETUID, 199);
	ck_assert_int_eq(SYS_FUTEX, 240);
	ck_assert_int_eq(SYS_CLOCK_GETTIME, 265);
	ck_assert_int_eq(SYS_PIPE2, 331);
	/* our additions stay out of Redox's range */
	ck_assert_int_ge(SYS_SPAWN, 1000);
	ck_assert_int_ge(SYS_GETTID, 1000);
	ck_assert_int_eq(SYS_GETRLIMIT, 1020);
	ck_assert_int_eq(SYS_SETRLIMIT, 1021);
	/* Linux's resource numbers, so programs' constants mean the same */
	ck_assert_int_eq(RLIMIT_NPROC, 6);
	ck_assert_int_eq(RLIMIT_NOFILE, 7);
	ck_assert_int_eq(RLIMIT_AS, 9);
}
END_TEST

START_TEST(test_flags_and_modes)
{
	ck_assert_uint_eq(O_RDONLY, 0x00010000);
	ck_assert_uint_eq(O_WRONLY, 0x00020000);
	ck_assert_uint_eq(O_RDWR, 0x00030000);
	ck_assert_uint_eq(O_ACCMODE, 0x00030000);
	ck_assert_uint_eq(O_NONBLOCK, 0x00040000);
	ck_assert_uint_eq(O_APPEND, 0x00080000);
	ck_assert_uint_eq(O_SHLOCK, 0x00100000);
	ck_assert_uint_eq(O_EXLOCK, 0x00200000);
	ck_assert_uint_eq(O_ASYNC, 0x00400000);
	ck_assert_uint_eq(O_FSYNC, 0x00800000);
	ck_assert_uint_eq(O_CLOEXEC, 0x01000000);
	ck_assert_uint_eq(O_CREAT, 0x02000000);
	ck_assert_uint_eq(O_TRUNC, 0x04000000);
	ck_assert_uint_eq(O_EXCL, 0x08000000);
	ck_assert_uint_eq(O_DIRECTORY, 0x10000000);
	ck_assert_uint_eq(O_STAT, 0x20000000);
	ck_assert_uint_eq(O_SYMLINK, 0x40000000);
	ck_assert_uint_eq(O_NOFOLLOW, 0x80000000u);
	/* the create mode rides in the low 16 bits: no flag may use them */
	ck_assert_uint_eq((O_ACCMODE | O_NONBLOCK | O_APPEND | O_CLOEXEC | O_CREAT |
	    O_TRUNC | O_EXCL | O_DIRECTORY | O_STAT | O_SYMLINK | O_NOFOLLOW) & 0xffff, 0);
	ck_assert_uint_eq(O_FCNTL_MASK, O_NONBLOCK | O_APPEND | O_ASYNC | O_FSYNC);

	ck_assert_uint_eq(MODE_TYPE, 0xF000);
	ck_assert_uint_eq(MODE_FIFO, 0x1000);
	ck_assert_uint_eq(MODE_CHR, 0x2000);
	ck_assert_uint_eq(MODE_DIR, 0x4000);
	ck_assert_uint_eq(MODE_BLK, 0x6000);
	ck_assert_uint_eq(MODE_FILE, 0x8000);
	ck_assert_uint_eq(MODE_SYMLINK, 0xA000);
	ck_assert_uint_eq(MODE_PERM, 0x0FFF);
	ck_assert_uint_eq(MODE_SETUID, 04000);
	ck_assert_uint_eq(MODE_SETGID, 02000);

	ck_assert_uint_eq(PROT_EXEC, 0x10000);
	ck_assert_uint_eq(PROT_WRITE, 0x20000);
	ck_assert_uint_eq(PROT_READ, 0x40000);
	ck_assert_uint_eq(MAP_SHARED, 1);
	ck_assert_uint_eq(MAP_PRIVATE, 2);
	ck_assert_uint_eq(MAP_FIXED, 4);
	ck_assert_int_eq(CLOCK_REALTIME, 1);
	ck_assert_int_eq(CLOCK_MONOTONIC, 4);
	ck_assert_int_eq(SEEK_END, 2);
	ck_assert_int_eq(F_SETFL, 4);
	ck_assert_uint_eq(SA_RESTORER, 0x04000000);
	ck_assert_uint_eq(SA_RESETHAND, 0x80000000u);
	ck_assert_int_eq(AT_PHDR, 3);
	ck_assert_int_eq(AT_ENTRY, 9);
}
END_TEST

START_TEST(test_errno_and_signals)
{
	/* Linux numbers; EWOULDBLOCK == EAGAIN by ARCHITECTURE.md's choice */
	ck_assert_int_eq(EPERM, 1);
	ck_assert_int_eq(ENOENT, 2);
	ck_assert_int_eq(EINTR, 4);
	ck_assert_int_eq(EIO, 5);
	ck_assert_int_eq(ENOEXEC, 8);
	ck_assert_int_eq(EBADF, 9);
	ck_assert_int_eq(EAGAIN, 11);
	ck_assert_int_eq(EWOULDBLOCK, EAGAIN);
	ck_assert_int_eq(ENOMEM, 12);
	ck_assert_int_eq(EFAULT, 14);
	ck_assert_int_eq(EEXIST, 17);
	ck_assert_int_eq(EINVAL, 22);
	ck_assert_int_eq(EMFILE, 24);
	ck_assert_int_eq(ENAMETOOLONG, 36);
	ck_assert_int_eq(ENOSYS, 38);
	ck_assert_int_eq(ETIMEDOUT, 110);
	ck_assert_int_eq(EOWNERDEAD, 130);
	ck_assert_int_lt(EOWNERDEAD, ERRNO_MAX);

	ck_assert_int_eq(SIGHUP, 1);
	ck_assert_int_eq(SIGKILL, 9);
	ck_assert_int_eq(SIGSEGV, 11);
	ck_assert_int_eq(SIGCHLD, 17);
	ck_assert_int_eq(SIGSTOP, 19);
	ck_assert_int_eq(SIGSYS, 31);
	ck_assert_int_eq(NSIG, 32);
}
END_TEST

Suite *
abi_suite(void)
{
	Suite *s = suite_create("abi");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, test_packets);
	tcase_add_test(tc, test_redox_structs);
	suite_add_tcase(s, tc);
	tc = tcase_create("numbers");
	tcase_add_test(tc, test_syscall_numbers);
	tcase_add_test(tc, test_flags_and_modes);
	tcase_add_test(tc, test_errno_and_signals);
	suite_add_tcase(s, tc);
	return s;
}
