/* SPDX-License-Identifier: MIT */
/*
 * A minimal KVM user of the guest's /dev/kvm (Documentation/virt/kvm/
 * api.rst, RISC-V parts): one VM, one vCPU, 64 KiB of RAM at 0x80000000,
 * and a guest program that turns on Sv39 paging in VS-mode, reaches RAM
 * through two mappings, makes MMIO accesses (which exit to this program),
 * a call to an SBI extension KVM forwards to userspace (an experimental
 * one) and an SRST shutdown. Every exit is checked
 * against what the guest program does; "kvmtiny: ok" means all matched.
 *
 * Built static for riscv64 Linux and run inside a guest of the emulated
 * hart: it exercises two-stage translation, traps from VS-mode to HS-mode
 * and the KVM world switch of the guest kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define RAM 0x80000000ul
#define RAM_SIZE 0x10000ul
#define MMIO 0x10000000ul
#define PT (RAM + 0x8000) /* the guest's Sv39 root table */

/* The guest: VS-mode code, position-independent, placed at RAM. */
extern const unsigned char guest_start[], guest_end[];
__asm__(".pushsection .rodata\n"
	".balign 4\n"
	"guest_start:\n"
	/* satp = Sv39 | PPN(PT) */
	"	li t0, 8\n"
	"	slli t0, t0, 60\n"
	"	li t1, 0x80008\n"
	"	or t0, t0, t1\n"
	"	csrw satp, t0\n"
	"	sfence.vma\n"
	/* sum 1..100 into RAM through VA 0xc0004000 (-> GPA 0x80004000) */
	"	li t0, 0xc0004000\n"
	"	li t1, 100\n"
	"	li t2, 0\n"
	"1:	add t2, t2, t1\n"
	"	sd t2, 0(t0)\n"
	"	addi t1, t1, -1\n"
	"	bnez t1, 1b\n"
	/* read it back through the identity mapping of RAM */
	"	li t0, 0x80004000\n"
	"	ld a4, 0(t0)\n"
	/* MMIO: write 42, read a value, report a4 and the product */
	"	li a1, 0x10000000\n"
	"	li a0, 42\n"
	"	sw a0, 0(a1)\n"
	"	lw a2, 4(a1)\n"
	"	mul a3, a2, a0\n"
	"	sd a4, 8(a1)\n"
	"	sd a3, 16(a1)\n"
	/* an experimental SBI extension, which KVM leaves to us */
	"	li a7, 0x08000000\n"
	"	li a6, 1\n"
	"	li a0, 'K'\n"
	"	ecall\n"
	"	li t3, 0x10000000\n" /* a1 holds the call's value now */
	"	sd a0, 24(t3)\n"
	/* SRST: shutdown, no reason */
	"	li a7, 0x53525354\n"
	"	li a6, 0\n"
	"	li a0, 0\n"
	"	li a1, 0\n"
	"	ecall\n"
	"2:	j 2b\n"
	"guest_end:\n"
	".popsection\n");

static int failures;

static void expect(int ok, const char *what)
{
	if (!ok) {
		printf("kvmtiny: FAIL %s\n", what);
		failures++;
	}
}

static uint64_t core_reg(size_t off)
{
	return KVM_REG_RISCV | KVM_REG_SIZE_U64 | KVM_REG_RISCV_CORE |
	       (off / sizeof(unsigned long));
}

int main(void)
{
	struct kvm_userspace_memory_region region;
	struct kvm_one_reg reg;
	struct kvm_run *run;
	uint64_t *pt, pc = RAM;
	int kvm, vm, vcpu, size, exits = 0, mmio = 0;
	uint8_t *mem;
	int console_seen = 0, shutdown = 0;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		printf("kvmtiny: FAIL open /dev/kvm: %s\n", strerror(errno));
		return 1;
	}
	expect(ioctl(kvm, KVM_GET_API_VERSION, 0) == KVM_API_VERSION,
	       "api version");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		printf("kvmtiny: FAIL KVM_CREATE_VM: %s\n", strerror(errno));
		return 1;
	}
	mem = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memcpy(mem, guest_start, guest_end - guest_start);
	/* Sv39 root: gigapages VA 0 -> 0 (MMIO), VA 2G -> 2G, 3G -> 2G. */
	pt = (uint64_t *)(mem + (PT - RAM));
	pt[0] = (0ul >> 12) << 10 | 0xcf; /* V R W X A D */
	pt[2] = (0x80000000ul >> 12) << 10 | 0xcf;
	pt[3] = (0x80000000ul >> 12) << 10 | 0xcf;
	region = (struct kvm_userspace_memory_region){
		.slot = 0,
		.guest_phys_addr = RAM,
		.memory_size = RAM_SIZE,
		.userspace_addr = (uintptr_t)mem,
	};
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region)) {
		printf("kvmtiny: FAIL KVM_SET_USER_MEMORY_REGION: %s\n",
		       strerror(errno));
		return 1;
	}
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vcpu < 0 || size <= 0) {
		printf("kvmtiny: FAIL KVM_CREATE_VCPU: %s\n", strerror(errno));
		return 1;
	}
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	reg.id = core_reg(offsetof(struct kvm_riscv_core, regs.pc));
	reg.addr = (uintptr_t)&pc;
	expect(ioctl(vcpu, KVM_SET_ONE_REG, &reg) == 0, "set pc");

	while (!shutdown && exits < 100) {
		if (ioctl(vcpu, KVM_RUN, 0)) {
			printf("kvmtiny: FAIL KVM_RUN: %s\n", strerror(errno));
			return 1;
		}
		exits++;
		switch (run->exit_reason) {
		case KVM_EXIT_MMIO: {
			uint64_t a = run->mmio.phys_addr, v = 0;

			memcpy(&v, run->mmio.data, run->mmio.len);
			switch (mmio++) {
			case 0:
				expect(a == MMIO && run->mmio.is_write &&
					       run->mmio.len == 4 && v == 42,
				       "mmio write 42");
				break;
			case 1:
				expect(a == MMIO + 4 && !run->mmio.is_write &&
					       run->mmio.len == 4,
				       "mmio read");
				v = 7;
				memcpy(run->mmio.data, &v, 4);
				break;
			case 2:
				expect(a == MMIO + 8 && run->mmio.is_write &&
					       v == 5050,
				       "sum through two mappings = 5050");
				break;
			case 3:
				expect(a == MMIO + 16 && v == 294,
				       "7 * 42 = 294");
				break;
			case 4:
				expect(a == MMIO + 24 && v == 0x1234,
				       "SBI result in a0");
				break;
			default:
				expect(0, "unexpected mmio");
			}
			break;
		}
		case KVM_EXIT_RISCV_SBI:
			expect(run->riscv_sbi.extension_id == 0x08000000 &&
				       run->riscv_sbi.function_id == 1 &&
				       run->riscv_sbi.args[0] == 'K',
			       "SBI call forwarded: ext, fid, a0");
			console_seen = 1;
			run->riscv_sbi.ret[0] = 0x1234;
			break;
		case KVM_EXIT_SYSTEM_EVENT:
			expect(run->system_event.type ==
				       KVM_SYSTEM_EVENT_SHUTDOWN,
			       "srst shutdown");
			shutdown = 1;
			break;
		default:
			printf("kvmtiny: FAIL exit reason %u\n",
			       run->exit_reason);
			return 1;
		}
	}
	expect(mmio == 5, "five mmio exits");
	expect(console_seen, "SBI exit");
	expect(shutdown, "shutdown exit");
	if (failures)
		return 1;
	printf("kvmtiny: ok (%d exits)\n", exits);
	return 0;
}
