# VirtIO: the virtio-mmio transport, split virtqueues and the device types.
objs += devices/virtio/virtq.o devices/virtio/mmio.o devices/virtio/blk.o \
	devices/virtio/rng.o devices/virtio/console.o \
	devices/virtio/vsock.o
