# tests/programs/kt_*: programs the system tests run inside the OS to
# check the core (libc's own tests are libc_* in mk/libc.mk).
KT_NAMES := $(patsubst tests/programs/%.c,%,$(sort $(wildcard tests/programs/kt_*.c)))
KT_PROGS := $(addprefix $(B)/prog/tests/programs/,$(KT_NAMES))

# Daemons among them use the scheme helper.
$(B)/prog/tests/programs/kt_crashd: $(B)/prog/tests/programs/kt_crashd.o $(SERVE_OBJ) $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))

$(B)/prog/tests/programs/kt_regs: $(B)/prog/tests/programs/kt_regs.o \
	$(B)/prog/tests/programs/kt_regs_call.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))

$(B)/prog/tests/programs/kt_vecipc: $(B)/prog/tests/programs/kt_vecipc.o \
	$(B)/prog/tests/programs/kt_vecipc_gpr.o $(PROG_LIBS)
	$(call prog_link,$@,$(filter-out $(PROG_LIBS),$^))

# asm_hello has no libc at all.
$(B)/prog/tests/programs/asm_hello: $(B)/prog/tests/programs/asm_hello.o
	$(CC) $(PROG_LDFLAGS) -o $@ $<

INITFS_BIN += $(KT_PROGS) $(B)/prog/tests/programs/asm_hello
-include $(KT_PROGS:=.d)
