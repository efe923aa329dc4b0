/*
 * nic.c - network interfaces (--net tap:NAME or --net pcap:IFACE).
 *
 * tap:NAME attaches to (or creates) the Linux TAP device NAME: every
 * frame the OS sends appears on it, and Linux's frames to it come to the
 * OS.  pcap:IFACE puts the OS on a real interface through libpcap, with
 * an address of its own (promiscuous, so frames to our MAC arrive).
 *
 * No helper thread: both descriptors are non-blocking and raise SIGIO
 * (F_SETSIG, so the handler can tell them from the console by si_fd);
 * hal_idle() polls them too.  recv() then reads whatever is waiting.
 *
 * A TAP is opened with IFF_VNET_HDR: a struct virtio_net_hdr goes before
 * every frame both ways, which is how Linux takes and gives frames whose
 * checksum is left to the other side and TCP segments of up to 64 KiB
 * (TUNSETOFFLOAD, turned on only while a reader asked for it through
 * set_offload).  tap:NAME:nooffload opens it without.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/virtio_net.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"

/* pcap's calls need glibc: through a thunk (thunks.S). */
int hosted_pcap_send_thunk(struct hal_nic *dev, const void *frame, size_t len);
long hosted_pcap_recv_thunk(struct hal_nic *dev, void *buf, size_t cap);
static int tap_send(struct hal_nic *dev, const void *frame, size_t len);
static long tap_recv(struct hal_nic *dev, void *buf, size_t cap);
static int tap_send_meta(struct hal_nic *dev, const void *frame, size_t len,
    const struct hal_nic_meta *m);
static long tap_recv_meta(struct hal_nic *dev, void *buf, size_t cap,
    struct hal_nic_meta *m);
static int tap_set_offload(struct hal_nic *dev, unsigned on);

#define VNET_HLEN ((long)sizeof(struct virtio_net_hdr))
#define TAP_OFFLOAD (HAL_NIC_OFF_CSUM | HAL_NIC_OFF_TSO4)

static struct nic {
	struct hal_nic nic;
	int fd;			/* the TAP, or pcap's selectable fd */
	pcap_t *pcap;		/* NULL for a TAP */
	char name[IFNAMSIZ + 8];
	int async_fl;		/* the TAP's flags with O_ASYNC; 0: no SIGIO */
	volatile int quiet;	/* SIGIO off until the queue is drained */
	int vnet;		/* a virtio_net_hdr before each frame */
} the_nic = { .fd = -1 };
static int have_nic;

/* A locally administered unicast address (bit 1 set, bit 0 clear). */
static void
random_mac(uint8_t mac[6])
{
	if (getrandom(mac, 6, 0) != 6)
		memset(mac, 0x5a, 6);
	mac[0] = (uint8_t)((mac[0] & 0xfc) | 0x02);
}

/* Asks for virtio-net headers, then their size; 0, or -1 without them. */
static int
tap_vnet(struct nic *n, struct ifreq *ifr)
{
	int sz = (int)VNET_HLEN;

	ifr->ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
	if (ioctl(n->fd, TUNSETIFF, ifr) != 0)
		return -1;
	if (ioctl(n->fd, TUNSETVNETHDRSZ, &sz) != 0) {
		fprintf(stderr, "redox-hosted: %s: TUNSETVNETHDRSZ: %s\n", ifr->ifr_name,
		    strerror(errno));
		return -1;
	}
	/* Off until a reader asks (set_offload): plain frames meanwhile. */
	if (ioctl(n->fd, TUNSETOFFLOAD, 0) != 0)
		return -1;
	n->vnet = 1;
	n->nic.offload = TAP_OFFLOAD;
	n->nic.set_offload = tap_set_offload;
	n->nic.send_meta = tap_send_meta;
	n->nic.recv_meta = tap_recv_meta;
	return 0;
}

