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
# fetch.c downloads from an http:// repository with net/http's client.
PKG_SRCS := apps/pkg/pkg.c apps/pkg/db.c apps/pkg/txn.c apps/pkg/fetch.c \
	$(HTTP_SRCS)
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
	tests/system/run --backend hosted --build $(B) tests/system/cases/81-pkg.sh \
	    tests/system/cases/82-pkg-http.sh
TEST_STEPS += test-pkg

# The build's signing key: made on first use, never put in an image; its
# public half is the image's /etc/pkg/keys/build.pub.
PKG_KEY := $(B)/pkg/signing.key
PKG_PUB := $(B)/pkg/signing.pub
$(PKG_PUB): | $(B)/host/pkg-keygen
	$(B)/host/pkg-keygen -p $(PKG_KEY)

# Ports (another fragment) leave $(PORTS_STAGE)/NAME/ and NAME.meta
# (name=, version=, description=, depends=); each becomes
# $(B)/pkg/repo/NAME-VERSION.pkg, then the index repo.txt.
PORTS_STAGE ?= $(B)/ports/stage
PKG_REPO := $(B)/pkg/repo
# A file target, not a phony one: the repository is made again only when
# a port's stage or the tools change (make test runs suites side by side,
# which must not rebuild it under each other).  A port built later in the
# same make is seen by the next make.
PKG_REPO_INDEX := $(PKG_REPO)/repo.txt
$(PKG_REPO_INDEX): $(PKG_TOOLS) $(PKG_PUB) $(wildcard $(PORTS_STAGE)/*.meta)
	@mkdir -p $(PKG_REPO)
	@for m in $(PORTS_STAGE)/*.meta; do \
	  [ -e "$$m" ] || continue; \
	  $(B)/host/pkg-create -k $(PKG_KEY) -m "$$m" "$${m%.meta}" $(PKG_REPO) >/dev/null || exit 1; \
	done
	@$(B)/host/pkg-repo -k $(PKG_PUB) $(PKG_REPO)
	@touch $@
.PHONY: pkg-repo
pkg-repo: $(PKG_REPO_INDEX)

# The image's pkg lines (keys, the database, the repository at /pkg/repo,
# the packages scripts/image/packages.list preinstalls), appended to
# filesystem.list by the harddrive rule.  Rewritten only when they change.
PKG_IMAGE := $(B)/host/pkg-image
$(PKG_IMAGE): $(B)/host/apps/pkg/host/image.o $(PKG_HOST_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^
ALL_TARGETS += $(PKG_IMAGE)
PKG_IMAGE_LIST := $(B)/pkg/image.list
$(PKG_IMAGE_LIST): $(PKG_REPO_INDEX) $(PKG_IMAGE) scripts/image/packages.list \
		scripts/image/filesystem.list $(B)/initfs.img
	@rm -rf $(B)/pkg/image && mkdir -p $(B)/pkg/image
	@$(PKG_IMAGE) -B $(B) -r $(PKG_REPO) scripts/image/filesystem.list \
	    scripts/image/packages.list $(PKG_PUB) $(B)/pkg/image $@.new
	@cmp -s $@.new $@ || mv $@.new $@; rm -f $@.new
HARDDRIVE_EXTRA_LISTS += $(PKG_IMAGE_LIST)
