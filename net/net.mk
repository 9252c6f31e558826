# Network back ends: user networking (libslirp) and tap.
objs += net/net.o net/slirp.o net/tap.o
