objs += accel/accel.o accel/isa.o
