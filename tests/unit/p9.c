// SPDX-License-Identifier: MIT
/*
 * Unit tests for the 9P2000.L server (devices/virtio/p9fs.c): hand-built
 * messages against a temporary directory, the usual file operations, and
 * every way out of the share we could think of, all of which must fail or
 * stay inside.
 */
#include "devices/virtio/p9fs.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/record.h"
#include "devices/virtio/p9.h"
#include "vdriver.h"
#include "base/loop.h"

static int failures;

static void check(bool cond, const char *name, const char *why)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, why);
		failures++;
	}
}

/* ---- Building requests, reading replies ---- */

struct msg {
	uint8_t b[70000];
	size_t n;
};

static void m_put(struct msg *m, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		m->b[m->n++] = (uint8_t)(v >> (8 * i));
}

static void m_start(struct msg *m, uint8_t type)
{
	m->n = 0;
	m_put(m, 0, 4);
	m_put(m, type, 1);
	m_put(m, 0x4242, 2);
}

static void m_str(struct msg *m, const char *s)
{
	size_t n = strlen(s);

	m_put(m, n, 2);
	memcpy(m->b + m->n, s, n);
	m->n += n;
}

struct reply {
	uint8_t b[70000];
	size_t n, off;
	uint8_t type;
	uint32_t err; /* Rlerror's errno, else 0 */
};

static uint64_t r_get(struct reply *r, unsigned n)
{
	uint64_t v = 0;

	if (r->off + n > r->n)
		return 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)r->b[r->off + i] << (8 * i);
	r->off += n;
	return v;
}

static void r_str(struct reply *r, char *buf, size_t len)
{
	size_t n = r_get(r, 2);

	if (n >= len || r->off + n > r->n)
		n = 0;
	memcpy(buf, r->b + r->off, n);
	buf[n] = 0;
	r->off += n;
}

struct qid {
	uint8_t type;
	uint64_t path;
};

static struct qid r_qid(struct reply *r)
{
	struct qid q;

	q.type = (uint8_t)r_get(r, 1);
	r_get(r, 4);
	q.path = r_get(r, 8);
	return q;
}

static struct p9fs *fs;
static struct reply rep;

/* Sends @m; returns the reply type (rep holds it, positioned after tag). */
static uint8_t rpc(struct msg *m)
{
	uint32_t size;

	m->b[0] = (uint8_t)m->n;
	m->b[1] = (uint8_t)(m->n >> 8);
	m->b[2] = (uint8_t)(m->n >> 16);
	m->b[3] = (uint8_t)(m->n >> 24);
	rep.n = p9fs_handle(fs, m->b, m->n, rep.b, sizeof(rep.b));
	rep.off = 0;
	size = (uint32_t)r_get(&rep, 4);
	rep.type = (uint8_t)r_get(&rep, 1);
	if (size != rep.n || r_get(&rep, 2) != 0x4242) {
		printf("# reply size %u != %zu or tag lost\n", size, rep.n);
		rep.type = 0;
	}
	rep.err = rep.type == 7 ? (uint32_t)r_get(&rep, 4) : 0;
	return rep.type;
}

static struct msg m;

static uint8_t t_version(uint32_t msize, const char *v)
{
	m_start(&m, 100);
	m_put(&m, msize, 4);
	m_str(&m, v);
	return rpc(&m);
}

static uint8_t t_attach(uint32_t fid)
{
	m_start(&m, 104);
	m_put(&m, fid, 4);
	m_put(&m, 0xffffffffu, 4);
	m_str(&m, "user");
	m_str(&m, "");
	m_put(&m, 1000, 4);
	return rpc(&m);
}

/* Walks @n names; returns the number of qids (or -errno). */
static int t_walk(uint32_t fid, uint32_t newfid, int n, const char **names,
		  struct qid *last)
{
	int nq;

	m_start(&m, 110);
	m_put(&m, fid, 4);
	m_put(&m, newfid, 4);
	m_put(&m, (uint64_t)n, 2);
	for (int i = 0; i < n; i++)
		m_str(&m, names[i]);
	if (rpc(&m) != 111)
		return rep.type == 7 ? -(int)rep.err : -1000;
	nq = (int)r_get(&rep, 2);
	for (int i = 0; i < nq; i++) {
		struct qid q = r_qid(&rep);

		if (last)
			*last = q;
	}
	return nq;
}

static int walk1(uint32_t fid, uint32_t newfid, const char *name)
{
	return t_walk(fid, newfid, 1, &name, NULL);
}

static int t_simple_err(uint8_t rtype)
{
	uint8_t t = rpc(&m);

	if (t == rtype)
		return 0;
	return t == 7 ? -(int)rep.err : -1000;
}

static int t_lopen(uint32_t fid, uint32_t flags)
{
	m_start(&m, 12);
	m_put(&m, fid, 4);
	m_put(&m, flags, 4);
	return t_simple_err(13);
}

