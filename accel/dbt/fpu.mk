objs += accel/dbt/fpu.o
