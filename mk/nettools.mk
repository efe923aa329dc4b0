# net/tools: the network programs (ping, nc, wget, httpd, nslookup,
# ifconfig, netstat), each NAME.c plus the shared netutil.c, into the
# initfs (and so the disk's /bin).
NETTOOLS := ping nc wget httpd nslookup ifconfig netstat
NETTOOLS_BINS := $(addprefix $(B)/prog/net/tools/,$(NETTOOLS))

$(NETTOOLS_BINS): $(B)/prog/net/tools/%: $(B)/prog/net/tools/%.o \
	$(B)/prog/net/tools/netutil.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter %.o,$(filter-out $(PROG_LIBS),$^)))

INITFS_BIN += $(NETTOOLS_BINS)
-include $(patsubst %,$(B)/prog/net/tools/%.d,$(NETTOOLS) netutil)
