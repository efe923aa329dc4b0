/*
 * The commit policy both RedoxFS daemons follow (fs/redoxfs/lib/policy.h):
 * nothing is due without a change; a batch is due at RFS_POLICY_OPS
 * changes, RFS_POLICY_BYTES bytes or RFS_POLICY_MS after its first
 * change, whichever comes first; a commit starts afresh; and space
 * freed by a batch makes it due only when some is waiting.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/ops.h"
#include "fs/redoxfs/lib/policy.h"
#include "fs/redoxfs/lib/write.h"
#include "tests/unit/rfs_memdisk.h"

START_TEST(test_window)
{
	struct rfs_policy p;

	memset(&p, 0, sizeof p);
	ck_assert_int_eq(rfs_policy_wait_ms(&p, 5000), -1);
	ck_assert(!rfs_policy_due(&p, 5000));
	/* The age counts from the first change, not the last. */
	rfs_policy_change(&p, 0, 5000);
	rfs_policy_change(&p, 100, 5600);
	ck_assert_int_eq(rfs_policy_wait_ms(&p, 5600), RFS_POLICY_MS - 600);
	ck_assert(!rfs_policy_due(&p, 5000 + RFS_POLICY_MS - 1));
	ck_assert(rfs_policy_due(&p, 5000 + RFS_POLICY_MS));
	/* A clock that goes back waits the whole window, no more. */
	ck_assert_int_eq(rfs_policy_wait_ms(&p, 4000), RFS_POLICY_MS);
	rfs_policy_committed(&p);
	ck_assert_int_eq(rfs_policy_wait_ms(&p, 99999), -1);
	ck_assert_uint_eq(p.bytes, 0);
}
END_TEST

START_TEST(test_ops_and_bytes)
{
	struct rfs_policy p;

	memset(&p, 0, sizeof p);
	for (int i = 0; i < RFS_POLICY_OPS - 1; i++) {
		rfs_policy_change(&p, 0, 10);
		ck_assert(!rfs_policy_due(&p, 10));
	}
	rfs_policy_change(&p, 0, 10);
	ck_assert(rfs_policy_due(&p, 10));
	ck_assert_int_eq(rfs_policy_wait_ms(&p, 10), 0);
	rfs_policy_committed(&p);
	rfs_policy_change(&p, RFS_POLICY_BYTES - 1, 10);
	ck_assert(!rfs_policy_due(&p, 10));
	rfs_policy_change(&p, 1, 10);
	ck_assert(rfs_policy_due(&p, 10));
	/* Bytes saturate rather than wrap. */
	rfs_policy_change(&p, UINT64_MAX, 10);
	ck_assert(rfs_policy_due(&p, 10));
}
END_TEST

START_TEST(test_space)
{
	static const uint8_t uuid[16] = { 1 };
	struct rfs_memdisk m;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node n;
	static char big[1 << 20];

	/* rfs_format leaves the fs open for writing. */
	rfs_memdisk_init(&m, &d, 32u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 8192, uuid, 1, 0), 0);
	/* Nothing freed waits: never due for space, however full. */
	ck_assert(!rfs_policy_space_due(&fs, fs.blocks * 2));
	ck_assert_int_eq(rfs_create(&fs, 1, "f", 1, 0100644, 0, 0, 1, 0, &n), 0);
	memset(big, 7, sizeof big);
	ck_assert_int_eq(rfs_node_write(&fs, &n, 0, big, sizeof big), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	ck_assert_int_eq(rfs_node_truncate(&fs, &n, 0), 0);
	/*
	 * 1 MiB freed waits on a commit: due when free space is short for
	 * what a change needs, not while plenty is free (and the freed
	 * blocks are under 1/8 of the disk).
	 */
	ck_assert_uint_gt(rfs_wr_deferred(&fs), 0);
	ck_assert_uint_lt(rfs_wr_deferred(&fs), fs.blocks / 8);
	ck_assert(!rfs_policy_space_due(&fs, 0));
	ck_assert(rfs_policy_space_due(&fs, fs.blocks));
	ck_assert_int_eq(rfs_commit(&fs), 0);
	ck_assert(!rfs_policy_space_due(&fs, fs.blocks));
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(m.data);
}
END_TEST

Suite *
redoxfs_policy_suite(void)
{
	Suite *s = suite_create("redoxfs-policy");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, test_window);
	tcase_add_test(tc, test_ops_and_bytes);
	tcase_add_test(tc, test_space);
	suite_add_tcase(s, tc);
	return s;
}
