/*
 * fake_hal.h - a HAL for unit tests.  Pages come from the C heap and are
 * counted, the console is a buffer, time moves only when a test moves it,
 * address spaces are tokens whose mappings are recorded (no memory behind
 * them), and nothing ever really switches threads.
 *
 * Calls that cannot return (hal_poweroff, hal_user_enter, a switch that
 * drops the running context, hal_idle with nothing that could wake it)
 * longjmp back to fake_run(), which reports why.
 */
#ifndef TESTS_UNIT_FAKE_HAL_H
#define TESTS_UNIT_FAKE_HAL_H

#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"

/* What fake_run() returns besides a hal_poweroff() status (0..255). */
#define FAKE_RETURNED	(-1000)	/* fn returned normally */
#define FAKE_DROPPED	(-1001)	/* hal_thread_switch(NULL, to) */
#define FAKE_USER	(-1002)	/* hal_user_enter() */
#define FAKE_DEADLOCK	(-1003)	/* hal_idle() with no event and no timer */

int fake_run(void (*fn)(void *), void *arg);

/* Pages handed out by hal_page_alloc and not yet freed. */
size_t fake_pages_used(void);
/* The next n allocations succeed, then every one fails (-1: never fail). */
void fake_pages_fail_after(long n);

/* Everything written to the console since the last reset (NUL-terminated). */
const char *fake_console(void);
void fake_console_reset(void);

/* Time and events. */
void fake_clock_set(uint64_t ns);
uint64_t fake_timer(void);		/* the armed deadline, 0 if none */
void fake_events_raise(uint32_t ev);

/* Threads: the last switch's endpoints and live counts. */
extern struct hal_thread *fake_switch_from, *fake_switch_to;
extern unsigned fake_switches;
int fake_threads_live(void);
/*
 * If set, called on every switch that keeps `from` (after recording it),
 * as if `to` ran until it switched back.  A test uses it to play a
 * second thread, e.g. a scheme daemon that answers and then yields.
 */
extern void (*fake_switch_hook)(struct hal_thread *from, struct hal_thread *to);

/* Address spaces: what is mapped, and how. */
size_t fake_as_mapped(struct hal_as *as);	/* bytes */
int fake_as_prot(struct hal_as *as, uintptr_t addr);	/* -1 if unmapped */
int fake_as_live(void);
extern unsigned fake_protect_calls;

/* User copies: [lo, hi) faults (-EFAULT); lo == hi clears. */
void fake_user_bad(uintptr_t lo, uintptr_t hi);

/*
 * Signal frames as on a user stack, newest last: hal_signal_push adds
 * one (-EFAULT once FAKE_SIGFRAMES are live: no room), hal_signal_return
 * takes the newest back (-EFAULT if none).  A test reads what the core
 * pushed, and may edit a frame's cookie as a program could.
 */
struct fake_sigframe {
	uintptr_t handler, restorer;
	int sig;
	uint64_t cookie;
	long rax;
	uint8_t saved[HAL_SIG_SAVED];
	uintptr_t alt_lo, alt_hi;	/* the alternate stack it was given */
	uint8_t info[64];		/* the core's struct redox_siginfo */
};
/* What hal_user_sp() answers. */
extern uintptr_t fake_user_sp;
#define FAKE_SIGFRAMES 8
extern struct fake_sigframe fake_sigframes[FAKE_SIGFRAMES];
extern int fake_nsigframes;

#endif
