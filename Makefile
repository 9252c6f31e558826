# hvrun: non-recursive build. Each folder's *.mk fragments add its objects to
# `objs` (everything but main.o, which is linked into libhvrun.a so the unit
# tests can use it too).

ifeq ($(wildcard config.mk),)
$(error run ./configure first)
endif
include config.mk

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	-D_GNU_SOURCE -I. -MMD -MP $(SAN_FLAGS) $(DEP_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
LIBS = $(DEP_LIBS) -lpthread -lm

# `make V=1` shows the commands.
ifneq ($(V),1)
Q = @
quiet = @printf '  %-6s %s\n' $(1) $(2);
endif

objs :=
unit-tests :=

# Build fragments of the source folders; never anything under tests/,
# where a copy of the tree (the sanitizer build) has fragments of its own.
fragments := $(filter-out tests/%,$(wildcard */*.mk */*/*.mk */*/*/*.mk))
include $(sort $(fragments))

unit-tests += $(patsubst %.c,%,$(wildcard tests/unit/*.c))

all: hvrun

hvrun: vmm/main.o libhvrun.a
	$(call quiet,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

libhvrun.a: $(objs)
	$(Q)rm -f $@
	$(call quiet,AR,$@)$(AR) rcs $@ $^

%.o: %.c config.h
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) -c -o $@ $<

tests/unit/%: tests/unit/%.c libhvrun.a
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< libhvrun.a $(LIBS)

check: hvrun $(unit-tests)
	@tests/run

check-quick: hvrun $(unit-tests)
	@tests/run --quick

run: hvrun
	@scripts/run-guest

guest:
	@scripts/mkguest guest-build

bench: hvrun
	@bench/run

install: hvrun
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 hvrun $(DESTDIR)$(PREFIX)/bin/hvrun
	install -m 644 man/hvrun.1 $(DESTDIR)$(PREFIX)/share/man/man1/hvrun.1

format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

clean:
	rm -f hvrun libhvrun.a vmm/main.o $(objs) $(unit-tests)
	find . -name '*.d' -delete
	rm -rf tests/build

distclean: clean
	rm -f config.mk config.h

.PHONY: all check check-quick run guest bench install format-check clean distclean

-include $(objs:.o=.d) vmm/main.d $(addsuffix .d,$(unit-tests))
