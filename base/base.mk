objs += base/fault.o base/guestmem.o base/timer.o base/loop.o base/worker.o base/log.o base/record.o