static int
open_tap(struct nic *n, const char *spec)
{
	struct ifreq ifr;
	char name[IFNAMSIZ];
	const char *colon = strchr(spec, ':');
	int plain = 0;

	/* An interface name has no ':', so what follows one is an option. */
	if (colon && !strcmp(colon + 1, "nooffload"))
		plain = 1;
	else if (colon) {
		fprintf(stderr, "redox-hosted: --net tap:%s: unknown option '%s'\n", spec, colon + 1);
		return -1;
	}
	size_t nl = colon ? (size_t)(colon - spec) : strlen(spec);
	if (nl >= IFNAMSIZ || nl == 0) {
		fprintf(stderr, "redox-hosted: --net tap:%s: bad interface name\n", spec);
		return -1;
	}
	memcpy(name, spec, nl);
	name[nl] = 0;
	n->fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (n->fd < 0) {
		fprintf(stderr, "redox-hosted: --net tap:%s: /dev/net/tun: %s\n", name, strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof ifr);
	memcpy(ifr.ifr_name, name, nl);
	if (!plain && tap_vnet(n, &ifr) != 0 && n->vnet == 0 && errno != EPERM) {
		/* A kernel without them: plain frames on a fresh descriptor. */
		close(n->fd);
		n->fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
		if (n->fd < 0) {
			fprintf(stderr, "redox-hosted: --net tap:%s: /dev/net/tun: %s\n", name,
			    strerror(errno));
			return -1;
		}
	}
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (!n->vnet && ioctl(n->fd, TUNSETIFF, &ifr) != 0) {
		fprintf(stderr, "redox-hosted: --net tap:%s: %s%s\n", name, strerror(errno),
		    errno == EPERM ? " (needs CAP_NET_ADMIN, or a TAP made for this user: "
		    "scripts/net-tap.sh)" : "");
		close(n->fd);
		n->fd = -1;
		return -1;
	}
	snprintf(n->name, sizeof n->name, "tap:%.*s", IFNAMSIZ, name);
	return 0;
}

static int
open_pcap(struct nic *n, const char *iface)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_create(iface, err);
	if (!p) {
		fprintf(stderr, "redox-hosted: --net pcap:%s: %s\n", iface, err);
		return -1;
	}
	if (pcap_set_snaplen(p, HAL_NIC_FRAME_MAX) != 0 || pcap_set_promisc(p, 1) != 0 ||
	    pcap_set_immediate_mode(p, 1) != 0 || pcap_activate(p) < 0 ||
	    pcap_setnonblock(p, 1, err) != 0 || (n->fd = pcap_get_selectable_fd(p)) < 0) {
		fprintf(stderr, "redox-hosted: --net pcap:%s: %s\n", iface, pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	/* Only what Linux received, not our own frames coming back. */
	pcap_setdirection(p, PCAP_D_IN);
	n->pcap = p;
	snprintf(n->name, sizeof n->name, "pcap:%.*s", IFNAMSIZ, iface);
	return 0;
}

int
hosted_nic_add(const char *spec)
{
	struct nic *n = &the_nic;
	int r;

	if (have_nic) {
		fprintf(stderr, "redox-hosted: one --net only\n");
		return -1;
	}
	if (!strncmp(spec, "tap:", 4) && spec[4])
		r = open_tap(n, spec + 4);
	else if (!strncmp(spec, "pcap:", 5) && spec[5])
		r = open_pcap(n, spec + 5);
	else {
		fprintf(stderr, "redox-hosted: --net wants tap:NAME or pcap:IFACE, not '%s'\n", spec);
		return -1;
	}
	if (r != 0)
		return -1;
	int fl = fcntl(n->fd, F_GETFL);
	if (fl < 0 || fcntl(n->fd, F_SETFL, fl | O_NONBLOCK) != 0) {
		fprintf(stderr, "redox-hosted: --net %s: %s\n", spec, strerror(errno));
		return -1;
	}
	random_mac(n->nic.mac);
	n->nic.name = n->name;
	n->nic.send = n->pcap ? hosted_pcap_send_thunk : tap_send;
	n->nic.recv = n->pcap ? hosted_pcap_recv_thunk : tap_recv;
	n->nic.priv = n;
	have_nic = 1;
	return 0;
}

/*
 * Arrivals raise SIGIO from here on: called once the handlers are in
 * (SIGIO's default action would end the process, and Linux sends it as
 * soon as a frame comes, IPv6 chatter on a fresh TAP included).
 */
void
hosted_nic_start(void)
{
	struct nic *n = &the_nic;
	if (!have_nic)
		return;
	int fl = fcntl(n->fd, F_GETFL);
	if (fl < 0 || fcntl(n->fd, F_SETOWN, getpid()) != 0 || fcntl(n->fd, F_SETSIG, SIGIO) != 0 ||
	    fcntl(n->fd, F_SETFL, fl | O_ASYNC) != 0)
		fprintf(stderr, "redox-hosted: %s: no SIGIO (%s); frames wait for idle\n", n->name,
		    strerror(errno));
	else if (!n->pcap)
		n->async_fl = fl | O_ASYNC;
}

/*
 * A TAP raises SIGIO for every frame Linux queues.  One is enough until
 * the OS has read the queue empty: the first turns them off, and
 * tap_recv turns them on again when a read finds nothing (then reads once
 * more, for a frame that came in between).  hal_idle polls the TAP as
 * well, so a queue the OS stopped reading half way is not forgotten.
 * Called from the signal handler (signal.c): raw calls only.
 */
void
hosted_nic_quiet(void)
{
	struct nic *n = &the_nic;
	if (n->async_fl && !n->quiet) {
		n->quiet = 1;
		(void)hosted_rawsys3(SYS_fcntl, n->fd, F_SETFL, n->async_fl & ~O_ASYNC);
	}
}

int
hosted_nic_fd(void)
{
	return have_nic ? the_nic.fd : -1;
}

struct hal_nic *
hosted_nic_get(unsigned index)
{
	return index == 0 && have_nic ? &the_nic.nic : NULL;
}

int
hosted_pcap_send(struct hal_nic *dev, const void *frame, size_t len)
{
	struct nic *n = dev->priv;
	if (len < HAL_NIC_FRAME_MIN || len > HAL_NIC_FRAME_MAX)
		return -EINVAL;
	return pcap_inject(n->pcap, frame, len) == (int)len ? 0 : -EIO;
}

long
hosted_pcap_recv(struct hal_nic *dev, void *buf, size_t cap)
{
	struct nic *n = dev->priv;
	struct pcap_pkthdr *h;
	const u_char *data;
	if (pcap_next_ex(n->pcap, &h, &data) != 1)
		return 0;
	size_t len = h->caplen < cap ? h->caplen : cap;
	memcpy(buf, data, len);
	return (long)len;
}

/*
 * A TAP's frames go without a thunk: two FS swaps per frame (host system
 * calls without FSGSBASE) would cost more than the frame.  Raw system
 * calls only (rawsys.h).
 */
static int
tap_write(struct nic *n, const struct virtio_net_hdr *h, const void *frame, size_t len)
{
	struct iovec iov[2] = {
		{ .iov_base = (void *)h, .iov_len = (size_t)VNET_HLEN },
		{ .iov_base = (void *)frame, .iov_len = len },
	};
	long want = (long)len + (n->vnet ? VNET_HLEN : 0);
	for (;;) {
		long w = hosted_rawsys3(SYS_writev, n->fd, n->vnet ? iov : iov + 1, n->vnet ? 2 : 1);
		if (w == want)
			return 0;
		if (w == -EINTR)
			continue;
		/* The TAP's queue is full (or no one has it up): like a NIC
		 * whose ring is full, the caller may retry. */
		return w == -EAGAIN ? -EAGAIN : -EIO;
	}
}

static int
tap_send(struct hal_nic *dev, const void *frame, size_t len)
{
	struct virtio_net_hdr h = { 0 };
	if (len < HAL_NIC_FRAME_MIN || len > HAL_NIC_FRAME_MAX)
		return -EINVAL;
	return tap_write(dev->priv, &h, frame, len);
}

/*
 * Where an untagged IPv4 TCP or UDP frame's checksum field is: its
 * header's offset (csum_start), 0 if the frame is not one.  *off gets
 * the field's offset in that header, *l4len the header's length.
 */
static size_t
l4_at(const uint8_t *f, size_t len, uint16_t *off, size_t *l4len)
{
	if (len < 14 + 20 || f[12] != 0x08 || f[13] != 0 || (f[14] >> 4) != 4)
		return 0;
	size_t start = 14 + (size_t)(f[14] & 15) * 4;
	if (start < 14 + 20 || start + 8 > len)
		return 0;
	if (f[23] == 6 && start + 20 <= len) {
		*off = 16;
		*l4len = (size_t)(f[start + 12] >> 4) * 4;
		return *l4len >= 20 && start + *l4len <= len ? start : 0;
	}
	if (f[23] == 17) {
		*off = 6;
		*l4len = 8;
		return start;
	}
	return 0;
}

static int
tap_send_meta(struct hal_nic *dev, const void *frame, size_t len, const struct hal_nic_meta *m)
{
	struct nic *n = dev->priv;
	struct virtio_net_hdr h = { 0 };
	uint16_t off = 0;
	size_t l4len = 0, start;

	if (len < HAL_NIC_FRAME_MIN || len > HAL_NIC_GSO_MAX || !n->vnet)
		return -EINVAL;
	if (!(m->flags & HAL_NIC_META_CSUM) && m->gso_size == 0)
		return len > HAL_NIC_FRAME_MAX ? -EINVAL : tap_write(n, &h, frame, len);
	start = l4_at(frame, len, &off, &l4len);
	if (start == 0 || !(m->flags & HAL_NIC_META_CSUM))
		return -EINVAL;		/* GSO needs the checksum left to Linux too */
	h.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
	h.csum_start = (uint16_t)start;
	h.csum_offset = off;
	if (m->gso_size != 0) {
		if (off != 16 || m->gso_size < 64 || start + l4len >= len)
			return -EINVAL;
		h.gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
		h.gso_size = m->gso_size;
		h.hdr_len = (uint16_t)(start + l4len);
	} else if (len > HAL_NIC_FRAME_MAX) {
		return -EINVAL;
	}
	return tap_write(n, &h, frame, len);
}

static long
tap_read(struct nic *n, struct virtio_net_hdr *h, void *buf, size_t cap)
{
	struct iovec iov[2] = {
		{ .iov_base = h, .iov_len = (size_t)VNET_HLEN },
		{ .iov_base = buf, .iov_len = cap },
	};
	for (;;) {
		long r = hosted_rawsys3(SYS_readv, n->fd, n->vnet ? iov : iov + 1, n->vnet ? 2 : 1);
		if (r == -EINTR)
			continue;
		if (r <= 0 || !n->vnet)
			return r;
		return r > VNET_HLEN ? r - VNET_HLEN : 0;
	}
}

/* Completes a checksum Linux left partial (csum_start, csum_offset). */
static int
finish_csum(uint8_t *f, size_t len, const struct virtio_net_hdr *h)
{
	size_t start = h->csum_start, at = start + h->csum_offset;
	uint32_t sum = 0;

	if (start >= len || at + 2 > len || at < start)
		return -1;
	for (size_t i = start; i + 1 < len; i += 2)
		sum += (uint32_t)f[i] << 8 | f[i + 1];
	if ((len - start) & 1)
		sum += (uint32_t)f[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	sum = ~sum & 0xffff;
	f[at] = (uint8_t)(sum >> 8);
	f[at + 1] = (uint8_t)sum;
	return 0;
}

/*
 * The next frame and its header; 0 if none waits.  A frame with a
 * header Linux would not send us (a GSO kind we did not offer, a
 * checksum place outside the frame) is dropped: at most 64 such per
 * call, so a bad stream cannot hold the caller.
 */
static long
tap_next(struct nic *n, void *buf, size_t cap, struct hal_nic_meta *m,
    struct virtio_net_hdr *hp)
{
	for (int tries = 0; tries < 64; tries++) {
		struct virtio_net_hdr h = { 0 };
		long r = tap_read(n, &h, buf, cap);
		if (r == -EAGAIN && n->quiet) {
			n->quiet = 0;
			(void)hosted_rawsys3(SYS_fcntl, n->fd, F_SETFL, n->async_fl);
			r = tap_read(n, &h, buf, cap);
		}
		if (r < 0 || (r == 0 && !n->vnet))
			return 0;
		if (r < HAL_NIC_FRAME_MIN || (size_t)r > cap)
			continue;
		m->gso_size = 0;
		m->flags = 0;
		int gso = h.gso_type & ~VIRTIO_NET_HDR_GSO_ECN;
		if (gso == VIRTIO_NET_HDR_GSO_TCPV4)
			m->gso_size = h.gso_size;
		else if (gso != VIRTIO_NET_HDR_GSO_NONE)
			continue;
		if (h.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
			if ((size_t)h.csum_start >= (size_t)r ||
			    (size_t)h.csum_start + h.csum_offset + 2 > (size_t)r)
				continue;
			m->flags |= HAL_NIC_META_CSUM;
		} else if (h.flags & VIRTIO_NET_HDR_F_DATA_VALID) {
			m->flags |= HAL_NIC_META_CSUM;
		}
		if (m->gso_size == 0 && (size_t)r > HAL_NIC_FRAME_MAX)
			continue;	/* a big frame must be a GSO one */
		*hp = h;
		return r;
	}
	return 0;
}

static long
tap_recv_meta(struct hal_nic *dev, void *buf, size_t cap, struct hal_nic_meta *m)
{
	struct virtio_net_hdr h;
	return tap_next(dev->priv, buf, cap > HAL_NIC_GSO_MAX ? HAL_NIC_GSO_MAX : cap, m, &h);
}

/*
 * Plain frames: a partial checksum is completed here.  Offload is on
 * only while a reader of frames with meta holds the NIC, so a GSO frame
 * should not come; one that does is dropped.
 */
static long
tap_recv(struct hal_nic *dev, void *buf, size_t cap)
{
	struct nic *n = dev->priv;
	for (int tries = 0; tries < 64; tries++) {
		struct virtio_net_hdr h = { 0 };
		struct hal_nic_meta m;
		long r = tap_next(n, buf, cap, &m, &h);
		if (r <= 0)
			return 0;
		if (m.gso_size != 0 || (size_t)r > HAL_NIC_FRAME_MAX)
			continue;
		if ((h.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) && finish_csum(buf, (size_t)r, &h) != 0)
			continue;
		return r;
	}
	return 0;
}

static int
tap_set_offload(struct hal_nic *dev, unsigned on)
{
	struct nic *n = dev->priv;
	unsigned long f = 0;
	if (!n->vnet || (on & ~TAP_OFFLOAD))
		return -EINVAL;
	if (on & HAL_NIC_OFF_CSUM)
		f |= TUN_F_CSUM;
	if (on & HAL_NIC_OFF_TSO4)
		f |= TUN_F_CSUM | TUN_F_TSO4;	/* TSO needs the checksum left too */
	long r = hosted_rawsys3(SYS_ioctl, n->fd, TUNSETOFFLOAD, f);
	return r < 0 ? (int)r : 0;
}
