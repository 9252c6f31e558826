objs += devices/plic/plic.o
