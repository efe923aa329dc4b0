# net/: the TCP/IP stack (net/stack, pure C, built for the host here),
# its host tests (tests/net) and the packet-parser fuzz target.
NET_STACK_SRCS := $(addprefix net/stack/,pkt.c stack.c arp.c ip.c ipfrag.c \
	icmp.c udp.c tcp.c tcp_in.c tcp_out.c tcp_sack.c sock.c dhcp.c dns.c raw.c eth.c)
NET_STACK_HOST_OBJS := $(patsubst %.c,$(B)/host/%.o,$(NET_STACK_SRCS))
NET_STACK_HOST_A := $(B)/host/net/libnetstack.a

$(NET_STACK_HOST_A): $(NET_STACK_HOST_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# Two stacks over a simulated lossy link.
NET_TEST := $(B)/tests/net/nettest
NET_TEST_SRCS := tests/net/main.c tests/net/sim.c tests/net/test_tcp.c \
	tests/net/test_ip.c tests/net/test_apps.c tests/net/test_batch.c tests/net/test_tso.c
$(NET_TEST): $(patsubst %.c,$(B)/host/%.o,$(NET_TEST_SRCS)) $(NET_STACK_HOST_A)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^

ALL_TARGETS += $(NET_TEST)
TEST_STEPS += test-net
.PHONY: test-net
test-net: $(NET_TEST) $(HTTP_UNIT)
	$(NET_TEST)
	$(HTTP_UNIT)
ifneq ($(SAN),1)
	@$(MAKE) --no-print-directory SAN=1 build/san/tests/net/nettest >/dev/null
	build/san/tests/net/nettest >/dev/null
	@echo "test-net: the ASan/UBSan build passes too"
endif

# net/http's client against answers written into a socket pair.
HTTP_UNIT := $(B)/tests/net/http_unit
$(HTTP_UNIT): $(B)/host/tests/net/http_unit.o $(B)/host/net/http/http.o \
		$(B)/host/net/tools/netutil.o
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(HTTP_UNIT)
-include $(B)/host/tests/net/http_unit.d

# libFuzzer target for every parser: frames into a configured stack.
NET_FUZZ := $(B)/fuzz/fuzz_net
$(NET_FUZZ): tests/fuzz/fuzz_net.c $(NET_STACK_SRCS) $(wildcard net/stack/*.h)
	@mkdir -p $(dir $@)
	clang -std=gnu11 -g -O1 -I. $(WARN) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -DTCP_BUF=16384 \
		-o $@ tests/fuzz/fuzz_net.c $(NET_STACK_SRCS)
$(B)/fuzz/seed_net: tests/fuzz/seed_net.c net/stack/pkt.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -I. $(WARN) -o $@ $<
TEST_STEPS += fuzz-net
.PHONY: fuzz-net
fuzz-net: $(NET_FUZZ) $(B)/fuzz/seed_net
	tests/fuzz/run-net.sh $(B) $(FUZZ_SECONDS)

-include $(patsubst %.c,$(B)/host/%.d,$(NET_STACK_SRCS) $(NET_TEST_SRCS))

# netstack-tap: the stack on a Linux TAP device (net/host), and its test
# against real Linux in a network namespace (root only, else SKIP).
NETSTACK_TAP := $(B)/host/netstack-tap
NETSTACK_TAP_SRCS := net/host/netstack-tap.c net/host/tap.c net/host/tapserve.c
$(NETSTACK_TAP): $(patsubst %.c,$(B)/host/%.o,$(NETSTACK_TAP_SRCS)) $(NET_STACK_HOST_A)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(NETSTACK_TAP)
TEST_STEPS += test-net-tap
.PHONY: test-net-tap
test-net-tap: $(NETSTACK_TAP)
	tests/net/tap.sh $(B)
-include $(patsubst %.c,$(B)/host/%.d,$(NETSTACK_TAP_SRCS))

# netstackd, the stack daemon inside the OS, with the stack built for
# the OS; net_loopback is its in-OS test (tests/system/cases/90-net-*).
NETSTACKD := $(B)/prog/net/netstackd/netstackd
NETSTACKD_OBJS := $(addprefix $(B)/prog/net/netstackd/,netstackd.o ndfile.o ndset.o netcfg.o nic.o) \
	$(patsubst %.c,$(B)/prog/%.o,$(NET_STACK_SRCS)) $(B)/prog/schemes/lib/serve.o
$(NETSTACKD): $(NETSTACKD_OBJS) $(PROG_LIBS)
	$(call prog_link,$@,$(NETSTACKD_OBJS))
NET_LOOPBACK := $(B)/prog/tests/net/os/net_loopback
$(NET_LOOPBACK): $(B)/prog/tests/net/os/net_loopback.o $(PROG_LIBS)
	$(call prog_link,$@,$(B)/prog/tests/net/os/net_loopback.o)
NET_TAPCHECK := $(B)/prog/tests/net/os/net_tapcheck
$(NET_TAPCHECK): $(B)/prog/tests/net/os/net_tapcheck.o $(PROG_LIBS)
	$(call prog_link,$@,$(B)/prog/tests/net/os/net_tapcheck.o)
NET_SOCKOPT := $(B)/prog/tests/net/os/net_sockopt
$(NET_SOCKOPT): $(B)/prog/tests/net/os/net_sockopt.o $(PROG_LIBS)
	$(call prog_link,$@,$(B)/prog/tests/net/os/net_sockopt.o)
INITFS_BIN += $(NETSTACKD) $(NET_LOOPBACK) $(NET_TAPCHECK) $(NET_SOCKOPT)
-include $(NETSTACKD_OBJS:.o=.d) $(B)/prog/tests/net/os/net_loopback.d \
	$(B)/prog/tests/net/os/net_tapcheck.d
