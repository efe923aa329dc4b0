# redox-hosted: core.a + hal/hosted, linked as a Linux program.
HOSTED_SRCS := $(sort $(wildcard hal/hosted/*.c hal/hosted/*.S))
HOSTED_OBJS := $(patsubst %,$(B)/host/%.o,$(basename $(HOSTED_SRCS)))

ifeq ($(SAN),1)
$(B)/host/hal/hosted/%.o: HOST_CFLAGS += -DHOSTED_EAGER_FS
endif
$(B)/host/hal/hosted/%.o: HOST_CFLAGS += -D_GNU_SOURCE
# hal_clock_ns runs on the program's FS: nothing may read TLS (clock.c).
$(B)/host/hal/hosted/clock.o: HOST_CFLAGS += -fno-stack-protector -fno-sanitize=all
# So do the other HAL calls without a thunk (thunks.S); the sanitizer
# build installs the host FS at every entry, so they may be instrumented.
HOSTED_DIRECT := pages arena mem blk console nic signal events thread
$(patsubst %,$(B)/host/hal/hosted/%.o,$(HOSTED_DIRECT)): HOST_CFLAGS += -fno-stack-protector
$(B)/host/hal/hosted/initfs.o: HOST_CFLAGS += -DINITFS_IMAGE='"$(B)/initfs.img"'
$(B)/host/hal/hosted/initfs.o: $(B)/initfs.img
# Without --disk or --no-disk, boot the root file system `make` built.
$(B)/host/hal/hosted/main.o: HOST_CFLAGS += -DHOSTED_DEFAULT_DISK='"$(B)/harddrive.img"'

$(B)/redox-hosted: $(HOSTED_OBJS) $(B)/core.a
	$(CC) $(HOST_LDFLAGS) -o $@ $(HOSTED_OBJS) $(B)/core.a -lrt -lpcap

# ./redox-hosted is the release build; SAN=1 builds only build/san/.
redox-hosted: build/redox-hosted
	ln -sf build/redox-hosted $@

ALL_TARGETS += $(B)/redox-hosted
ifneq ($(SAN),1)
ALL_TARGETS += redox-hosted
endif
-include $(HOSTED_OBJS:.o=.d)

.PHONY: run
run: deps
	@$(MAKE) --no-print-directory all
	./redox-hosted $(RUNFLAGS)
