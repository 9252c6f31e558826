# The JIT: the x86-64 emitter, the translator and its code cache.
objs += accel/dbt/jit/x86.o accel/dbt/jit/translate.o accel/dbt/jit/jit.o
