/* SPDX-License-Identifier: MIT */
/*
 * A Linux tap interface as the guest's network: frames go to and come
 * from /dev/net/tun as they are (IFF_TAP, IFF_NO_PI).
 */
#ifndef HVRUN_NET_TAP_H
#define HVRUN_NET_TAP_H

#include <stddef.h>
#include <net/if.h>

struct loop;
struct net_backend;

struct net_tap_config {
	char ifname[IFNAMSIZ];
};

/* Parses "tap,ifname=NAME". 0, or -EINVAL and one line in @err. */
int net_tap_parse(const char *opt, struct net_tap_config *cfg, char *err,
		  size_t errlen);

/* Main thread. On failure, -errno and one line in @err. */
int net_tap_create(struct net_backend **out, struct loop *l,
		   const struct net_tap_config *cfg, char *err, size_t errlen);

#endif
