# redox-hosted: core.a + hal/hosted, linked as a Linux program.
HOSTED_SRCS := $(sort $(wildcard hal/hosted/*.c hal/hosted/*.S))
HOSTED_OBJS := $(patsubst %,$(B)/host/%.o,$(basename $(HOSTED_SRCS)))

ifeq ($(SAN),1)
$(B)/host/hal/hosted/%.o: HOST_CFLAGS += -DHOSTED_EAGER_FS
endif
$(B)/host/hal/hosted/%.o: HOST_CFLAGS += -D_GNU_SOURCE
$(B)/host/hal/hosted/initfs.o: HOST_CFLAGS += -DINITFS_IMAGE='"$(B)/initfs.img"'
$(B)/host/hal/hosted/initfs.o: $(B)/initfs.img

$(B)/redox-hosted: $(HOSTED_OBJS) $(B)/core.a
	$(CC) $(HOST_LDFLAGS) -o $@ $(HOSTED_OBJS) $(B)/core.a -lrt

redox-hosted: $(B)/redox-hosted
	ln -sf $(B)/redox-hosted $@

ALL_TARGETS += $(B)/redox-hosted redox-hosted
-include $(HOSTED_OBJS:.o=.d)

.PHONY: run
run: deps
	@$(MAKE) --no-print-directory all
	./redox-hosted $(RUNFLAGS)
