# virtio-net and virtio-9p (with its 9P2000.L server).
objs += devices/virtio/net.o devices/virtio/p9.o devices/virtio/p9fs.o