static int t_lcreate(uint32_t fid, const char *name, uint32_t flags,
		     uint32_t mode)
{
	m_start(&m, 14);
	m_put(&m, fid, 4);
	m_str(&m, name);
	m_put(&m, flags, 4);
	m_put(&m, mode, 4);
	m_put(&m, 0, 4);
	return t_simple_err(15);
}

static int t_mkdir(uint32_t fid, const char *name, uint32_t mode)
{
	m_start(&m, 72);
	m_put(&m, fid, 4);
	m_str(&m, name);
	m_put(&m, mode, 4);
	m_put(&m, 0, 4);
	return t_simple_err(73);
}

static int t_write(uint32_t fid, uint64_t off, const char *data)
{
	size_t n = strlen(data);

	m_start(&m, 118);
	m_put(&m, fid, 4);
	m_put(&m, off, 8);
	m_put(&m, n, 4);
	memcpy(m.b + m.n, data, n);
	m.n += n;
	if (rpc(&m) != 119)
		return rep.type == 7 ? -(int)rep.err : -1000;
	return (int)r_get(&rep, 4);
}

static int t_read(uint32_t fid, uint64_t off, uint32_t count, char *buf)
{
	uint32_t n;

	m_start(&m, 116);
	m_put(&m, fid, 4);
	m_put(&m, off, 8);
	m_put(&m, count, 4);
	if (rpc(&m) != 117)
		return rep.type == 7 ? -(int)rep.err : -1000;
	n = (uint32_t)r_get(&rep, 4);
	memcpy(buf, rep.b + rep.off, n);
	buf[n] = 0;
	return (int)n;
}

static int t_clunk(uint32_t fid)
{
	m_start(&m, 120);
	m_put(&m, fid, 4);
	return t_simple_err(121);
}

static int t_symlink(uint32_t fid, const char *name, const char *target)
{
	m_start(&m, 16);
	m_put(&m, fid, 4);
	m_str(&m, name);
	m_str(&m, target);
	m_put(&m, 0, 4);
	return t_simple_err(17);
}

static int t_renameat(uint32_t ofid, const char *oname, uint32_t nfid,
		      const char *nname)
{
	m_start(&m, 74);
	m_put(&m, ofid, 4);
	m_str(&m, oname);
	m_put(&m, nfid, 4);
	m_str(&m, nname);
	return t_simple_err(75);
}

static int t_unlinkat(uint32_t fid, const char *name, uint32_t flags)
{
	m_start(&m, 76);
	m_put(&m, fid, 4);
	m_str(&m, name);
	m_put(&m, flags, 4);
	return t_simple_err(77);
}

/* Tgetattr: mode and size of @fid, or -errno. */
static int t_getattr(uint32_t fid, uint32_t *mode, uint64_t *size,
		     struct qid *q)
{
	m_start(&m, 24);
	m_put(&m, fid, 4);
	m_put(&m, 0x7ff, 8);
	if (rpc(&m) != 25)
		return rep.type == 7 ? -(int)rep.err : -1000;
	r_get(&rep, 8);
	*q = r_qid(&rep);
	*mode = (uint32_t)r_get(&rep, 4);
	r_get(&rep, 4);
	r_get(&rep, 4);
	r_get(&rep, 8);
	r_get(&rep, 8);
	*size = r_get(&rep, 8);
	return 0;
}

/* All names in the directory @fid (opened), read @count bytes at a time. */
static int t_readdir_all(uint32_t fid, uint32_t count, char *names, size_t len)
{
	uint64_t off = 0;
	int total = 0;

	names[0] = 0;
	for (int rounds = 0; rounds < 1000; rounds++) {
		uint32_t n;
		size_t end;

		m_start(&m, 40);
		m_put(&m, fid, 4);
		m_put(&m, off, 8);
		m_put(&m, count, 4);
		if (rpc(&m) != 41)
			return rep.type == 7 ? -(int)rep.err : -1000;
		n = (uint32_t)r_get(&rep, 4);
		if (n == 0)
			return total;
		end = rep.off + n;
		while (rep.off < end) {
			char name[256];

			r_qid(&rep);
			off = r_get(&rep, 8);
			r_get(&rep, 1);
			r_str(&rep, name, sizeof(name));
			if (strlen(names) + strlen(name) + 2 < len) {
				strcat(names, "/");
				strcat(names, name);
			}
			total++;
		}
	}
	return -1000;
}

/* ---- The tests ---- */

static char outer[64], share[128];

static void path_in(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", share, rel);
}

static bool host_exists(const char *rel)
{
	char p[256];
	struct stat st;

	path_in(p, sizeof(p), rel);
	return lstat(p, &st) == 0;
}

