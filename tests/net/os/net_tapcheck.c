/*
 * net_tapcheck - the OS side of tests/system/cases/91-net-tap.sh, over
 * netstackd and a real NIC:
 *   net_tapcheck get ADDR PORT PATH   HTTP/1.0 GET; prints the body's
 *                                     length and FNV-1a hash
 *   net_tapcheck serve PORT BYTES     serves one HTTP client BYTES of a
 *                                     fixed pattern, then exits
 *   net_tapcheck ping ADDR COUNT      icmp:echo, COUNT replies wanted
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <redox.h>

static uint8_t buf[65536];

static uint8_t
pattern(uint64_t i)
{
	return (uint8_t)(i * 131 + (i >> 9));
}

static int
get(const char *addr, const char *port, const char *path)
{
	char url[96], req[512], hdr[4096];
	size_t hl = 0;
	uint64_t body = 0, hash = 0xcbf29ce484222325ull;
	int fd, started = 0;
	ssize_t n;

	snprintf(url, sizeof(url), "tcp:%s:%s", addr, port);
	fd = open(url, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "net_tapcheck: %s: %s\n", url, strerror(errno));
		return 1;
	}
	n = snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n",
	    path, addr);
	if (write(fd, req, (size_t)n) != n) {
		fprintf(stderr, "net_tapcheck: %s: %s\n", url, strerror(errno));
		return 1;
	}
	for (;;) {
		uint8_t *p = buf;

		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			fprintf(stderr, "net_tapcheck: %s: %s\n", url,
			    strerror(errno));
			return 1;
		}
		if (n == 0)
			break;
		if (!started) {
			size_t k = (size_t)n < sizeof(hdr) - 1 - hl ?
			    (size_t)n : sizeof(hdr) - 1 - hl;
			char *end;

			memcpy(hdr + hl, buf, k);
			hl += k;
			hdr[hl] = '\0';
			end = strstr(hdr, "\r\n\r\n");
			if (end == NULL)
				continue;
			started = 1;
			/* The body starts after the header's end; hdr held
			 * hl - k bytes before this read's first. */
			p = buf + ((size_t)(end + 4 - hdr) - (hl - k));
			n -= p - buf;
			if (strncmp(hdr, "HTTP/1.0 200", 12) != 0 &&
			    strncmp(hdr, "HTTP/1.1 200", 12) != 0) {
				fprintf(stderr, "net_tapcheck: %.30s\n", hdr);
				return 1;
			}
		}
		for (ssize_t i = 0; i < n; i++) {
			hash ^= p[i];
			hash *= 0x100000001b3ull;
		}
		body += (uint64_t)n;
	}
	close(fd);
	printf("net_tapcheck: got %llu bytes, fnv %016llx\n",
	    (unsigned long long)body, (unsigned long long)hash);
	return 0;
}

static int
serve(const char *port, const char *bytes)
{
	char url[64], hdr[256];
	uint64_t total = strtoull(bytes, NULL, 10), sent = 0;
	int l, c, n;

	snprintf(url, sizeof(url), "tcp:/:%s", port);
	l = open(url, O_RDWR);
	if (l < 0) {
		fprintf(stderr, "net_tapcheck: %s: %s\n", url, strerror(errno));
		return 1;
	}
	printf("net_tapcheck: serving\n");
	fflush(stdout);
	c = (int)__syscall6(SYS_DUP, l, (long)"listen", 6, 0, 0, 0);
	if (c < 0) {
		fprintf(stderr, "net_tapcheck: accept: %s\n", strerror(-c));
		return 1;
	}
	/* The request: read until its blank line. */
	n = 0;
	while (n < 4 || memcmp(hdr + n - 4, "\r\n\r\n", 4) != 0) {
		ssize_t r = read(c, hdr + n, 1);

		if (r <= 0 || n == (int)sizeof(hdr) - 1) {
			fprintf(stderr, "net_tapcheck: bad request\n");
			return 1;
		}
		n++;
	}
	n = snprintf(hdr, sizeof(hdr), "HTTP/1.0 200 OK\r\nContent-Length: "
	    "%llu\r\n\r\n", (unsigned long long)total);
	if (write(c, hdr, (size_t)n) != n)
		return 1;
	while (sent < total) {
		size_t k = total - sent < sizeof(buf) ? (size_t)(total - sent) :
		    sizeof(buf);
		ssize_t w;

		for (size_t i = 0; i < k; i++)
			buf[i] = pattern(sent + i);
		w = write(c, buf, k);
		if (w <= 0) {
			fprintf(stderr, "net_tapcheck: send: %s\n",
			    strerror(errno));
			return 1;
		}
		sent += (uint64_t)w;
	}
	/* Wait for the client to close: then it has every byte, and the
	 * OS may stop without cutting off what the stack still holds. */
	while (read(c, hdr, sizeof(hdr)) > 0)
		;
	close(c);
	close(l);
	printf("net_tapcheck: served %llu bytes\n", (unsigned long long)sent);
	return 0;
}

static int
ping(const char *addr, const char *count)
{
	char url[64];
	int n = atoi(count), got = 0, fd;

	snprintf(url, sizeof(url), "icmp:echo/%s", addr);
	fd = open(url, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "net_tapcheck: %s: %s\n", url, strerror(errno));
		return 1;
	}
	for (int i = 0; i < n; i++) {
		if (write(fd, "redox-ping", 10) != 10)
			break;
		if (read(fd, buf, sizeof(buf)) == 12 &&
		    memcmp(buf + 2, "redox-ping", 10) == 0)
			got++;
	}
	close(fd);
	printf("net_tapcheck: %d of %d pings answered\n", got, n);
	return got == n ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "get") == 0)
		return get(argv[2], argv[3], argv[4]);
	if (argc == 4 && strcmp(argv[1], "serve") == 0)
		return serve(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "ping") == 0)
		return ping(argv[2], argv[3]);
	fprintf(stderr, "usage: net_tapcheck get ADDR PORT PATH | serve PORT "
	    "BYTES | ping ADDR COUNT\n");
	return 2;
}
