# The run-time half of the monitor: vCPU threads, SBI, HTIF, main loop.
objs += vmm/vcpu.o vmm/sbi.o vmm/htif.o vmm/gdb.o
