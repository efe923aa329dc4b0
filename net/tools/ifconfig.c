/*
 * ifconfig - the interface as the stack's netcfg: tree describes it, and
 * setting its address.
 *   ifconfig                       show eth0 (and lo)
 *   ifconfig eth0 ADDR [NETMASK]   set eth0's address (root; the netmask
 *                                  255.255.255.0 if not given)
 * netcfg: files read: ifaces/eth0/mac, ifaces/eth0/addr/list ("A.B.C.D/N"
 * lines), route/list; written: ifaces/eth0/addr/set.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
slurp(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t len = 0, r;
	while ((size_t)len + 1 < n && (r = read(fd, buf + len, n - 1 - (size_t)len)) > 0)
		len += r;
	close(fd);
	buf[len] = 0;
	return 0;
}

static int
prefix_of(const char *mask)
{
	struct in_addr m;
	if (inet_pton(AF_INET, mask, &m) != 1)
		return -1;
	uint32_t v = ntohl(m.s_addr);
	int n = 0;
	while (n < 32 && (v & (1u << (31 - n))))
		n++;
	return (uint32_t)(n ? ~0u << (32 - n) : 0) == v ? n : -1;
}

static void
mask_text(int prefix, char *buf, size_t n)
{
	struct in_addr m = { htonl(prefix ? ~0u << (32 - prefix) : 0) };
	inet_ntop(AF_INET, &m, buf, (socklen_t)n);
}

static int
show(void)
{
	char mac[64], addrs[512], routes[1024];
	if (slurp("netcfg:ifaces/eth0/mac", mac, sizeof mac) < 0) {
		fprintf(stderr, "ifconfig: netcfg: %s (is the network stack running?)\n", strerror(errno));
		return 1;
	}
	mac[strcspn(mac, "\r\n")] = 0;
	if (slurp("netcfg:ifaces/eth0/addr/list", addrs, sizeof addrs) < 0)
		addrs[0] = 0;
	printf("eth0: flags=UP,BROADCAST,RUNNING  mtu 1500\n");
	for (char *save, *l = strtok_r(addrs, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *slash = strchr(l, '/'), mask[INET_ADDRSTRLEN] = "?";
		if (slash) {
			*slash = 0;
			mask_text(atoi(slash + 1), mask, sizeof mask);
		}
		printf("\tinet %s  netmask %s\n", l, mask);
	}
	printf("\tether %s\n", mac);
	printf("lo: flags=UP,LOOPBACK,RUNNING  mtu 65536\n\tinet 127.0.0.1  netmask 255.0.0.0\n");
	if (slurp("netcfg:route/list", routes, sizeof routes) == 0 && routes[0])
		printf("routes:\n%s%s", routes, routes[strlen(routes) - 1] == '\n' ? "" : "\n");
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 1)
		return show();
	if (argc < 3 || argc > 4 || strcmp(argv[1], "eth0")) {
		fprintf(stderr, "usage: ifconfig [eth0 ADDR [NETMASK]]\n");
		return 2;
	}
	struct in_addr a;
	int prefix = argc == 4 ? prefix_of(argv[3]) : 24;
	if (inet_pton(AF_INET, argv[2], &a) != 1 || prefix < 0) {
		fprintf(stderr, "ifconfig: %s %s: not an address and netmask\n", argv[2],
		    argc == 4 ? argv[3] : "");
		return 1;
	}
	char line[40];
	int n = snprintf(line, sizeof line, "%s/%d", argv[2], prefix);
	int fd = open("netcfg:ifaces/eth0/addr/set", O_WRONLY);
	if (fd < 0 || write(fd, line, (size_t)n) != n) {
		fprintf(stderr, "ifconfig: setting %s: %s\n", line, strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