static void test_basic(void)
{
	struct qid root, q;
	char buf[256], p[256], names[4096];
	uint32_t mode;
	uint64_t size;
	int ret, fd;

	check(t_version(65536, "9P2000") == 101 &&
		      (r_get(&rep, 4), r_str(&rep, buf, sizeof(buf)),
		       strcmp(buf, "unknown") == 0),
	      "version_unknown", "9P2000 should get 'unknown'");
	ret = t_version(65536, "9P2000.L");
	check(ret == 101 && r_get(&rep, 4) == 65536 &&
		      (r_str(&rep, buf, sizeof(buf)),
		       strcmp(buf, "9P2000.L") == 0),
	      "version", "Rversion 65536 9P2000.L expected");
	t_version(1u << 30, "9P2000.L");
	check(rep.type == 101 && r_get(&rep, 4) == P9FS_MSIZE_MAX,
	      "version_msize_clamped", "a huge msize should be clamped");
	t_version(65536, "9P2000.L");

	check(t_attach(1) == 105 && (root = r_qid(&rep), root.type == 0x80),
	      "attach", "Rattach with a directory qid expected");
	check(t_attach(1) == 7 && rep.err == EEXIST, "attach_fid_in_use",
	      "attach onto a used fid must fail");

	check(t_walk(1, 2, 0, NULL, NULL) == 0, "walk_clone",
	      "nwname 0 must clone");
	check(t_mkdir(2, "sub", 0750) == 0 && host_exists("sub"), "mkdir",
	      "Tmkdir did not make sub");
	path_in(p, sizeof(p), "sub");
	{
		struct stat st;

		check(stat(p, &st) == 0 && (st.st_mode & 07777) == 0750,
		      "mkdir_mode", "mode 0750 not kept");
	}

	check(walk1(1, 3, "sub") == 1, "walk_sub", "walk to sub failed");
	ret = t_lcreate(3, "f.txt", 2 /* O_RDWR */, 0644);
	check(ret == 0 && host_exists("sub/f.txt"), "lcreate",
	      "Tlcreate did not make sub/f.txt");
	check(t_write(3, 0, "hello world") == 11, "write", "Rwrite 11");
	check(t_read(3, 6, 5, buf) == 5 && strcmp(buf, "world") == 0, "read",
	      "read at 6 should give 'world'");
	check(t_read(3, 11, 100, buf) == 0, "read_eof", "read at EOF: 0");
	check(t_getattr(3, &mode, &size, &q) == 0 && mode == (S_IFREG | 0644) &&
		      size == 11 && q.type == 0,
	      "getattr", "regular 0644 of 11 bytes expected");
	check(t_clunk(3) == 0, "clunk", "clunk failed");
	check(t_clunk(3) == -EBADF, "clunk_twice", "second clunk must fail");
	check(t_read(3, 0, 5, buf) == -EBADF, "use_after_clunk",
	      "a clunked fid must be unknown");
	path_in(p, sizeof(p), "sub/f.txt");
	fd = open(p, O_RDONLY);
	ret = fd >= 0 ? (int)read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (ret >= 0)
		buf[ret] = 0;
	check(ret == 11 && strcmp(buf, "hello world") == 0, "write_on_host",
	      "host file content differs");

	/* Reading a directory, a few entries at a time. */
	check(walk1(1, 4, "sub") == 1 && t_lopen(4, 0200000) == 0, "lopen_dir",
	      "open of sub as a directory failed");
	for (int i = 0; i < 20; i++) {
		char n[32];

		snprintf(n, sizeof(n), "sub/e%02d", i);
		path_in(p, sizeof(p), n);
		close(open(p, O_CREAT | O_WRONLY, 0644));
	}
	ret = t_readdir_all(4, 100, names, sizeof(names));
	check(ret == 23 && strstr(names, "/f.txt") && strstr(names, "/e00/") &&
		      strstr(names, "/e19") && strstr(names, "/.."),
	      "readdir_paged", "21 files + . + .. expected over several calls");
	t_clunk(4);

	/* Rename within and across directories. */
	check(t_renameat(2, "sub", 2, "sub2") == 0 && host_exists("sub2") &&
		      !host_exists("sub"),
	      "renameat", "sub -> sub2 failed");
	check(walk1(1, 5, "sub2") == 1 &&
		      t_renameat(5, "f.txt", 1, "moved.txt") == 0 &&
		      host_exists("moved.txt"),
	      "renameat_across", "sub2/f.txt -> moved.txt failed");
	{
		const char *w[] = {"moved.txt"};

		t_walk(1, 6, 1, w, NULL);
		m_start(&m, 20); /* Trename */
		m_put(&m, 6, 4);
		m_put(&m, 5, 4);
		m_str(&m, "back.txt");
		check(t_simple_err(21) == 0 && host_exists("sub2/back.txt") &&
			      !host_exists("moved.txt"),
		      "rename", "Trename into sub2 failed");
		m_start(&m, 122); /* Tremove */
		m_put(&m, 6, 4);
		check(t_simple_err(123) == 0 && !host_exists("sub2/back.txt"),
		      "remove", "Tremove failed");
		check(t_clunk(6) == -EBADF, "remove_clunks",
		      "Tremove must clunk");
	}

	/* Symbolic links: stored as text, read back, never followed. */
	check(t_symlink(1, "ln", "sub2/e00") == 0, "symlink", "Tsymlink");
	check(walk1(1, 7, "ln") == 1, "walk_symlink", "walk to ln failed");
	m_start(&m, 22);
	m_put(&m, 7, 4);
	check(rpc(&m) == 23 && (r_str(&rep, buf, sizeof(buf)),
				strcmp(buf, "sub2/e00") == 0),
	      "readlink", "Treadlink text differs");
	check(t_getattr(7, &mode, &size, &q) == 0 && S_ISLNK(mode) &&
		      q.type == 0x02,
	      "getattr_symlink", "a symlink's own attributes expected");
	t_clunk(7);

	check(t_unlinkat(5, "e00", 0) == 0 && !host_exists("sub2/e00"),
	      "unlinkat", "unlinkat e00 failed");
	check(t_unlinkat(1, "sub2", 0x200) == -ENOTEMPTY, "unlinkat_notempty",
	      "rmdir of a full directory must fail ENOTEMPTY");
	check(t_mkdir(1, "empty", 0755) == 0 &&
		      t_unlinkat(1, "empty", 0x200) == 0 &&
		      !host_exists("empty"),
	      "unlinkat_dir", "rmdir failed");
	check(t_mkdir(1, "sub2", 0755) == -EEXIST, "mkdir_exists",
	      "mkdir over an existing name must fail EEXIST");
	check(walk1(1, 8, "nope") == -ENOENT, "walk_enoent",
	      "walk to a missing name: ENOENT");

	m_start(&m, 8); /* Tstatfs */
	m_put(&m, 1, 4);
	check(rpc(&m) == 9 && (r_get(&rep, 4), r_get(&rep, 4) > 0), "statfs",
	      "Rstatfs with a block size expected");

	m_start(&m, 30); /* Txattrwalk */
	m_put(&m, 1, 4);
	m_put(&m, 9, 4);
	m_str(&m, "user.x");
	check(rpc(&m) == 7 && rep.err == EOPNOTSUPP, "xattrwalk",
	      "Txattrwalk must be refused with EOPNOTSUPP");

	m_start(&m, 108); /* Tflush */
	m_put(&m, 1, 2);
	check(rpc(&m) == 109, "flush", "Rflush expected");

	check(walk1(1, 10, "sub2") == 1 && t_lopen(5, 0) == 0 &&
		      t_lopen(10, 0) == 0,
	      "lopen", "lopen of sub2");
	m_start(&m, 52); /* Tlock */
	m_put(&m, 10, 4);
	m_put(&m, 1, 1);
	m_put(&m, 0, 4);
	m_put(&m, 0, 8);
	m_put(&m, 0, 8);
	m_put(&m, 1, 4);
	m_str(&m, "c");
	check(rpc(&m) == 53 && r_get(&rep, 1) == 0, "lock", "lock granted");
	m_start(&m, 54); /* Tgetlock */
	m_put(&m, 10, 4);
	m_put(&m, 1, 1);
	m_put(&m, 0, 8);
	m_put(&m, 100, 8);
	m_put(&m, 1, 4);
	m_str(&m, "c");
	check(rpc(&m) == 55 && r_get(&rep, 1) == 2, "getlock",
	      "getlock must report unlocked");
}

