# The guest agent for --run: a static riscv64 Linux program without a C
# library, built when ./configure found a riscv64 compiler (GUEST_CC).
ifneq ($(GUEST_CC),)
agent := $(BUILD)/guest/agent/hvrun-agent
AGENT_CFLAGS = -Os -std=gnu11 -Wall -Wextra -Werror -ffreestanding \
	-fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector \
	-fno-pie -no-pie -fno-asynchronous-unwind-tables -march=rv64gc \
	-mabi=lp64d -nostdlib -static -ffunction-sections -fdata-sections \
	-Wl,--gc-sections -Wl,--build-id=none -s

all: $(agent)

$(agent): guest/agent/agent.c guest/agent/sys.h guest/agent/proto.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(GUEST_CC) $(AGENT_CFLAGS) -o $@ $<

install: install-agent

install-agent: $(agent)
	install -d $(DESTDIR)$(PREFIX)/lib/hvrun
	install -m 644 $(agent) $(DESTDIR)$(PREFIX)/lib/hvrun/hvrun-agent

.PHONY: install-agent
endif
