# schemes/ptyd: pty: (pseudo-terminals), with the core's line discipline
# (core/tty.c) built into the program.
PTYD := $(B)/prog/schemes/ptyd/ptyd
PTYD_OBJS := $(B)/prog/schemes/ptyd/ptyd.o $(B)/prog/schemes/ptyd/pty.o \
	$(B)/prog/core/tty.o $(B)/prog/schemes/lib/serve.o
$(PTYD): $(PTYD_OBJS) $(PROG_LIBS)
	$(call prog_link,$@,$(PTYD_OBJS))
INITFS_BIN += $(PTYD)
-include $(PTYD_OBJS:.o=.d)