static void test_malformed(void)
{
	static const uint8_t shortmsg[5] = {5, 0, 0, 0, 100};

	check(p9fs_handle(fs, shortmsg, 5, rep.b, sizeof(rep.b)) == 0,
	      "malformed_short", "no reply possible without a tag");

	m_start(&m, 110);
	m_put(&m, 1, 4);
	m_put(&m, 11, 4);
	m_put(&m, 3, 2); /* 3 names promised, none given */
	check(rpc(&m) == 7 && rep.err == EINVAL, "malformed_walk",
	      "a truncated Twalk must be EINVAL");

	m_start(&m, 110);
	m_put(&m, 1, 4);
	m_put(&m, 11, 4);
	m_put(&m, 1, 2);
	m_put(&m, 3, 2);
	memcpy(m.b + m.n, "a\0b", 3);
	m.n += 3;
	check(rpc(&m) == 7 && rep.err == EINVAL, "malformed_nul",
	      "a name with NUL must be EINVAL");

	m_start(&m, 120);
	m_put(&m, 1, 4);
	m.b[0] = 0xff; /* claims more than there is */
	rep.n = p9fs_handle(fs, m.b, m.n, rep.b, sizeof(rep.b));
	check(rep.n == 11 && rep.b[4] == 7 && rep.b[7] == EINVAL,
	      "malformed_size", "a size beyond the buffer must be EINVAL");

	m_start(&m, 111); /* an R-message sent to the server */
	check(rpc(&m) == 7 && rep.err == EINVAL, "malformed_rtype",
	      "an R-message type must be refused");
	m_start(&m, 200);
	check(rpc(&m) == 7 && rep.err == EOPNOTSUPP, "unknown_type",
	      "an unknown type must be EOPNOTSUPP");
}

