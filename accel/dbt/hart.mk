objs += accel/dbt/csr.o accel/dbt/trap.o accel/dbt/run.o accel/dbt/exec.o accel/dbt/exec-ext.o accel/dbt/pmu.o accel/dbt/cache.o accel/dbt/dbt.o \
	accel/dbt/trace.o accel/dbt/state.o accel/dbt/window.o
