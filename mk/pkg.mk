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