static void test_escapes(void)
{
	char p[256], secret[256], buf[256];
	struct qid root, q;
	uint32_t mode;
	uint64_t size;
	int ret;

	t_getattr(1, &mode, &size, &root);

	/* ".." at the root stays there. */
	{
		const char *w[] = {"..", "..", ".."};

		check(t_walk(1, 20, 3, w, &q) == 3 && q.path == root.path,
		      "escape_dotdot_root", "'..' left the root");
		check(t_getattr(20, &mode, &size, &q) == 0 &&
			      q.path == root.path,
		      "escape_dotdot_fid_root", "fid after '..' not root");
		check(walk1(20, 21, "secret") == -ENOENT,
		      "escape_dotdot_then_name",
		      "../secret must not find the file beside the share");
		t_clunk(20);
	}
	{
		const char *w[] = {"sub2", "..", "..", "sub2"};

		check(t_walk(1, 22, 4, w, &q) == 4, "walk_dotdot_inside",
		      "sub2/../../sub2 should stay inside and resolve");
		t_clunk(22);
	}
	/* Names that are paths. */
	{
		static const char *const bad[] = {"a/b", "/", "/etc",
						  "",	 ".", "sub2/e01"};
		bool all = true;

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (walk1(1, 23, bad[i]) >= 0)
				all = false;
		check(all, "escape_slash_names",
		      "a name with '/' (or empty, or '.') was walked");
		all = t_lcreate(1, "../x", 2, 0644) == -EINVAL &&
		      t_lcreate(1, "..", 2, 0644) == -EINVAL &&
		      t_mkdir(1, "../y", 0755) == -EINVAL &&
		      t_symlink(1, "a/b", "x") == -EINVAL &&
		      t_renameat(1, "sub2", 1, "../z") == -EINVAL &&
		      t_unlinkat(1, "../secret", 0) == -EINVAL;
		check(all, "escape_create_names",
		      "a create/rename/unlink name with '/' or '..' passed");
	}

	/* Host symlinks out of the share: never followed. */
	path_in(p, sizeof(p), "rootlink");
	ret = symlink("/", p);
	path_in(p, sizeof(p), "uplink");
	ret |= symlink("../..", p);
	snprintf(secret, sizeof(secret), "%s/secret", outer);
	path_in(p, sizeof(p), "secretlink");
	ret |= symlink(secret, p);
	if (ret)
		perror("symlink");
	{
		const char *w1[] = {"rootlink", "etc", "passwd"};
		const char *w2[] = {"uplink", "secret"};
		const char *w3[] = {"rootlink"};

		check(t_walk(1, 24, 3, w1, &q) == 1 && q.type == 0x02,
		      "escape_symlink_root",
		      "walk through a link to / went beyond the link");
		check(t_walk(1, 24, 2, w2, &q) == 1 && q.type == 0x02,
		      "escape_symlink_dotdot",
		      "walk through a link to ../.. went beyond the link");
		check(t_walk(1, 24, 1, w3, &q) == 1 &&
			      t_lopen(24, 0200000) == -ELOOP &&
			      t_lopen(24, 0) == -ELOOP,
		      "escape_symlink_open", "a symlink fid was opened");
		check(t_lcreate(24, "x", 2, 0644) < 0 &&
			      t_mkdir(24, "y", 0755) < 0,
		      "escape_symlink_as_dir",
		      "something was made through a symlink fid");
		t_clunk(24);
	}
	/* lcreate over a link to a file outside, with O_TRUNC. */
	ret = t_lcreate(1, "secretlink", 2 | 01000, 0644);
	{
		struct stat st;

		check(ret < 0 && stat(secret, &st) == 0 && st.st_size == 6,
		      "escape_create_over_symlink",
		      "creating over a symlink touched its target");
	}
	/* A guest-made absolute link is text only. */
	check(t_symlink(1, "etclink", "/etc") == 0, "guest_abs_symlink",
	      "Tsymlink to /etc failed");
	{
		const char *w[] = {"etclink", "passwd"};

		check(t_walk(1, 25, 2, w, &q) == 1, "escape_guest_symlink",
		      "walk through a guest link to /etc went beyond it");
		check(walk1(1, 25, "etclink") == 1 &&
			      t_lcreate(25, "hvrun-escape", 2, 0644) < 0 &&
			      access("/etc/hvrun-escape", F_OK) != 0,
		      "escape_guest_symlink_create",
		      "a file was made through a guest link");
		t_clunk(25);
	}
	/* Hard link of a file fid: inside only. */
	check(walk1(1, 26, "sub2") == 1 && walk1(26, 27, "e01") == 1,
	      "walk_for_link", "walk to sub2/e01");
	m_start(&m, 70);
	m_put(&m, 1, 4);
	m_put(&m, 27, 4);
	m_str(&m, "hard");
	check(t_simple_err(71) == 0 && host_exists("hard"), "link",
	      "Tlink failed");
	m_start(&m, 70);
	m_put(&m, 1, 4);
	m_put(&m, 27, 4);
	m_str(&m, "../hard");
	check(t_simple_err(71) == -EINVAL, "escape_link_name",
	      "Tlink with '../' passed");
	/* Nothing appeared beside the share. */
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "test $(ls -A %s | wc -l) -eq 2",
			 outer);
		check(system(cmd) == 0, "escape_nothing_outside",
		      "a file appeared beside the share");
	}
	(void)buf;
}

