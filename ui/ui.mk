# The host terminal, the other serial back ends, QMP, the monitor and the
# GDB stub.
objs += ui/term.o ui/serial.o ui/run.o ui/vsock.o ui/signals.o ui/qmp.o \
	ui/monitor.o ui/gdbstub.o
