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
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"

/* pcap's calls need glibc: through a thunk (thunks.S). */
int hosted_pcap_send_thunk(struct hal_nic *dev, const void *frame, size_t len);
long hosted_pcap_recv_thunk(struct hal_nic *dev, void *buf, size_t cap);
static int tap_send(struct hal_nic *dev, const void *frame, size_t len);
static long tap_recv(struct hal_nic *dev, void *buf, size_t cap);

static struct nic {
	struct hal_nic nic;
	int fd;			/* the TAP, or pcap's selectable fd */
	pcap_t *pcap;		/* NULL for a TAP */
	char name[IFNAMSIZ + 8];
	int async_fl;		/* the TAP's flags with O_ASYNC; 0: no SIGIO */
	volatile int quiet;	/* SIGIO off until the queue is drained */
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

static int
open_tap(struct nic *n, const char *name)
{
	struct ifreq ifr;
	if (strlen(name) >= IFNAMSIZ) {
		fprintf(stderr, "redox-hosted: --net tap:%s: name too long\n", name);
		return -1;
	}
	n->fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (n->fd < 0) {
		fprintf(stderr, "redox-hosted: --net tap:%s: /dev/net/tun: %s\n", name, strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(n->fd, TUNSETIFF, &ifr) != 0) {
		fprintf(stderr, "redox-hosted: --net tap:%s: %s%s\n", name, strerror(errno),
		    errno == EPERM ? " (needs CAP_NET_ADMIN, or a TAP made for this user: "
		    "scripts/net-tap.sh)" : "");
		close(n->fd);
		n->fd = -1;
		return -1;
	}
	snprintf(n->name, sizeof n->name, "tap:%s", name);
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
tap_send(struct hal_nic *dev, const void *frame, size_t len)
{
	struct nic *n = dev->priv;
	if (len < HAL_NIC_FRAME_MIN || len > HAL_NIC_FRAME_MAX)
		return -EINVAL;
	for (;;) {
		long w = hosted_rawsys3(SYS_write, n->fd, frame, len);
		if (w == (long)len)
			return 0;
		if (w == -EINTR)
			continue;
		/* The TAP's queue is full (or no one has it up): like a NIC
		 * whose ring is full, the caller may retry. */
		return w == -EAGAIN ? -EAGAIN : -EIO;
	}
}

static long
tap_read(struct nic *n, void *buf, size_t cap)
{
	for (;;) {
		long r = hosted_rawsys3(SYS_read, n->fd, buf, cap);
		if (r != -EINTR)
			return r;
	}
}

static long
tap_recv(struct hal_nic *dev, void *buf, size_t cap)
{
	struct nic *n = dev->priv;
	long r = tap_read(n, buf, cap);
	if (r == -EAGAIN && n->quiet) {
		n->quiet = 0;
		(void)hosted_rawsys3(SYS_fcntl, n->fd, F_SETFL, n->async_fl);
		r = tap_read(n, buf, cap);
	}
	return r > 0 ? r : 0;
}
