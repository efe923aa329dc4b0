# pkg: signed packages.  apps/pkg/lib is shared by the in-OS `pkg` and
# the host tools (pkg-keygen, pkg-create, pkg-repo in $(B)/host/); SHA-256
# is RedoxFS's (fs/redoxfs/lib/sha256.c).
PKG_LIB_SRCS := $(addprefix apps/pkg/lib/,sha512.c ed25519.c tar.c manifest.c \
	trust.c) fs/redoxfs/lib/sha256.c
PKG_HOST_LIB := $(B)/host/libpkg.a
$(PKG_HOST_LIB): $(patsubst %.c,$(B)/host/%.o,$(PKG_LIB_SRCS)) mk/pkg.mk
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)

PKG_TOOLS := $(B)/host/pkg-keygen $(B)/host/pkg-create $(B)/host/pkg-repo
$(B)/host/pkg-keygen: $(B)/host/apps/pkg/host/keygen.o $(B)/host/apps/pkg/host/hostkey.o $(PKG_HOST_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
$(B)/host/pkg-create: $(B)/host/apps/pkg/host/create.o $(B)/host/apps/pkg/host/hostkey.o $(PKG_HOST_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
$(B)/host/pkg-repo: $(B)/host/apps/pkg/host/repo.o $(PKG_HOST_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(PKG_TOOLS)
-include $(patsubst %.c,$(B)/host/%.d,$(PKG_LIB_SRCS) $(wildcard apps/pkg/host/*.c))

# pkg inside the OS (initfs:/bin/pkg, and the root disk's /bin).
PKG_SRCS := apps/pkg/pkg.c apps/pkg/db.c apps/pkg/txn.c
PKG_PROG := $(B)/prog/apps/pkg/pkg
$(PKG_PROG): $(patsubst %.c,$(B)/prog/%.o,$(PKG_SRCS) $(PKG_LIB_SRCS)) $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))
INITFS_BIN += $(PKG_PROG)
-include $(patsubst %.c,$(B)/prog/%.d,$(PKG_SRCS) $(PKG_LIB_SRCS))

# The same pkg for Linux ($(B)/host/pkg-host, -R needed), for the host tests.
PKG_HOSTPROG := $(B)/host/pkg-host
$(B)/host/apps/pkg/%.o: HOST_CFLAGS += -DPKG_HOST
$(PKG_HOSTPROG): $(patsubst %.c,$(B)/host/%.o,$(PKG_SRCS)) $(PKG_HOST_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(PKG_HOSTPROG)
-include $(patsubst %.c,$(B)/host/%.d,$(PKG_SRCS))

# Tests: the library's unit checks, pkg on the host against fixture
# packages (tests/pkg/host.sh, with openssl as a second Ed25519), then the
# system case inside the OS (tests/system/cases/81-pkg.sh).
PKG_EDTOOL := $(B)/host/pkg-edtool
$(PKG_EDTOOL): $(B)/host/tests/pkg/edtool.o $(PKG_HOST_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
PKG_UNIT := $(B)/tests/pkg/unit
$(PKG_UNIT): $(B)/host/tests/pkg/unit.o $(PKG_HOST_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(PKG_EDTOOL) $(PKG_UNIT)
-include $(B)/host/tests/pkg/edtool.d $(B)/host/tests/pkg/unit.d

.PHONY: test-pkg
test-pkg: $(PKG_UNIT) $(PKG_EDTOOL) $(PKG_TOOLS) $(PKG_HOSTPROG) all
	$(PKG_UNIT)
	tests/pkg/host.sh $(B)
	tests/system/run --backend hosted --build $(B) 81-pkg
TEST_STEPS += test-pkg
