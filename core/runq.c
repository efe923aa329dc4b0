/* runq.c - the round-robin run queue: a FIFO of runnable threads. */
#include "core/sched.h"

void
runq_init(struct runq *rq)
{
	list_init(&rq->head);
	rq->count = 0;
}

void
runq_push(struct runq *rq, struct thread *t)
{
	list_push_back(&rq->head, &t->run_link);
	rq->count++;
}

struct thread *
runq_pop(struct runq *rq)
{
	struct list *l = list_pop_front(&rq->head);
	if (!l)
		return NULL;
	rq->count--;
	return list_entry(l, struct thread, run_link);
}

struct thread *
runq_peek(struct runq *rq)
{
	return list_empty(&rq->head) ? NULL : list_entry(rq->head.next, struct thread, run_link);
}

void
runq_remove(struct runq *rq, struct thread *t)
{
	if (list_empty(&t->run_link))
		return;
	list_remove(&t->run_link);
	rq->count--;
}
