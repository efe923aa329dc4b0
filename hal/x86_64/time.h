/*
 * time.h - clocks, the one-shot timer, pending events and idling
 * (time.c): TSC for time, the local APIC timer for deadlines, both
 * calibrated against the PIT; the CMOS RTC for the wall clock.
 */
#ifndef HAL_X86_64_TIME_H
#define HAL_X86_64_TIME_H

#include <stdint.h>

void time_init(void);
/* Marks events pending (interrupt handlers, completed requests). */
void x86_event_post(uint32_t ev);
/* Seconds since 1970 from the CMOS RTC (also seed material). */
uint64_t rtc_read_unix(void);

#endif
