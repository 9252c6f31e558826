# Thread-pool work for devices, behind a header without libuv.
objs += vmm/worker.o
