/*
 * netdb.c - names to addresses and back.  A host name is tried as a
 * number, then "localhost", then /etc/hosts, then the stack's resolver:
 * reading dns:NAME gives its IPv4 addresses as text, one per line.
 * Services come from a small table (there is no /etc/services) or are
 * numbers.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ADDRS 8

int h_errno;

static const struct { const char *name; int port; } services[] = {
	{ "echo", 7 }, { "discard", 9 }, { "daytime", 13 }, { "ftp", 21 }, { "ssh", 22 },
	{ "telnet", 23 }, { "smtp", 25 }, { "domain", 53 }, { "bootps", 67 }, { "bootpc", 68 },
	{ "tftp", 69 }, { "http", 80 }, { "pop3", 110 }, { "ntp", 123 }, { "imap", 143 },
	{ "https", 443 }, { "http-alt", 8080 },
};

/* The port of service (host order); -1 if unknown. */
static int
service_port(const char *service, int numeric_only)
{
	char *end;
	long v = strtol(service, &end, 10);
	if (*service && !*end)
		return v >= 0 && v <= 65535 ? (int)v : -1;
	if (numeric_only)
		return -1;
	for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
		if (!strcmp(services[i].name, service))
			return services[i].port;
	return -1;
}

/* /etc/hosts: "ADDRESS NAME ALIAS..." lines, # comments. */
static int
from_hosts(const char *name, struct in_addr *out, int max)
{
	FILE *f = fopen("/etc/hosts", "r");
	char line[512];
	int n = 0;
	if (!f)
		return 0;
	while (n < max && fgets(line, sizeof line, f)) {
		line[strcspn(line, "#\n")] = 0;
		char *save, *addr = strtok_r(line, " \t", &save), *w;
		struct in_addr a;
		if (!addr || !inet_aton(addr, &a))
			continue;
		while ((w = strtok_r(NULL, " \t", &save)))
			if (!strcasecmp(w, name)) {
				out[n++] = a;
				break;
			}
	}
	fclose(f);
	return n;
}

/* The resolver: 0 with addresses, or an EAI_ code. */
static int
from_dns(const char *name, struct in_addr *out, int max, int *n)
{
	char path[300], buf[512];
	*n = 0;
	if (strlen(name) > 253 || strchr(name, '/'))
		return EAI_NONAME;
	snprintf(path, sizeof path, "dns:%s", name);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno == ENOENT ? EAI_NONAME : errno == ENODEV ? EAI_FAIL : EAI_AGAIN;
	ssize_t len = 0, r;
	while (len < (ssize_t)sizeof buf - 1 && (r = read(fd, buf + len, sizeof buf - 1 - (size_t)len)) > 0)
		len += r;
	close(fd);
	buf[len > 0 ? len : 0] = 0;
	char *save, *w;
	for (w = strtok_r(buf, " \t\r\n", &save); w && *n < max; w = strtok_r(NULL, " \t\r\n", &save))
		if (inet_aton(w, &out[*n]))
			(*n)++;
	return *n ? 0 : EAI_NONAME;
}

static int
lookup(const char *node, int flags, struct in_addr *out, int *n)
{
	*n = 0;
	if (!node) {
		out[0].s_addr = htonl(flags & AI_PASSIVE ? INADDR_ANY : INADDR_LOOPBACK);
		*n = 1;
		return 0;
	}
	if (inet_aton(node, &out[0])) {
		*n = 1;
		return 0;
	}
	if (flags & AI_NUMERICHOST)
		return EAI_NONAME;
	if (!strcasecmp(node, "localhost")) {
		out[0].s_addr = htonl(INADDR_LOOPBACK);
		*n = 1;
		return 0;
	}
	if ((*n = from_hosts(node, out, MAX_ADDRS)) > 0)
		return 0;
	return from_dns(node, out, MAX_ADDRS, n);
}

int
getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
    struct addrinfo **res)
{
	struct addrinfo h = { 0 };
	struct in_addr addrs[MAX_ADDRS];
	int n, port = 0;

