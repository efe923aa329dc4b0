/*
 * netscheme.c - network:, the HAL's first NIC as a scheme.
 *
 *   network:      read takes one whole Ethernet frame, write sends one.
 *                 One holder at a time (the stack daemon), root only:
 *                 whoever holds it sees and forges every frame.
 *   network:mac   the interface's 6-byte address, for anyone to read.
 *
 * The core keeps one received frame at most ("held"): enough to answer
 * fevent without taking a frame the reader has not asked for.  Frames
 * otherwise wait in the HAL (the host's TAP queue, the NIC's ring), so a
 * stack that falls behind loses frames there, as on real hardware.
 */
#include "core/abi.h"
#include "core/event.h"
#include "core/file.h"
#include "core/netscheme.h"
#include "core/sched.h"
#include "core/scheme.h"
#include "core/str.h"
#include "core/textfile.h"
#include "hal/hal.h"

/* The frame handle; text handles (mac) are pointers, never 1. */
#define H_FRAMES 1

static struct scheme *net_scheme;
static struct hal_nic *nic;
static bool held_open;			/* network: has its one holder */
static uint8_t held[HAL_NIC_FRAME_MAX];
static size_t held_len;
static struct waitq rx_wait, tx_wait;

/* Pulls the next frame into `held` if it is empty: true if one is held. */
static bool
fill(void)
{
	if (held_len == 0) {
		long n = nic->recv(nic, held, sizeof held);
		if (n > 0)
			held_len = (size_t)n;
	}
	return held_len > 0;
}

void
netscheme_event(void)
{
	if (!nic)
		return;
	waitq_wake(&rx_wait, -1);
	waitq_wake(&tx_wait, -1);
	if (held_open && fill())
		event_trigger(net_scheme, H_FRAMES, EVENT_READ);
}

static int
net_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s;
	scheme_trim(&ref, &len);
	if (flags & O_CREAT)
		return -EACCES;
	if (str_eqn(ref, len, "mac")) {
		struct textbuf t = { 0 };
		if (flags & O_WRONLY)
			return -EACCES;
		text_append(&t, (const char *)nic->mac, sizeof nic->mac);
		*handle = text_handle(&t);
		return *handle ? 0 : -ENOMEM;
	}
	if (len != 0)
		return -ENOENT;
	if (c->uid != 0)
		return -EACCES;
	if (held_open)
		return -EBUSY;
	held_open = true;
	held_len = 0;		/* nothing from before this holder */
	*handle = H_FRAMES;
	return 0;
}

static long
net_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	if (f->handle != H_FRAMES)
		return text_read(f, buf, len);
	for (;;) {
		if (fill()) {
			size_t n = held_len < len ? held_len : len;
			memcpy(buf, held, n);
			held_len = 0;
			return (long)n;
		}
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&rx_wait, 0, true) == -EINTR)
			return -EINTR;
	}
}

static long
net_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	if (f->handle != H_FRAMES)
		return -EBADF;
	if (len < HAL_NIC_FRAME_MIN || len > HAL_NIC_FRAME_MAX)
		return -EINVAL;
	for (;;) {
		int e = nic->send(nic, buf, len);
		if (e == 0)
			return (long)len;
		if (e != -EAGAIN)
			return e;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&tx_wait, 0, true) == -EINTR)
			return -EINTR;
	}
}

static int
net_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	if (f->handle != H_FRAMES)
		return text_fstat(f, st, MODE_FILE | 0444);
	*st = (struct redox_stat){ .st_mode = MODE_CHR | 0600, .st_nlink = 1 };
	return 0;
}

static int
net_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	(void)s;
	if (f->handle != H_FRAMES)
		return (int)(flags & EVENT_READ);
	return (int)(flags & (EVENT_WRITE | (fill() ? EVENT_READ : 0)));
}

static long
net_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	(void)s;
	const char *p = f->handle == H_FRAMES ? "network:" : "network:mac";
	size_t n = str_len(p);
	if (len < n)
		return -ERANGE;
	memcpy(buf, p, n);
	return (long)n;
}

static int
net_close(struct scheme *s, uint64_t handle)
{
	(void)s;
	if (handle == H_FRAMES) {
		held_open = false;
		held_len = 0;
	} else {
		text_close(handle);
	}
	return 0;
}

static const struct scheme_ops net_ops = {
	.open = net_open, .read = net_read, .write = net_write, .fstat = net_fstat,
	.fevent = net_fevent, .fpath = net_fpath, .close = net_close,
};

int
netscheme_init(void)
{
	nic = hal_nic_get(0);
	if (!nic)
		return 0;	/* no NIC: no network: */
	waitq_init(&rx_wait);
	waitq_init(&tx_wait);
	return scheme_register(STR_LIT("network"), &net_ops, NULL, &net_scheme);
}
