# The host terminal and the other serial back ends.
objs += ui/term.o ui/serial.o ui/run.o ui/vsock.o ui/signals.o
