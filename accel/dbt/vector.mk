# The vector unit of the emulated hart (V, Zvfhmin, Zvbb).
objs += accel/dbt/vector.o accel/dbt/vector-mem.o accel/dbt/vector-fp.o
