/*
 * netscheme.c - network:, the HAL's first NIC as a scheme.
 *
 *   network:      read takes one whole Ethernet frame, write sends one.
 *                 One holder at a time (the stack daemon), root only:
 *                 whoever holds it sees and forges every frame.
 *   network:batch the same frames, many per call: each is a 2-byte
 *                 little-endian length, then the frame.  A read gives as
 *                 many whole frames as fit (at least one, waiting as
 *                 network: does); a write sends frames in order and
 *                 returns the bytes of those sent, short when the NIC's
 *                 queue fills.  One system call per batch instead of per
 *                 frame: in hosted mode every call costs FS-base swaps.
 *                 It shares network:'s one holder.
 *   network:offload  batches as network:batch, for a NIC that offers
 *                 offload (else ENOENT), which holding it turns on: each
 *                 record is an 8-byte header (u32 LE frame length, u16 LE
 *                 gso_size, u8 flags, u8 0) then the frame, up to
 *                 HAL_NIC_GSO_MAX bytes.  Flag 1 (HAL_NIC_META_CSUM) on a
 *                 write: the TCP/UDP checksum holds only the pseudo-header
 *                 sum, the NIC completes it; on a read: the host vouches
 *                 for the checksum (do not check it).  gso_size on a
 *                 write: cut this TCP frame into segments of that much
 *                 payload; on a read: the frame is several segments
 *                 joined.  A read needs room for 8 + HAL_NIC_GSO_MAX.
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

/* The frame handles; text handles (mac) are pointers, never 1 or 2. */
#define H_FRAMES 1
#define H_BATCH 2
#define H_OFFLOAD 3
#define REC_HDR 2	/* a batch record's length prefix */
#define OREC_HDR 8	/* an offload record's header */

static struct scheme *net_scheme;
static struct hal_nic *nic;
static uint64_t holder;			/* H_FRAMES, H_BATCH, H_OFFLOAD; 0: none */
static uint8_t held[HAL_NIC_GSO_MAX];
static size_t held_len;
static struct hal_nic_meta held_meta;
static struct waitq rx_wait, tx_wait;

