// SPDX-License-Identifier: MIT
/* The back-end-neutral half of net.h: dispatch and the --net option. */
#include "net/net.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "net/net-internal.h"

void net_attach(struct net_backend *be, const struct net_frontend *fe)
{
	be->fe = *fe;
}

int net_send(struct net_backend *be, const struct iovec *iov, int iovcnt)
{
	return be->ops->send(be, iov, iovcnt);
}

void net_resume(struct net_backend *be)
{
	if (be->ops->resume)
		be->ops->resume(be);
}

void net_destroy(struct net_backend *be)
{
	if (be)
		be->ops->destroy(be);
}

/* Whether @opt is @word alone or @word followed by a comma. */
static bool net_kind_is(const char *opt, const char *word)
{
	size_t n = strlen(word);

	return strncmp(opt, word, n) == 0 && (opt[n] == 0 || opt[n] == ',');
}

int net_parse(const char *opt, struct net_config *cfg, char *err, size_t errlen)
{
	memset(cfg, 0, sizeof(*cfg));
	if (strcmp(opt, "none") == 0) {
		cfg->kind = NET_NONE;
		return 0;
	}
	if (net_kind_is(opt, "user")) {
		cfg->kind = NET_USER;
		return net_slirp_parse(opt, &cfg->user, err, errlen);
	}
	if (net_kind_is(opt, "tap")) {
		cfg->kind = NET_TAP;
		return net_tap_parse(opt, &cfg->tap, err, errlen);
	}
	snprintf(err, errlen,
		 "--net %s: unknown network type; use 'user[,hostfwd=...]"
		 "[,restrict=on]', 'tap,ifname=NAME' or 'none'",
		 opt);
	return -EINVAL;
}

int net_create(struct net_backend **out, struct loop *l,
	       const struct net_config *cfg, char *err, size_t errlen)
{
	switch (cfg->kind) {
	case NET_USER:
		return net_slirp_create(out, l, &cfg->user, err, errlen);
	case NET_TAP:
		return net_tap_create(out, l, &cfg->tap, err, errlen);
	case NET_NONE:
		*out = NULL;
		return 0;
	default:
		snprintf(err, errlen, "--net: no network type given");
		return -EINVAL;
	}
}
