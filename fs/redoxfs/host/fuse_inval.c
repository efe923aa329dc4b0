/* Dropping names from the kernel's cache, from a thread (fuse_inval.h). */
#define _GNU_SOURCE		/* pthread_timedjoin_np */
#define FUSE_USE_VERSION 34
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/host/fuse_int.h"
#include "fs/redoxfs/host/fuse_inval.h"

struct job {
	struct job *next;
	uint32_t dir;
	size_t len;
	char name[];
};

static struct fuse_session *session;
static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static struct job *head, **tail = &head;
static int running, stopping;

static void *
inval_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (head == NULL && !stopping)
			pthread_cond_wait(&more, &lock);
		struct job *j = head;
		if (j == NULL)
			break;
		if ((head = j->next) == NULL)
			tail = &head;
		pthread_mutex_unlock(&lock);
		/* -ENOENT (not cached) and errors after unmount are fine. */
		fuse_lowlevel_notify_inval_entry(session, j->dir, j->name,
		    j->len);
		free(j);
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int
inval_start(struct fuse_session *se)
{
	session = se;
	if (pthread_create(&thread, NULL, inval_main, NULL) != 0)
		return -EAGAIN;
	running = 1;
	return 0;
}

void
inval_entry(uint32_t dir, const char *name, size_t len)
{
	struct job *j;

	if (!running || (j = malloc(sizeof *j + len + 1)) == NULL)
		return;
	j->next = NULL;
	j->dir = dir;
	j->len = len;
	memcpy(j->name, name, len);
	j->name[len] = 0;
	pthread_mutex_lock(&lock);
	*tail = j;
	tail = &j->next;
	pthread_cond_signal(&more);
	pthread_mutex_unlock(&lock);
}

static int
child(void *arg, uint32_t id, const char *name, size_t len)
{
	(void)id;
	inval_entry(*(uint32_t *)arg, name, len);
	return 0;
}

void
inval_children(uint32_t dir)
{
	struct rfs_node *n = malloc(sizeof *n);

	if (running && n != NULL && load(dir, n) == 0)
		rfs_dir_iter(&fs, n, child, &dir);
	free(n);
}

void
inval_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&more);
	pthread_mutex_unlock(&lock);
	/* A notice can wait on a lock held by a caller that will never be
	 * answered (the loop stopped on a signal): then exit without it. */
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += 2;
	if (pthread_timedjoin_np(thread, NULL, &t) != 0)
		pthread_detach(thread);
	running = 0;
}