/* Pulls the next frame into `held` if it is empty: true if one is held. */
static bool
fill(void)
{
	if (held_len == 0) {
		long n = holder == H_OFFLOAD ?
		    nic->recv_meta(nic, held, sizeof held, &held_meta) :
		    nic->recv(nic, held, HAL_NIC_FRAME_MAX);
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
	if (holder && fill())
		event_trigger(net_scheme, holder, EVENT_READ);
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
	bool batch = str_eqn(ref, len, "batch");
	bool off = str_eqn(ref, len, "offload");
	if ((len != 0 && !batch && !off) || (off && !nic->offload))
		return -ENOENT;
	if (c->uid != 0)
		return -EACCES;
	if (holder)
		return -EBUSY;
	if (off) {
		int e = nic->set_offload(nic, nic->offload);
		if (e < 0)
			return e;
	}
	holder = off ? H_OFFLOAD : batch ? H_BATCH : H_FRAMES;
	held_len = 0;		/* nothing from before this holder */
	*handle = holder;
	return 0;
}

/* Frames into buf as batch records, while whole ones fit: the bytes. */
static size_t
read_batch(uint8_t *buf, size_t len)
{
	size_t got = 0;
	while (fill() && got + REC_HDR + held_len <= len) {
		buf[got] = (uint8_t)held_len;
		buf[got + 1] = (uint8_t)(held_len >> 8);
		memcpy(buf + got + REC_HDR, held, held_len);
		got += REC_HDR + held_len;
		held_len = 0;
	}
	return got;
}

/*
 * The same with offload records.  While the buffer has room for any
 * frame, one comes straight from the NIC into it, not through held:
 * a 64 KiB copy less per frame.
 */
static size_t
read_offload(uint8_t *buf, size_t len)
{
	size_t got = 0;
	for (;;) {
		uint8_t *h = buf + got;
		struct hal_nic_meta m;
		size_t n;
		if (held_len == 0 && len - got >= OREC_HDR + HAL_NIC_GSO_MAX) {
			long r = nic->recv_meta(nic, h + OREC_HDR, HAL_NIC_GSO_MAX, &m);
			if (r <= 0)
				break;
			n = (size_t)r;
		} else if (fill() && got + OREC_HDR + held_len <= len) {
			n = held_len;
			m = held_meta;
			memcpy(h + OREC_HDR, held, n);
			held_len = 0;
		} else {
			break;
		}
		h[0] = (uint8_t)n;
		h[1] = (uint8_t)(n >> 8);
		h[2] = (uint8_t)(n >> 16);
		h[3] = (uint8_t)(n >> 24);
		h[4] = (uint8_t)m.gso_size;
		h[5] = (uint8_t)(m.gso_size >> 8);
		h[6] = m.flags;
		h[7] = 0;
		got += OREC_HDR + n;
	}
	return got;
}

static bool
is_frames(uint64_t h)
{
	return h == H_FRAMES || h == H_BATCH || h == H_OFFLOAD;
}

static long
net_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	if (!is_frames(f->handle))
		return text_read(f, buf, len);
	if (f->handle == H_BATCH && len < REC_HDR + HAL_NIC_FRAME_MAX)
		return -EINVAL;		/* could starve on a full-size frame */
	if (f->handle == H_OFFLOAD && len < OREC_HDR + HAL_NIC_GSO_MAX)
		return -EINVAL;
	for (;;) {
		if (f->handle == H_OFFLOAD) {
			size_t n = read_offload(buf, len);
			if (n > 0)
				return (long)n;
		} else if (f->handle == H_BATCH) {
			size_t n = read_batch(buf, len);
			if (n > 0)
				return (long)n;
		} else if (fill()) {
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

/* Sends one frame (with m, offload), waiting for room unless the file
 * is non-blocking. */
static int
send_one(struct file *f, const void *frame, size_t len, const struct hal_nic_meta *m)
{
	if (len < HAL_NIC_FRAME_MIN || len > (m ? HAL_NIC_GSO_MAX : HAL_NIC_FRAME_MAX))
		return -EINVAL;
	for (;;) {
		int e = m ? nic->send_meta(nic, frame, len, m) : nic->send(nic, frame, len);
		if (e != -EAGAIN)
			return e;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&tx_wait, 0, true) == -EINTR)
			return -EINTR;
	}
}

static long
net_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	if (f->handle == H_FRAMES) {
		int e = send_one(f, buf, len, NULL);
		return e < 0 ? e : (long)len;
	}
	if (f->handle != H_BATCH && f->handle != H_OFFLOAD)
		return -EBADF;
	/* Records in order; the first failure ends the batch, reported
	 * only when nothing went (a short count tells the rest). */
	const uint8_t *p = buf;
	size_t done = 0, hl = f->handle == H_OFFLOAD ? OREC_HDR : REC_HDR;
	while (done < len) {
		const uint8_t *h = p + done;
		struct hal_nic_meta m = { 0 };
		size_t n;
		if (len - done < hl)
			return done ? (long)done : -EINVAL;
		n = (size_t)h[0] | (size_t)h[1] << 8;
		if (hl == OREC_HDR) {
			n |= (size_t)h[2] << 16 | (size_t)h[3] << 24;
			m.gso_size = (uint16_t)(h[4] | h[5] << 8);
			m.flags = h[6];
		}
		if (n > len - done - hl)
			return done ? (long)done : -EINVAL;
		int e = send_one(f, h + hl, n, hl == OREC_HDR ? &m : NULL);
		if (e < 0)
			return done ? (long)done : e;
		done += hl + n;
	}
	return (long)done;
}

static int
net_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	if (!is_frames(f->handle))
		return text_fstat(f, st, MODE_FILE | 0444);
	*st = (struct redox_stat){ .st_mode = MODE_CHR | 0600, .st_nlink = 1 };
	return 0;
}

static int
net_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	(void)s;
	if (!is_frames(f->handle))
		return (int)(flags & EVENT_READ);
	return (int)(flags & (EVENT_WRITE | (fill() ? EVENT_READ : 0)));
}

static long
net_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	(void)s;
	const char *p = f->handle == H_FRAMES ? "network:" :
	    f->handle == H_BATCH ? "network:batch" :
	    f->handle == H_OFFLOAD ? "network:offload" : "network:mac";
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
	if (is_frames(handle)) {
		if (handle == H_OFFLOAD)
			(void)nic->set_offload(nic, 0);
		holder = 0;
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
