# The host terminal.
objs += ui/term.o ui/qmp.o ui/monitor.o ui/gdbstub.o