static void test_readonly(void)
{
	struct p9fs *rw = fs;
	char buf[64];
	int ret;

	ret = p9fs_create(&fs, share, true);
	check(ret == 0, "ro_create", "p9fs_create ro failed");
	if (ret) {
		fs = rw;
		return;
	}
	t_version(65536, "9P2000.L");
	t_attach(1);
	check(t_lcreate(1, "new", 2, 0644) == -EROFS &&
		      t_mkdir(1, "d", 0755) == -EROFS &&
		      t_symlink(1, "s", "x") == -EROFS &&
		      t_unlinkat(1, "hard", 0) == -EROFS &&
		      t_renameat(1, "hard", 1, "h2") == -EROFS,
	      "ro_refuses_changes", "a change passed on a ro share");
	check(walk1(1, 2, "hard") == 1 && t_lopen(2, 1) == -EROFS &&
		      t_lopen(2, 01000) == -EROFS,
	      "ro_refuses_write_open", "open for writing passed");
	check(t_lopen(2, 0) == 0 && t_read(2, 0, 10, buf) == 3, "ro_reads",
	      "reading a ro share failed");
	m_start(&m, 26); /* Tsetattr mode */
	m_put(&m, 2, 4);
	m_put(&m, 1, 4);
	m_put(&m, 0777, 4);
	for (int i = 0; i < 2; i++)
		m_put(&m, 0, 4);
	for (int i = 0; i < 5; i++)
		m_put(&m, 0, 8);
	check(t_simple_err(27) == -EROFS, "ro_setattr", "setattr passed");
	p9fs_destroy(fs);
	fs = rw;
}

static void test_setattr(void)
{
	char p[256];
	struct stat st;

	walk1(1, 30, "hard");
	m_start(&m, 26);
	m_put(&m, 30, 4);
	m_put(&m, 0x1 | 0x8 | 0x20 | 0x100, 4); /* mode, size, mtime set */
	m_put(&m, 0600, 4);
	m_put(&m, 0, 4);
	m_put(&m, 0, 4);
	m_put(&m, 3, 8);
	m_put(&m, 0, 8);
	m_put(&m, 0, 8);
	m_put(&m, 1000000000, 8);
	m_put(&m, 0, 8);
	path_in(p, sizeof(p), "hard");
	check(t_simple_err(27) == 0 && stat(p, &st) == 0 &&
		      (st.st_mode & 07777) == 0600 && st.st_size == 3 &&
		      st.st_mtim.tv_sec == 1000000000,
	      "setattr", "mode 0600, size 3, mtime 1e9 expected");

	/* No set-user-ID (or set-group-ID on files) for the guest. */
	m_start(&m, 26);
	m_put(&m, 30, 4);
	m_put(&m, 0x1, 4);
	m_put(&m, 06755, 4);
	for (int i = 0; i < 2; i++)
		m_put(&m, 0, 4);
	for (int i = 0; i < 5; i++)
		m_put(&m, 0, 8);
	check(t_simple_err(27) == 0 && stat(p, &st) == 0 &&
		      (st.st_mode & 07777) == 0755,
	      "setattr_no_setuid", "chmod 06755 should give 0755");
	t_clunk(30);
	walk1(1, 31, "sub2");
	path_in(p, sizeof(p), "sub2/suid");
	check(t_lcreate(31, "suid", 2, 04755) == 0 && stat(p, &st) == 0 &&
		      (st.st_mode & 07777) == 0755,
	      "lcreate_no_setuid", "create 04755 should give 0755");
	t_clunk(31);
	/* A directory keeps set-group-ID (it only steers new files' group). */
	t_mkdir(1, "sgdir", 0755);
	walk1(1, 32, "sgdir");
	m_start(&m, 26);
	m_put(&m, 32, 4);
	m_put(&m, 0x1, 4);
	m_put(&m, 06755, 4);
	for (int i = 0; i < 2; i++)
		m_put(&m, 0, 4);
	for (int i = 0; i < 5; i++)
		m_put(&m, 0, 8);
	path_in(p, sizeof(p), "sgdir");
	check(t_simple_err(27) == 0 && stat(p, &st) == 0 &&
		      (st.st_mode & 07777) == 02755,
	      "chmod_dir_setgid_kept", "chmod 06755 of a dir: 02755");
	t_clunk(32);
}

/* ---- Through virtio-9p: real rings, the loop's thread pool ---- */

