objs += vmm/guestmem.o
