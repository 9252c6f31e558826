# The JIT: the x86-64 emitter it writes host code with.
objs += accel/dbt/jit/x86.o
