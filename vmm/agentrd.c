// SPDX-License-Identifier: MIT
/*
 * The guest agent in the initramfs. The archive is cpio's "newc" format
 * as Linux's Documentation/driver-api/early-userspace/buffer-format.rst
 * describes it: a 110-byte ASCII header of hex fields, the NUL-terminated
 * name and the data, each padded to 4 bytes, then "TRAILER!!!".
 */
#include "vmm/agentrd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "guest/agent/proto.h"

/* Where the agent is, relative to the program's own folder. */
static const char *const agent_places[] = {
	"guest/agent/hvrun-agent",  /* the build folder */
	"../lib/hvrun/hvrun-agent", /* installed beside bin/ */
};

static bool usable(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	       !access(path, R_OK);
}

int agentrd_find(char *path, size_t len)
{
	const char *env = getenv("HVRUN_AGENT");
	char self[PATH_MAX];
	ssize_t n;

	if (env) {
		if (usable(env) && strlen(env) < len) {
			strcpy(path, env);
			return 0;
		}
		fprintf(stderr,
			"hvrun: --run: HVRUN_AGENT=%s is not the guest agent "
			"(a readable file)\n",
			env);
		return -ENOENT;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;

		self[n] = 0;
		slash = strrchr(self, '/');
		if (slash)
			slash[1] = 0;
		for (size_t i = 0;
		     i < sizeof(agent_places) / sizeof(agent_places[0]); i++)
			if ((size_t)snprintf(path, len, "%s%s", self,
					     agent_places[i]) < len &&
			    usable(path))
				return 0;
	}
	if ((size_t)snprintf(path, len, "%s/lib/hvrun/hvrun-agent",
			     CONFIG_PREFIX) < len &&
	    usable(path))
		return 0;
	fprintf(stderr,
		"hvrun: --run needs hvrun's guest agent, which this build "
		"lacks: apt-get install gcc-riscv64-linux-gnu, then "
		"./configure && make\n");
	return -ENOENT;
}

/* One newc header and name, padded; returns the bytes written. */
static size_t put_header(uint8_t *p, unsigned ino, unsigned mode,
			 size_t filesize, const char *name)
{
	size_t namesize = strlen(name) + 1, n;

	n = (size_t)sprintf((char *)p,
			    "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X"
			    "%08X%08zX%08X",
			    ino, mode, 0, 0, 1, 0, filesize, 0, 0, 0, 0,
			    namesize, 0);
	memcpy(p + n, name, namesize);
	n += namesize;
	while (n % 4)
		p[n++] = 0;
	return n;
}

int agentrd_archive(const char *agent, uint8_t **out, size_t *len)
{
	struct stat st;
	uint8_t *buf;
	size_t n, cap;
	ssize_t r;
	int fd, ret;

	fd = open(agent, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		ret = -errno;
		fprintf(stderr, "hvrun: --run: the guest agent %s: %s\n", agent,
			strerror(-ret));
		if (fd >= 0)
			close(fd);
		return ret;
	}
	/* Two headers with names, the file, padding. */
	cap = 2 * (110 + 64) + (size_t)st.st_size + 8;
	buf = calloc(1, cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	n = put_header(buf, 1, 0100755, (size_t)st.st_size, AGENT_PATH + 1);
	for (size_t got = 0; got < (size_t)st.st_size; got += (size_t)r) {
		r = read(fd, buf + n + got, (size_t)st.st_size - got);
		if (r <= 0) {
			ret = r < 0 ? -errno : -EIO;
			fprintf(stderr, "hvrun: --run: cannot read %s: %s\n",
				agent, strerror(-ret));
			free(buf);
			close(fd);
			return ret;
		}
	}
	close(fd);
	n += (size_t)st.st_size;
	while (n % 4)
		buf[n++] = 0;
	n += put_header(buf + n, 2, 0, 0, "TRAILER!!!");
	*out = buf;
	*len = n;
	return 0;
}

/* The length of the word at @p: to a space outside double quotes. */
static size_t word_len(const char *p)
{
	bool quoted = false;
	size_t n = 0;

	for (; p[n] && (quoted || p[n] != ' '); n++)
		if (p[n] == '"')
			quoted = !quoted;
	return n;
}

/* The user's rdinit= word, if any: its value's start and length. */
static const char *find_rdinit(const char *append, size_t *len)
{
	const char *found = NULL;

	for (const char *p = append; *p;) {
		size_t w;

		while (*p == ' ')
			p++;
		w = word_len(p);
		if (w > 7 && !strncmp(p, "rdinit=", 7)) {
			found = p + 7; /* the last one counts, as in Linux */
			*len = w - 7;
		}
		p += w;
	}
	return found;
}

char *agentrd_cmdline(const char *append, const char *console, bool quiet)
{
	size_t cap = (append ? strlen(append) : 0) + 256, n, ilen = 0;
	const char *init = append ? find_rdinit(append, &ilen) : NULL;
	char *out = malloc(cap);

	if (!out)
		return NULL;
	/*
	 * First, so they stay before a "--" that ends the kernel's own, and
	 * the user's panic= wins. A panic reboots, which ends the run.
	 */
	n = (size_t)snprintf(out, cap, "rdinit=%s panic=-1", AGENT_PATH);
	if (init)
		n += (size_t)snprintf(out + n, cap - n, " %s=%.*s",
				      AGENT_INIT_VAR, (int)ilen, init);
	if (!append) {
		snprintf(out + n, cap - n, " console=%s%s", console,
			 quiet ? " quiet" : "");
		return out;
	}
	for (const char *p = append; *p;) {
		size_t w;

		while (*p == ' ')
			p++;
		w = word_len(p);
		if (!(w > 7 && !strncmp(p, "rdinit=", 7)))
			n += (size_t)snprintf(out + n, cap - n, " %.*s", (int)w,
					      p);
		p += w;
	}
	return out;
}
