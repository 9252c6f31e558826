objs += accel/accel.o