/* A session saved and loaded into a new server: fids by path, confined. */
static void test_saved_session(void)
{
	struct p9fs *fs2, *orig = fs;
	struct rec_writer w;
	struct rec_reader r;
	char buf[64];
	int ret;

	t_version(65536, "9P2000.L");
	t_attach(1);
	t_mkdir(1, "sv", 0755);
	walk1(1, 2, "sv");
	walk1(2, 3, "..");
	walk1(1, 4, "sv");
	t_lcreate(4, "kept.txt", 2 /* O_RDWR */, 0644);
	t_write(4, 0, "saved data");
	rec_writer_init(&w);
	ret = p9fs_save(fs, &w);
	check(ret == 0 && p9fs_fids(fs) == 4, "session_save", w.why);

	if (p9fs_create(&fs2, share, false)) {
		check(false, "session_load", "cannot create a second server");
		return;
	}
	rec_reader_init(&r, w.buf, w.len);
	ret = p9fs_load(fs2, &r);
	check(ret == 0 && p9fs_fids(fs2) == 4, "session_load", r.err);
	fs = fs2;
	check(t_read(4, 0, 5, buf) == 5 && !strcmp(buf, "saved"),
	      "session_open_fid_reads", "the open fid does not read");
	check(t_write(4, 10, "!") == 1, "session_open_fid_writes",
	      "the open fid does not write");
	check(walk1(2, 5, "kept.txt") == 1 && t_clunk(5) == 0 &&
		      t_clunk(3) == 0,
	      "session_fids_walk", "the restored fids do not walk");
	fs = orig;
	rec_writer_free(&w);

	/* A record naming what lies outside the share reaches nothing. */
	rec_writer_init(&w);
	rec_begin(&w, "p9fs", 1);
	rec_u64(&w, 1, 65536);
	rec_u64(&w, 2, 1);
	rec_u64(&w, 0x100, 9);
	rec_str(&w, 0x101, "../secret");
	rec_u64(&w, 0x104, 1);
	rec_end(&w);
	rec_reader_init(&r, w.buf, w.len);
	check(p9fs_load(fs2, &r) == -EPROTO && p9fs_fids(fs2) == 0,
	      "session_load_confined", "a fid outside the share was loaded");
	rec_writer_free(&w);
	p9fs_destroy(fs2);

	/* A fid on a file deleted meanwhile cannot be saved. */
	t_lcreate(2, "gone.txt", 2, 0644);
	{
		char p[256];

		path_in(p, sizeof(p), "sv/gone.txt");
		unlink(p);
	}
	rec_writer_init(&w);
	check(p9fs_save(fs, &w) == -EBUSY && strstr(w.why, "deleted"),
	      "session_save_refuses_deleted", "a deleted file was saved");
	rec_writer_free(&w);
	p9fs_reset(fs);
}

static void *loop_thread(void *arg)
{
	loop_run(arg);
	return NULL;
}

static void sink_set(void *opaque, unsigned line, int level)
{
	__atomic_store_n((int *)opaque, level, __ATOMIC_SEQ_CST);
}

/* One request through the ring: T in BUF(0), R into BUF(16). */
static uint8_t vrpc(const struct bus_dev *d, struct vd_queue *q,
		    struct guestmem *gm, struct msg *mm, uint32_t *used)
{
	uint64_t req = VD_RAM_BASE + 0x100000, resp = req + 0x10000;
	struct timespec ts = {0, 100000};
	uint16_t want = q->avail_idx + 1;
	uint32_t id;

	mm->b[0] = (uint8_t)mm->n;
	mm->b[1] = (uint8_t)(mm->n >> 8);
	memcpy(vd_ptr(gm, req), mm->b, mm->n);
	memset(vd_ptr(gm, resp), 0, 256);
	vd_set_desc(q, 0, req, (uint32_t)mm->n, VIRTQ_DESC_F_NEXT, 1);
	vd_set_desc(q, 1, resp, 8192, VIRTQ_DESC_F_WRITE, 0);
	vd_add(q, 0);
	vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	for (int i = 0; i < 50000; i++) {
		if ((int16_t)(vd_used_idx(q) - want) >= 0)
			break;
		nanosleep(&ts, NULL);
	}
	if ((int16_t)(vd_used_idx(q) - want) < 0)
		return 0;
	vd_used_elem(q, want - 1, &id, used);
	memcpy(rep.b, vd_ptr(gm, resp), 256);
	return rep.b[4];
}

