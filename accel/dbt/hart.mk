objs += accel/dbt/csr.o accel/dbt/trap.o accel/dbt/interp.o accel/dbt/dbt.o \
	accel/dbt/trace.o accel/dbt/state.o
