/*
 * events.c - time, the one-shot timer, pending events and idling.
 *
 * Signal handlers only set bits in `pending`; the core takes them with
 * hal_events_take().  hal_idle() blocks signals, checks, then waits in
 * ppoll() with them unblocked, so no wake-up is lost.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"

int hosted_console_fd(void);

/* Pending HAL_EV_* bits; hal_events_take (thunks.S) swaps it with 0. */
volatile uint32_t hosted_pending;
static int tick_timer;	/* the kernel's timer id */

void
hosted_event_post(uint32_t ev)
{
	__atomic_or_fetch(&hosted_pending, ev, __ATOMIC_SEQ_CST);
}

void
hosted_events_init(void)
{
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGALRM;
	sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
	/* The raw call, for the kernel's id: hal_timer_arm uses it raw. */
	if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &tick_timer) != 0) {
		perror("redox-hosted: timer_create");
		_exit(1);
	}
}


/*
 * Without a thunk (thunks.S): the scheduler arms the tick whenever a
 * second thread becomes ready, many times a second under load.
 */
void
hal_timer_arm(uint64_t deadline_ns)
{
	struct itimerspec its;
	memset(&its, 0, sizeof its);
	if (deadline_ns) {
		uint64_t abs = deadline_ns + hosted_clock_boot();
		its.it_value.tv_sec = (time_t)(abs / 1000000000ull);
		its.it_value.tv_nsec = (long)(abs % 1000000000ull);
		if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
			its.it_value.tv_nsec = 1;
	}
	(void)hosted_rawsys4(SYS_timer_settime, tick_timer, TIMER_ABSTIME, &its, 0);
}

void
hosted_idle(void)
{
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if (!hosted_pending) {
		/* A negative fd is skipped by poll. */
		struct pollfd pfd[2] = {
			{ hosted_console_fd(), POLLIN, 0 },
			{ hosted_nic_fd(), POLLIN, 0 },
		};
		int n = ppoll(pfd, 2, NULL, &old);
		if (n > 0 && pfd[0].revents)
			hosted_event_post(HAL_EV_CONSOLE);
		if (n > 0 && pfd[1].revents)
			hosted_event_post(HAL_EV_NET);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}
