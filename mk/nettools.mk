# net/tools: the network programs (ping, nc, wget, httpd, nslookup,
# ifconfig, netstat), each NAME.c plus the shared netutil.c, into the
# initfs (and so the disk's /bin); netbench, built for the OS and for
# Linux (build/host/netbench), which bench/net_bench.sh runs on both ends.
NETTOOLS := ping nc wget httpd nslookup ifconfig netstat iperf
NETTOOLS_BINS := $(addprefix $(B)/prog/net/tools/,$(NETTOOLS))

$(NETTOOLS_BINS): $(B)/prog/net/tools/%: $(B)/prog/net/tools/%.o \
	$(B)/prog/net/tools/netutil.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter %.o,$(filter-out $(PROG_LIBS),$^)))

INITFS_BIN += $(NETTOOLS_BINS)
-include $(patsubst %,$(B)/prog/net/tools/%.d,$(NETTOOLS) netutil)

# net/http: the HTTP/1.1 client library (with netutil's net_dial), which
# wget and pkg link.
HTTP_SRCS := net/http/http.c net/tools/netutil.c
$(B)/prog/net/tools/wget: $(B)/prog/net/http/http.o
-include $(B)/prog/net/http/http.d $(B)/host/net/http/http.d

$(B)/prog/net/tools/netbench: $(B)/prog/net/tools/netbench.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter %.o,$(filter-out $(PROG_LIBS),$^)))
INITFS_BIN += $(B)/prog/net/tools/netbench
$(B)/host/netbench: net/tools/netbench.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<
ALL_TARGETS += $(B)/host/netbench
-include $(B)/prog/net/tools/netbench.d
