objs += devices/bus.o devices/uart.o devices/aclint.o devices/rtc.o \
	devices/finisher.o
