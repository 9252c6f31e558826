/* SPDX-License-Identifier: MIT */
/*
 * User-mode networking with libslirp: the guest gets a private network
 * with the addresses QEMU's "user" network uses (10.0.2.0/24, gateway and
 * host 10.0.2.2, DNS 10.0.2.3, DHCP from 10.0.2.15; fec0::/64 for IPv6),
 * and its connections become the host's own sockets.
 */
#ifndef HVRUN_NET_SLIRP_H
#define HVRUN_NET_SLIRP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define NET_SLIRP_MAX_FWD 16

struct loop;
struct net_backend;

/* A host port forwarded into the guest. Addresses in network order. */
struct net_slirp_fwd {
	bool udp;
	struct in_addr host_addr;  /* INADDR_ANY when not given */
	struct in_addr guest_addr; /* 0: the DHCP address, 10.0.2.15 */
	uint16_t host_port;
	uint16_t guest_port;
};

struct net_slirp_config {
	/* The guest reaches only hvrun's own services and forwarded ports. */
	bool restricted;
	unsigned n_fwd;
	struct net_slirp_fwd fwd[NET_SLIRP_MAX_FWD];
};

/*
 * Parses "user[,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]
 * ...[,restrict=on|off]" into @cfg. 0, or -EINVAL and one line in @err.
 */
int net_slirp_parse(const char *opt, struct net_slirp_config *cfg, char *err,
		    size_t errlen);

/* Main thread. On failure, -errno and one line in @err. */
int net_slirp_create(struct net_backend **out, struct loop *l,
		     const struct net_slirp_config *cfg, char *err,
		     size_t errlen);

#endif
