objs += vmm/options.o vmm/loader.o vmm/dtb.o vmm/machine.o vmm/snapshot.o \
	vmm/control.o vmm/agentrd.o
