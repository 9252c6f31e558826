# hvrun: non-recursive build, out of the source tree. ./configure sets up a
# build folder (build/TARGET, recorded in build/current); BUILD=DIR picks
# another one. Each source folder's *.mk fragment adds its objects to
# `objs` (everything but main.o, which is linked into libhvrun.a so the
# unit tests can use it too); objects, dependency files, the program and
# the unit-test binaries all go below $(BUILD).

DEFAULT_BUILD := $(shell cat build/current 2>/dev/null)
BUILD ?= $(DEFAULT_BUILD)
ifeq ($(BUILD),)
$(error run ./configure first)
endif
# One spelling per folder (relative when inside the tree), so that the
# dependency files of one build always name the same objects.
override BUILD := $(patsubst $(CURDIR)/%,%,$(abspath $(BUILD)))
ifeq ($(wildcard $(BUILD)/config.mk),)
$(error $(BUILD) is not configured: run ./configure (or ./configure --builddir=$(BUILD)))
endif
include $(BUILD)/config.mk

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	-D_GNU_SOURCE -I$(BUILD) -I. -MMD -MP $(SAN_FLAGS) $(DEP_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
LIBS = $(DEP_LIBS) -lpthread -lm

# `make V=1` shows the commands.
ifneq ($(V),1)
Q = @
quiet = @printf '  %-6s %s\n' $(1) $(2);
endif

objs :=
unit-tests :=

# Build fragments of the source folders; never anything under tests/.
fragments := $(filter-out tests/% build/%,$(wildcard */*.mk */*/*.mk */*/*/*.mk))
include $(sort $(fragments))

objs := $(addprefix $(BUILD)/,$(objs))
unit-tests := $(patsubst %.c,$(BUILD)/%,$(wildcard tests/unit/*.c))
prog := $(BUILD)/hvrun

# ./hvrun, where the README says it is, is the default native build's.
link-hvrun := $(if $(filter yes,$(NATIVE)),$(if $(filter $(DEFAULT_BUILD),$(BUILD)),hvrun))
all: $(prog) $(link-hvrun)

hvrun: $(prog)
	$(Q)ln -sf $(BUILD:$(CURDIR)/%=%)/hvrun hvrun

$(prog): $(BUILD)/vmm/main.o $(BUILD)/libhvrun.a
	$(call quiet,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)
ifneq ($(NATIVE),yes)
	@echo "  built $@ (for $(ARCH); not linked as ./hvrun)"
endif

$(BUILD)/libhvrun.a: $(objs)
	$(Q)rm -f $@
	$(call quiet,AR,$@)$(AR) rcs $@ $^

$(BUILD)/%.o: %.c $(BUILD)/config.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libhvrun.a
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libhvrun.a $(LIBS)

unit-tests: $(unit-tests)

check-native:
ifneq ($(NATIVE),yes)
	@echo "make check: $(BUILD) is a cross build for $(ARCH); run ./configure (a native build) first" >&2; exit 1
endif

# `make check JIT=off` runs every suite with the interpreter in place of
# the JIT (HVRUN_JIT, read by the translator when --accel names no jit=).
check-env = HVRUN_BUILD=$(BUILD) $(if $(JIT),HVRUN_JIT=$(JIT))

check: check-native all $(unit-tests)
	@$(check-env) tests/run

check-quick: check-native all $(unit-tests)
	@$(check-env) tests/run --quick

run: all
	@scripts/run-guest

guest:
	@scripts/mkguest guest-build

bench: all
	@bench/run && bench/boot

install: $(prog)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(prog) $(DESTDIR)$(PREFIX)/bin/hvrun
	install -m 644 man/hvrun.1 $(DESTDIR)$(PREFIX)/share/man/man1/hvrun.1

format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

# Removes this build's products; its configuration stays.
clean:
	rm -rf $(prog) $(BUILD)/libhvrun.a $(BUILD)/vmm $(BUILD)/accel \
		$(BUILD)/base $(BUILD)/devices $(BUILD)/net $(BUILD)/ui \
		$(BUILD)/riscv $(BUILD)/tests
	@[ ! -L hvrun ] || [ -e hvrun ] || rm -f hvrun

# Removes every build folder.
distclean:
	rm -rf build hvrun

.PHONY: all hvrun check check-native check-quick run guest bench install \
	format-check clean distclean unit-tests

-include $(objs:.o=.d) $(BUILD)/vmm/main.d $(addsuffix .d,$(unit-tests))
