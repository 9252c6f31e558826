objs += vmm/timer.o