static void test_virtio(void)
{
	struct guestmem gm;
	struct loop l;
	pthread_t th;
	struct vp9_config cfg;
	struct vp9 *dev = NULL;
	const struct bus_dev *d;
	struct vd_queue q;
	char err[256], opt[300];
	uint32_t used = 0, w;
	int level = 0;
	bool ok;

	if (guestmem_init(&gm, VD_RAM_BASE, VD_RAM_SIZE) || loop_init(&l)) {
		check(false, "virtio_setup", "guest RAM or loop");
		return;
	}
	pthread_create(&th, NULL, loop_thread, &l);

	snprintf(opt, sizeof(opt), "%s,tag=hostdir,ro", share);
	check(vp9_parse(opt, &cfg, err, sizeof(err)) == 0 && cfg.readonly &&
		      strcmp(cfg.tag, "hostdir") == 0 &&
		      strcmp(cfg.dir, share) == 0,
	      "share_parse", "DIR,tag=hostdir,ro misparsed");
	check(vp9_parse(share, &cfg, err, sizeof(err)) == 0 && !cfg.readonly &&
		      strcmp(cfg.tag, "hvshare") == 0,
	      "share_parse_default", "default tag is hvshare, writable");
	check(vp9_parse("/nonexistent-hvrun", &cfg, err, sizeof(err)) ==
			      -EINVAL &&
		      strncmp(err, "--share", 7) == 0,
	      "share_parse_missing", "a missing directory was accepted");
	snprintf(opt, sizeof(opt), "%s,rw", share);
	check(vp9_parse(opt, &cfg, err, sizeof(err)) == -EINVAL,
	      "share_parse_unknown", "an unknown option was accepted");

	snprintf(opt, sizeof(opt), "%s,tag=hostdir", share);
	vp9_parse(opt, &cfg, err, sizeof(err));
	if (vp9_create(&dev, VIRTIO_MMIO_BASE(2),
		       (struct irq_line){sink_set, &level, 3}, &gm, &l, &cfg,
		       err, sizeof(err))) {
		check(false, "virtio_create", err);
		goto out;
	}
	d = vp9_bus_dev(dev);
	check(vd_rd(d, VIRTIO_MMIO_DEVICE_ID) == 9 &&
		      (vd_device_features(d) & 0xffffff) == 1,
	      "virtio_id_features", "device 9 with MOUNT_TAG only expected");
	w = vd_rd(d, 0x100);
	ok = (w & 0xffff) == 7 && (w >> 16) == ('h' | 'o' << 8) &&
	     vd_rd(d, 0x104) == ('s' | 't' << 8 | 'd' << 16 | 'i' << 24) &&
	     d->ops->read(d->opaque, 0x108, 1) == 'r';
	check(ok, "virtio_tag", "config: le16 7, then 'hostdir'");

	vd_queue_init(&q, &gm, 0, 16);
	vd_negotiate(d, (1ull << VIRTIO_F_VERSION_1) | 1);
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);

	m_start(&m, 100);
	m_put(&m, 8192, 4);
	m_str(&m, "9P2000.L");
	check(vrpc(d, &q, &gm, &m, &used) == 101 && used == 21 &&
		      !memcmp(rep.b + 13, "9P2000.L", 8) &&
		      __atomic_load_n(&level, __ATOMIC_SEQ_CST) == 1,
	      "virtio_version", "Rversion through the ring");
	m_start(&m, 104);
	m_put(&m, 1, 4);
	m_put(&m, 0xffffffffu, 4);
	m_str(&m, "u");
	m_str(&m, "");
	m_put(&m, 0, 4);
	check(vrpc(d, &q, &gm, &m, &used) == 105 && used == 20 &&
		      rep.b[7] == 0x80,
	      "virtio_attach", "Rattach through the ring");
	m_start(&m, 110);
	m_put(&m, 1, 4);
	m_put(&m, 2, 4);
	m_put(&m, 1, 2);
	m_str(&m, "hard");
	check(vrpc(d, &q, &gm, &m, &used) == 111 && used == 9 + 13,
	      "virtio_walk", "Rwalk with one qid through the ring");
	/* A device reset forgets the session's fids. */
	vd_negotiate(d, (1ull << VIRTIO_F_VERSION_1) | 1);
	vd_queue_init(&q, &gm, 0, 16);
	vd_setup_queue(d, 0, &q);
	vd_driver_ok(d);
	m_start(&m, 120);
	m_put(&m, 2, 4);
	check(vrpc(d, &q, &gm, &m, &used) == 7 && rep.b[7] == EBADF,
	      "virtio_reset_fids", "a fid survived the device reset");
	vp9_destroy(dev);
out:
	loop_stop(&l);
	pthread_join(th, NULL);
	loop_destroy(&l);
	guestmem_destroy(&gm);
}

int main(void)
{
	char p[256];
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	umask(0);
	snprintf(outer, sizeof(outer), "/tmp/hvrun-p9-XXXXXX");
	if (!mkdtemp(outer)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(share, sizeof(share), "%s/share", outer);
	mkdir(share, 0755);
	snprintf(p, sizeof(p), "%s/secret", outer);
	fd = open(p, O_CREAT | O_WRONLY, 0644);
	if (fd < 0 || write(fd, "secret", 6) != 6)
		return 1;
	close(fd);

	if (p9fs_create(&fs, share, false)) {
		printf("FAIL create: cannot export %s\n", share);
		return 1;
	}
	test_basic();
	test_malformed();
	test_escapes();
	test_setattr();
	test_readonly();
	test_saved_session();
	p9fs_destroy(fs);
	test_virtio();

	snprintf(p, sizeof(p), "rm -rf %s", outer);
	if (system(p))
		return 1;
	return failures ? 1 : 0;
}
