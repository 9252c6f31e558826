# The KVM accelerator (riscv64 Linux hosts only).
ifeq ($(CONFIG_KVM),yes)
objs += accel/kvm/kvm.o accel/kvm/regs.o
endif
