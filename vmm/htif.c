// SPDX-License-Identifier: MIT
/*
 * HTIF as Spike's front-end server speaks it (riscv-isa-sim, fesvr:
 * htif.cc, device.cc); see vmm/htif.h for what hvrun implements.
 */
#include "vmm/htif.h"

#include <inttypes.h>
#include <stdio.h>

#include "devices/chardev.h"
#include "vmm/sbi.h"
#include "vmm/vcpu.h"
#include "vmm/vm.h"

enum { HTIF_DEV_SYSCALL = 0, HTIF_DEV_CONSOLE = 1 };
enum { HTIF_CONSOLE_GETC = 0, HTIF_CONSOLE_PUTC = 1 };

static void htif_exit(struct vm *vm, uint64_t payload)
{
	uint64_t test = payload >> 1;

	if (payload == 1) {
		vm_request_exit(vm, 0);
		return;
	}
	fprintf(stderr,
		"hvrun: test failed: tohost = %" PRIu64 " (test %" PRIu64 ")\n",
		payload, test);
	/* A failure must never read as a pass. */
	vm_request_exit(vm, test > 255 ? 255 : test ? (int)test : 1);
}

void htif_handle(struct vm *vm, struct vcpu *v, struct accel_exit *e)
{
	uint64_t val = e->htif.tohost;
	uint64_t dev = HTIF_DEV(val), cmd = HTIF_CMD(val);
	uint8_t byte;
	int ch;

	e->htif.reply = false;
	e->htif.fromhost = 0;
	if (dev == HTIF_DEV_SYSCALL && cmd == 0) {
		if (val & 1) {
			htif_exit(vm, HTIF_PAYLOAD(val));
		} else if (!v->htif_warned) {
			fprintf(stderr,
				"hvrun: HTIF system calls are not "
				"supported (tohost = 0x%" PRIx64 "); ignored\n",
				val);
			v->htif_warned = true;
		}
		return;
	}
	if (dev != HTIF_DEV_CONSOLE)
		return;
	switch (cmd) {
	case HTIF_CONSOLE_PUTC:
		byte = (uint8_t)val;
		chardev_write(vm->console, &byte, 1);
		e->htif.fromhost = HTIF_WORD(dev, cmd, 0x100 | byte);
		e->htif.reply = true;
		break;
	case HTIF_CONSOLE_GETC:
		ch = sbi_console_getc(vm->console_in);
		if (ch >= 0) {
			e->htif.fromhost = HTIF_WORD(dev, cmd, 0x100 | ch);
			e->htif.reply = true;
		}
		break;
	default:
		break;
	}
}
