# The host terminal.
objs += ui/term.o