	if (hints)
		h = *hints;
	if (!node && !service)
		return EAI_NONAME;
	if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET)
		return EAI_FAMILY;
	if (h.ai_socktype != 0 && h.ai_socktype != SOCK_STREAM && h.ai_socktype != SOCK_DGRAM)
		return EAI_SOCKTYPE;
	if (service && (port = service_port(service, h.ai_flags & AI_NUMERICSERV)) < 0)
		return EAI_SERVICE;
	int e = lookup(node, h.ai_flags, addrs, &n);
	if (e)
		return e;
	static const int kinds[] = { SOCK_STREAM, SOCK_DGRAM };
	struct addrinfo *head = NULL, **tail = &head;
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < 2; k++) {
			if (h.ai_socktype && h.ai_socktype != kinds[k])
				continue;
			size_t cn = (h.ai_flags & AI_CANONNAME) && node && !head ? strlen(node) + 1 : 0;
			struct addrinfo *ai = calloc(1, sizeof *ai + sizeof(struct sockaddr_in) + cn);
			if (!ai) {
				freeaddrinfo(head);
				return EAI_MEMORY;
			}
			struct sockaddr_in *sin = (struct sockaddr_in *)(ai + 1);
			sin->sin_family = AF_INET;
			sin->sin_port = htons((uint16_t)port);
			sin->sin_addr = addrs[i];
			ai->ai_family = AF_INET;
			ai->ai_socktype = kinds[k];
			ai->ai_protocol = kinds[k] == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
			ai->ai_addrlen = sizeof *sin;
			ai->ai_addr = (struct sockaddr *)sin;
			if (cn) {
				ai->ai_canonname = (char *)(sin + 1);
				memcpy(ai->ai_canonname, node, cn);
			}
			*tail = ai;
			tail = &ai->ai_next;
		}
	}
	*res = head;
	return 0;
}

void
freeaddrinfo(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;
		free(ai);
		ai = next;
	}
}

const char *
gai_strerror(int err)
{
	switch (err) {
	case 0: return "Success";
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	case EAI_OVERFLOW: return "Argument buffer overflow";
	default: return "Unknown error";
	}
}

int
getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
    char *serv, socklen_t servlen, int flags)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
	if (!sa || salen < sizeof *in || sa->sa_family != AF_INET)
		return EAI_FAMILY;
	if (host && hostlen) {
		if (flags & NI_NAMEREQD)
			return EAI_NONAME;	/* no reverse lookups */
		if (!inet_ntop(AF_INET, &in->sin_addr, host, hostlen))
			return EAI_OVERFLOW;
	}
	if (serv && servlen) {
		int port = ntohs(in->sin_port), n = -1;
		if (!(flags & NI_NUMERICSERV))
			for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
				if (services[i].port == port) {
					n = snprintf(serv, servlen, "%s", services[i].name);
					break;
				}
		if (n < 0)
			n = snprintf(serv, servlen, "%d", port);
		if (n < 0 || (socklen_t)n >= servlen)
			return EAI_OVERFLOW;
	}
	return 0;
}

struct hostent *
gethostbyname(const char *name)
{
	static struct in_addr addrs[MAX_ADDRS];
	static char *list[MAX_ADDRS + 1], *aliases[1], hname[256];
	static struct hostent he;
	int n, e = lookup(name, 0, addrs, &n);
	if (e) {
		h_errno = e == EAI_AGAIN ? TRY_AGAIN : HOST_NOT_FOUND;
		return NULL;
	}
	for (int i = 0; i < n; i++)
		list[i] = (char *)&addrs[i];
	list[n] = NULL;
	snprintf(hname, sizeof hname, "%s", name);
	he = (struct hostent){ hname, aliases, AF_INET, 4, list };
	return &he;
}

static struct servent *
servent(int i, const char *proto)
{
	static struct servent se;
	static char *aliases[1];
	se = (struct servent){ (char *)services[i].name, aliases, htons((uint16_t)services[i].port),
	    (char *)(proto ? proto : "tcp") };
	return &se;
}

struct servent *
getservbyname(const char *name, const char *proto)
{
	for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
		if (!strcmp(services[i].name, name))
			return servent((int)i, proto);
	return NULL;
}

struct servent *
getservbyport(int port, const char *proto)
{
	for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
		if (htons((uint16_t)services[i].port) == port)
			return servent((int)i, proto);
	return NULL;
}
