/*
 * time.c - monotonic and wall clocks, the one-shot timer, events, idle.
 *
 * The monotonic clock is the TSC scaled to ns (a 32.32 fixed-point factor
 * measured against PIT channel 2 over 20 ms at boot).  The local APIC
 * timer is measured over the same window.  An APIC count is 32 bits, so a
 * far deadline may fire early: the handler re-arms until it has really
 * passed, and only then raises HAL_EV_TIMER.
 *
 * The core runs with interrupts off, so `pending` only changes under it
 * inside hal_idle(), which checks and halts atomically (sti; hlt).
 */
#include "hal/hal.h"
#include "hal/x86_64/apic.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/time.h"
#include "hal/x86_64/trap.h"

#define PIT_HZ		1193182u
#define CAL_MS		20

static volatile uint32_t pending;
static uint64_t tsc0;
static uint64_t tsc_mult;	/* ns per TSC tick, 32.32 */
static uint64_t apic_mult;	/* APIC ticks per ns, 32.32 */
static uint64_t tsc_hz, apic_hz;
static uint64_t deadline;
static uint64_t wall_base_ns;

void
x86_event_post(uint32_t ev)
{
	pending |= ev;
}

static uint64_t
mul32(uint64_t a, uint64_t m)
{
	return (uint64_t)(((unsigned __int128)a * m) >> 32);
}

uint64_t
hal_clock_ns(void)
{
	return mul32(rdtsc() - tsc0, tsc_mult);
}

static void
arm(uint64_t now)
{
	if (!deadline) {
		apic_timer_start(0);
		return;
	}
	uint64_t delta = deadline > now ? deadline - now : 0;
	uint64_t ticks = mul32(delta, apic_mult);
	if (ticks == 0)
		ticks = 1;
	if (ticks > 0xffffffffu)
		ticks = 0xffffffffu;
	apic_timer_start((uint32_t)ticks);
}

void
hal_timer_arm(uint64_t deadline_ns)
{
	deadline = deadline_ns;
	arm(hal_clock_ns());
}

static void
timer_irq(struct x86_frame *f)
{
	(void)f;
	uint64_t now = hal_clock_ns();
	if (!deadline)
		return;
	if (now < deadline) {
		arm(now);	/* fired early: the 32-bit count ran out */
		return;
	}
	deadline = 0;
	x86_event_post(HAL_EV_TIMER);
}

uint32_t
hal_events_take(void)
{
	uint32_t ev = pending;
	pending = 0;
	return ev;
}

void
hal_idle(void)
{
	/* sti's shadow covers hlt: an interrupt cannot slip in between. */
	while (!pending)
		__asm__ volatile("sti; hlt; cli" ::: "memory");
}

/* Counts TSC and APIC ticks over CAL_MS of PIT channel 2 (gate on, no speaker). */
static void
calibrate(void)
{
	uint32_t count = PIT_HZ * CAL_MS / 1000;
	outb(0x61, (uint8_t)((inb(0x61) & ~0x02) | 0x01));
	outb(0x43, 0xb0);		/* channel 2, lo/hi, mode 0 */
	outb(0x42, (uint8_t)count);
	outb(0x42, (uint8_t)(count >> 8));
	/* Restart the gate so the count begins now. */
	uint8_t g = inb(0x61);
	outb(0x61, (uint8_t)(g & ~0x01));
	outb(0x61, (uint8_t)(g | 0x01));
	apic_timer_start(0xffffffffu);
	uint64_t t0 = rdtsc();
	while (!(inb(0x61) & 0x20))
		;
	uint64_t t1 = rdtsc();
	uint32_t left = apic_timer_count();
	apic_timer_start(0);
	tsc_hz = (t1 - t0) * 1000 / CAL_MS;
	apic_hz = (uint64_t)(0xffffffffu - left) * 1000 / CAL_MS;
	if (tsc_hz == 0 || apic_hz == 0)
		x86_panic("timer calibration failed (tsc %lu Hz, apic %lu Hz)", tsc_hz, apic_hz);
	tsc_mult = (1000000000ull << 32) / tsc_hz;
	apic_mult = (apic_hz << 32) / 1000000000ull;
	if (apic_mult == 0)
		apic_mult = 1;
}

static uint8_t
cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static int
bcd(int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

uint64_t
rtc_read_unix(void)
{
	uint8_t r[2][7];
	/* Read until two reads agree and no update was in progress. */
	for (int tries = 0; tries < 1000; tries++) {
		for (int k = 0; k < 2; k++) {
			while (cmos(0x0a) & 0x80)
				;
			r[k][0] = cmos(0x00); r[k][1] = cmos(0x02); r[k][2] = cmos(0x04);
			r[k][3] = cmos(0x07); r[k][4] = cmos(0x08); r[k][5] = cmos(0x09);
			r[k][6] = cmos(0x32);
		}
		if (memcmp(r[0], r[1], sizeof r[0]) == 0)
			break;
	}
	uint8_t b = cmos(0x0b);
	int sec = r[0][0], min = r[0][1], hour = r[0][2], day = r[0][3];
	int mon = r[0][4], year = r[0][5], cent = r[0][6];
	int pm = hour & 0x80;
	hour &= 0x7f;
	if (!(b & 0x04)) {
		sec = bcd(sec); min = bcd(min); hour = bcd(hour);
		day = bcd(day); mon = bcd(mon); year = bcd(year); cent = bcd(cent);
	}
	if (!(b & 0x02) && pm)
		hour = (hour % 12) + 12;
	int full = (cent >= 19 && cent <= 30 ? cent : 20) * 100 + year;
	return (uint64_t)(days_from_civil(full, (unsigned)mon, (unsigned)day) * 86400 +
	    hour * 3600 + min * 60 + sec);
}

uint64_t
hal_wallclock_ns(void)
{
	return wall_base_ns + hal_clock_ns();
}

void
time_init(void)
{
	apic_init();
	calibrate();
	tsc0 = rdtsc();
	wall_base_ns = rtc_read_unix() * 1000000000ull;
	x86_vector_set(VEC_TIMER, timer_irq);
	x86_printf("x86: TSC %lu MHz, APIC timer %lu kHz (PIT-calibrated)\n",
	    tsc_hz / 1000000, apic_hz / 1000);
}
