objs += accel/dbt/mmu.o
