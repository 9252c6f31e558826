objs += vmm/options.o vmm/loader.o vmm/dtb.o vmm/machine.o vmm/agentrd.o
