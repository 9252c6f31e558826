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
/* The proxied system calls served (Linux's riscv64 numbers, as fesvr's). */
enum { SYS_WRITE = 64, SYS_EXIT = 93 };
#define HTIF_ENOSYS ((uint64_t)-38)
#define HTIF_EBADF ((uint64_t)-9)
#define HTIF_EFAULT ((uint64_t)-14)
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

/*
 * A system call through memory: @gpa holds eight 64-bit words, the call's
 * number and its arguments; the result goes into the first. write(2) to
 * standard output or error reaches the console and exit(2) ends the
 * program (as a pass when its status is 0); anything else says -ENOSYS.
 */
static void htif_syscall(struct vm *vm, struct vcpu *v, uint64_t gpa,
			 struct accel_exit *e)
{
	uint64_t *mm = guestmem_ptr(&vm->mem, gpa, 8 * sizeof(uint64_t));
	uint64_t ret = HTIF_ENOSYS;

	if (!mm || gpa % 8) {
		if (!v->htif_warned)
			fprintf(stderr,
				"hvrun: HTIF system call block at 0x%" PRIx64
				" is not in RAM; ignored\n",
				gpa);
		v->htif_warned = true;
		return;
	}
	switch (mm[0]) {
	case SYS_WRITE: {
		uint64_t fd = mm[1], buf = mm[2], len = mm[3];
		const void *p = len ? guestmem_ptr(&vm->mem, buf, len) : "";

		if (fd != 1 && fd != 2)
			ret = HTIF_EBADF;
		else if (!p)
			ret = HTIF_EFAULT;
		else {
			chardev_write(vm->console, p, len);
			ret = len;
		}
		break;
	}
	case SYS_EXIT:
		htif_exit(vm, mm[1] << 1 | 1);
		return;
	default:
		if (!v->htif_warned)
			fprintf(stderr,
				"hvrun: HTIF system call %" PRIu64
				" is not supported (only write and exit); "
				"it returns -ENOSYS\n",
				mm[0]);
		v->htif_warned = true;
		break;
	}
	mm[0] = ret;
	guestmem_written(&vm->mem, gpa, sizeof(uint64_t));
	e->htif.fromhost = 1;
	e->htif.reply = true;
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
		if (val & 1)
			htif_exit(vm, HTIF_PAYLOAD(val));
		else
			htif_syscall(vm, v, HTIF_PAYLOAD(val), e);
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
