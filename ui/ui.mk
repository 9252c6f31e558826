# The host terminal, the other serial back ends, QMP and the monitor.
objs += ui/term.o ui/serial.o ui/run.o ui/vsock.o ui/signals.o ui/qmp.o \
	ui/monitor.o
