// SPDX-License-Identifier: MIT
/*
 * 9P2000.L (the Linux dialect of 9P2000, as served to the Linux v9fs
 * client): messages are little-endian, strings are a 2-byte length then
 * bytes, a qid is type[1] version[4] path[8], errors are Rlerror with a
 * Linux errno.
 *
 * Confinement: a fid holds a descriptor (O_PATH, or the open file) for its
 * object plus, for Tremove and Trename, one for the directory it was
 * walked from and its name there. Walks open one component at a time
 * relative to the previous descriptor with O_NOFOLLOW (through openat2()
 * with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS when
 * the kernel has it), so a symbolic link is never followed on the host,
 * whatever it points to; a component is never "", "." or holds '/' or
 * NUL; ".." at the root stays at the root (as in Plan 9) and elsewhere is
 * checked to stay beneath it. Operations on a fid's own object reopen it
 * through /proc/self/fd, which names the inode and not a path.
 */
#include "devices/virtio/p9fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "base/record.h"

/* Message types. */
enum {
	P9_TLERROR = 6,
	P9_RLERROR,
	P9_TSTATFS = 8,
	P9_RSTATFS,
	P9_TLOPEN = 12,
	P9_RLOPEN,
	P9_TLCREATE = 14,
	P9_RLCREATE,
	P9_TSYMLINK = 16,
	P9_RSYMLINK,
	P9_TMKNOD = 18,
	P9_RMKNOD,
	P9_TRENAME = 20,
	P9_RRENAME,
	P9_TREADLINK = 22,
	P9_RREADLINK,
	P9_TGETATTR = 24,
	P9_RGETATTR,
	P9_TSETATTR = 26,
	P9_RSETATTR,
	P9_TXATTRWALK = 30,
	P9_RXATTRWALK,
	P9_TXATTRCREATE = 32,
	P9_RXATTRCREATE,
	P9_TREADDIR = 40,
	P9_RREADDIR,
	P9_TFSYNC = 50,
	P9_RFSYNC,
	P9_TLOCK = 52,
	P9_RLOCK,
	P9_TGETLOCK = 54,
	P9_RGETLOCK,
	P9_TLINK = 70,
	P9_RLINK,
	P9_TMKDIR = 72,
	P9_RMKDIR,
	P9_TRENAMEAT = 74,
	P9_RRENAMEAT,
	P9_TUNLINKAT = 76,
	P9_RUNLINKAT,
	P9_TVERSION = 100,
	P9_RVERSION,
	P9_TAUTH = 102,
	P9_RAUTH,
	P9_TATTACH = 104,
	P9_RATTACH,
	P9_TFLUSH = 108,
	P9_RFLUSH,
	P9_TWALK = 110,
	P9_RWALK,
	P9_TREAD = 116,
	P9_RREAD,
	P9_TWRITE = 118,
	P9_RWRITE,
	P9_TCLUNK = 120,
	P9_RCLUNK,
	P9_TREMOVE = 122,
	P9_RREMOVE,
};

#define P9_NOFID 0xffffffffu
#define P9_MAXWELEM 16
#define P9_QID_SIZE 13

#define P9_QTDIR 0x80
#define P9_QTSYMLINK 0x02
#define P9_QTFILE 0x00

/* Tlopen / Tlcreate flags (P9_DOTL_*). */
#define P9_DOTL_ACCMODE 03
#define P9_DOTL_CREATE 0100
#define P9_DOTL_EXCL 0200
#define P9_DOTL_TRUNC 01000
#define P9_DOTL_APPEND 02000
#define P9_DOTL_DSYNC 010000
#define P9_DOTL_DIRECTORY 0200000
#define P9_DOTL_SYNC 04000000

/* Tgetattr mask: the basic fields. */
#define P9_GETATTR_BASIC 0x000007ffull

/* Tsetattr valid bits. */
#define P9_ATTR_MODE (1u << 0)
#define P9_ATTR_UID (1u << 1)
#define P9_ATTR_GID (1u << 2)
#define P9_ATTR_SIZE (1u << 3)
#define P9_ATTR_ATIME (1u << 4)
#define P9_ATTR_MTIME (1u << 5)
#define P9_ATTR_ATIME_SET (1u << 7)
#define P9_ATTR_MTIME_SET (1u << 8)

/* Tunlinkat flags: Linux's AT_REMOVEDIR. */
#define P9_AT_REMOVEDIR 0x200

#define P9_LOCK_SUCCESS 0
#define P9_LOCK_TYPE_UNLCK 2

/* Fids are kept in a small hash table. */
#define P9_FID_BUCKETS 256
#define P9_FID_MAX 65536

struct p9_fid {
	struct p9_fid *next;
	uint32_t fid;
	int fd;		/* the object: O_PATH, or a full descriptor */
	int parent;	/* O_PATH directory it was walked from, or -1 */
	char *name;	/* its name in @parent, or NULL */
	int open_fd;	/* after Tlopen/Tlcreate, else -1 */
	int open_flags; /* host flags it was opened with */
};

struct p9fs {
	int root; /* O_PATH descriptor of the exported directory */
	dev_t root_dev;
	ino_t root_ino;
	bool readonly;
	bool has_openat2;
	uint32_t msize;
	unsigned n_fids;
	struct p9_fid *fids[P9_FID_BUCKETS];
};

/* ---- Wire format ---- */

struct p9_in {
	const uint8_t *p;
	size_t len, off;
	bool bad;
};

struct p9_out {
	uint8_t *p;
	size_t cap, off;
	bool full;
};

static uint64_t p9_get(struct p9_in *in, unsigned n)
{
	uint64_t v = 0;

	if (in->bad || in->len - in->off < n) {
		in->bad = true;
		return 0;
	}
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)in->p[in->off + i] << (8 * i);
	in->off += n;
	return v;
}

static uint8_t p9_get8(struct p9_in *in)
{
	return (uint8_t)p9_get(in, 1);
}

static uint16_t p9_get16(struct p9_in *in)
{
	return (uint16_t)p9_get(in, 2);
}

static uint32_t p9_get32(struct p9_in *in)
{
	return (uint32_t)p9_get(in, 4);
}

static uint64_t p9_get64(struct p9_in *in)
{
	return p9_get(in, 8);
}

/*
 * A string as a NUL-terminated copy in @buf (which has @size bytes); a
 * string with an embedded NUL or too long for @buf marks the input bad.
 */
static const char *p9_getstr(struct p9_in *in, char *buf, size_t size)
{
	uint16_t n = p9_get16(in);

	if (in->bad || in->len - in->off < n || n >= size ||
	    memchr(in->p + in->off, 0, n)) {
		in->bad = true;
		buf[0] = 0;
		return buf;
	}
	memcpy(buf, in->p + in->off, n);
	buf[n] = 0;
	in->off += n;
	return buf;
}

static void p9_put(struct p9_out *o, uint64_t v, unsigned n)
{
	if (o->full || o->cap - o->off < n) {
		o->full = true;
		return;
	}
	for (unsigned i = 0; i < n; i++)
		o->p[o->off + i] = (uint8_t)(v >> (8 * i));
	o->off += n;
}

#define p9_put8(o, v) p9_put(o, v, 1)
#define p9_put16(o, v) p9_put(o, v, 2)
#define p9_put32(o, v) p9_put(o, v, 4)
#define p9_put64(o, v) p9_put(o, v, 8)

static void p9_putbytes(struct p9_out *o, const void *b, size_t n)
{
	if (o->full || o->cap - o->off < n) {
		o->full = true;
		return;
	}
	memcpy(o->p + o->off, b, n);
	o->off += n;
}

static void p9_putstr(struct p9_out *o, const char *s)
{
	size_t n = strlen(s);

	if (n > UINT16_MAX) {
		o->full = true;
		return;
	}
	p9_put16(o, n);
	p9_putbytes(o, s, n);
}

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

static void p9_putqid(struct p9_out *o, const struct p9_qid *q)
{
	p9_put8(o, q->type);
	p9_put32(o, q->version);
	p9_put64(o, q->path);
}

/*
 * Inode numbers are only unique within one file system: those of other
 * file systems mounted inside the share get their device mixed into the
 * top bits, so the client does not take two files for one.
 */
static uint64_t p9_qid_path(const struct p9fs *fs, dev_t dev, uint64_t ino)
{
	uint64_t d = (uint64_t)major(dev) << 20 ^ minor(dev);

	if (dev == fs->root_dev)
		return ino;
	return ino ^ (d * 0x9e3779b97f4a7c15ull) << 40;
}

static void p9_stat_qid(const struct p9fs *fs, const struct stat *st,
			struct p9_qid *q)
{
	if (S_ISDIR(st->st_mode))
		q->type = P9_QTDIR;
	else if (S_ISLNK(st->st_mode))
		q->type = P9_QTSYMLINK;
	else
		q->type = P9_QTFILE;
	q->version = 0;
	q->path = p9_qid_path(fs, st->st_dev, st->st_ino);
}

/* ---- Fids ---- */

static struct p9_fid **p9_fid_slot(struct p9fs *fs, uint32_t fid)
{
	struct p9_fid **pp = &fs->fids[fid % P9_FID_BUCKETS];

	while (*pp && (*pp)->fid != fid)
		pp = &(*pp)->next;
	return pp;
}

static struct p9_fid *p9_fid_get(struct p9fs *fs, uint32_t fid)
{
	return *p9_fid_slot(fs, fid);
}

static void p9_fid_release(struct p9_fid *f)
{
	if (f->open_fd >= 0)
		close(f->open_fd);
	if (f->fd >= 0)
		close(f->fd);
	if (f->parent >= 0)
		close(f->parent);
	free(f->name);
	free(f);
}

static void p9_fid_clunk(struct p9fs *fs, uint32_t fid)
{
	struct p9_fid **pp = p9_fid_slot(fs, fid);
	struct p9_fid *f = *pp;

	if (f) {
		*pp = f->next;
		fs->n_fids--;
		p9_fid_release(f);
	}
}

/* Takes ownership of @fd, @parent and @name; replaces @fid if in use. */
static int p9_fid_set(struct p9fs *fs, uint32_t fid, int fd, int parent,
		      char *name)
{
	struct p9_fid **pp = p9_fid_slot(fs, fid);
	struct p9_fid *f = *pp;

	if (f) {
		/* A walk onto itself: the fid moves. */
		if (f->open_fd >= 0)
			close(f->open_fd);
		close(f->fd);
		if (f->parent >= 0)
			close(f->parent);
		free(f->name);
	} else {
		if (fid == P9_NOFID || fs->n_fids >= P9_FID_MAX)
			goto err;
		f = calloc(1, sizeof(*f));
		if (!f)
			goto err;
		f->fid = fid;
		*pp = f;
		fs->n_fids++;
	}
	f->fd = fd;
	f->parent = parent;
	f->name = name;
	f->open_fd = -1;
	f->open_flags = 0;
	return 0;

err:
	close(fd);
	if (parent >= 0)
		close(parent);
	free(name);
	return fid == P9_NOFID ? -EBADF : -ENFILE;
}

unsigned p9fs_fids(const struct p9fs *fs)
{
	return fs->n_fids;
}

void p9fs_reset(struct p9fs *fs)
{
	for (unsigned i = 0; i < P9_FID_BUCKETS; i++) {
		struct p9_fid *f, *next;

		for (f = fs->fids[i]; f; f = next) {
			next = f->next;
			p9_fid_release(f);
		}
		fs->fids[i] = NULL;
	}
	fs->n_fids = 0;
}

/* ---- Host operations, confined ---- */

/* A name a client may create or look up in a directory. */
static bool p9_name_ok(const char *name)
{
	return name[0] && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 &&
	       !strchr(name, '/');
}

static void p9_proc_path(char *buf, size_t len, int fd)
{
	snprintf(buf, len, "/proc/self/fd/%d", fd);
}

static int p9_fstat(int fd, struct stat *st)
{
	if (fstatat(fd, "", st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -errno;
	return 0;
}

/* One component below @dirfd, never following a symbolic link. */
static int p9_open_beneath(struct p9fs *fs, int dirfd, const char *name,
			   int flags)
{
	int fd;

	if (fs->has_openat2) {
		struct open_how how = {
			.flags = (uint64_t)(flags | O_NOFOLLOW | O_CLOEXEC),
			.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
				   RESOLVE_NO_MAGICLINKS,
		};

		fd = (int)syscall(SYS_openat2, dirfd, name, &how, sizeof(how));
		if (fd >= 0)
			return fd;
		if (errno != ENOSYS)
			return -errno;
		fs->has_openat2 = false;
	}
	fd = openat(dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static bool p9_is_root(struct p9fs *fs, const struct stat *st)
{
	return st->st_dev == fs->root_dev && st->st_ino == fs->root_ino;
}

/*
 * Whether the directory @fd lies beneath the root: climbs ".." until the
 * root (yes) or the top of the host's tree (no).
 */
static bool p9_beneath_root(struct p9fs *fs, int fd)
{
	struct stat st, up;
	int cur = dup(fd);
	bool ok = false;

	for (int i = 0; cur >= 0 && i < 4096; i++) {
		int next;

		if (p9_fstat(cur, &st))
			break;
		if (p9_is_root(fs, &st)) {
			ok = true;
			break;
		}
		next = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (next < 0)
			break;
		if (p9_fstat(next, &up) ||
		    (up.st_dev == st.st_dev && up.st_ino == st.st_ino)) {
			close(next);
			break; /* the host's "/" */
		}
		close(cur);
		cur = next;
	}
	if (cur >= 0)
		close(cur);
	return ok;
}

/*
 * One walk step from @fd: a new O_PATH descriptor, or -errno. ".." at the
 * root stays at the root.
 */
static int p9_walk_one(struct p9fs *fs, int fd, const char *name)
{
	struct stat st;
	int nfd, ret;

	if (!name[0] || strcmp(name, ".") == 0 || strchr(name, '/'))
		return -EINVAL;
	if (strcmp(name, "..") != 0)
		return p9_open_beneath(fs, fd, name, O_PATH);

	ret = p9_fstat(fd, &st);
	if (ret)
		return ret;
	if (p9_is_root(fs, &st)) {
		nfd = dup(fd);
		return nfd < 0 ? -errno : nfd;
	}
	nfd = openat(fd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (nfd < 0)
		return -errno;
	if (!p9_beneath_root(fs, nfd)) {
		close(nfd);
		return -EACCES;
	}
	return nfd;
}

/* The qid of @name in @dirfd, not following it. */
static int p9_qid_at(const struct p9fs *fs, int dirfd, const char *name,
		     struct p9_qid *q)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return -errno;
	p9_stat_qid(fs, &st, q);
	return 0;
}

static int p9_host_open_flags(uint32_t f)
{
	int flags = 0;

	switch (f & P9_DOTL_ACCMODE) {
	case 0:
		flags = O_RDONLY;
		break;
	case 1:
		flags = O_WRONLY;
		break;
	default:
		flags = O_RDWR;
		break;
	}
	if (f & P9_DOTL_TRUNC)
		flags |= O_TRUNC;
	if (f & P9_DOTL_APPEND)
		flags |= O_APPEND;
	if (f & P9_DOTL_SYNC)
		flags |= O_SYNC;
	else if (f & P9_DOTL_DSYNC)
		flags |= O_DSYNC;
	if (f & P9_DOTL_DIRECTORY)
		flags |= O_DIRECTORY;
	return flags | O_CLOEXEC | O_NOCTTY;
}

/*
 * The permission bits a client may set: no set-user-ID anywhere and no
 * set-group-ID on files, so that a guest cannot plant a privileged
 * program on the host (hvrun may run as root). The set-group-ID bit of
 * a directory only steers the group of new files, and stays.
 */
static mode_t p9_safe_mode(uint32_t mode, bool dir)
{
	return (mode_t)(mode & (dir ? 03777 : 01777));
}

static bool p9_flags_write(int flags)
{
	return (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);
}

/* ---- Requests ---- */

struct p9_req {
	struct p9fs *fs;
	struct p9_in in;
	struct p9_out out;
	uint8_t type;
	uint16_t tag;
};

#define P9_NAME_BUF (NAME_MAX + 1)

static int p9_version(struct p9_req *r)
{
	char version[32];
	uint32_t msize = p9_get32(&r->in);

	p9_getstr(&r->in, version, sizeof(version));
	if (r->in.bad && version[0] == 0) {
		/* An unknown (too long) version string: still a reply. */
		r->in.bad = false;
	}
	if (msize < 4096)
		return -EINVAL;
	p9fs_reset(r->fs);
	r->fs->msize = msize < P9FS_MSIZE_MAX ? msize : P9FS_MSIZE_MAX;
	p9_put32(&r->out, r->fs->msize);
	p9_putstr(&r->out,
		  strcmp(version, "9P2000.L") == 0 ? "9P2000.L" : "unknown");
	return 0;
}

static int p9_attach(struct p9_req *r)
{
	char uname[256], aname[PATH_MAX];
	uint32_t fid = p9_get32(&r->in);
	uint32_t afid = p9_get32(&r->in);
	struct p9_qid q;
	struct stat st;
	int fd, ret;

	p9_getstr(&r->in, uname, sizeof(uname));
	p9_getstr(&r->in, aname, sizeof(aname));
	p9_get32(&r->in); /* n_uname: files belong to hvrun's user */
	if (r->in.bad)
		return -EINVAL;
	if (afid != P9_NOFID)
		return -EOPNOTSUPP;
	if (p9_fid_get(r->fs, fid))
		return -EEXIST;
	fd = dup(r->fs->root);
	if (fd < 0)
		return -errno;
	ret = p9_fstat(fd, &st);
	if (ret) {
		close(fd);
		return ret;
	}
	ret = p9_fid_set(r->fs, fid, fd, -1, NULL);
	if (ret)
		return ret;
	p9_stat_qid(r->fs, &st, &q);
	p9_putqid(&r->out, &q);
	return 0;
}

static int p9_walk(struct p9_req *r)
{
	uint32_t fid = p9_get32(&r->in);
	uint32_t newfid = p9_get32(&r->in);
	uint16_t n = p9_get16(&r->in);
	char names[P9_MAXWELEM][P9_NAME_BUF];
	struct p9_qid qids[P9_MAXWELEM];
	struct p9_fid *f;
	int cur, parent = -1, ret = 0;
	char *name = NULL;
	unsigned i;

	if (n > P9_MAXWELEM)
		return -EINVAL;
	for (i = 0; i < n; i++)
		p9_getstr(&r->in, names[i], sizeof(names[i]));
	if (r->in.bad)
		return -EINVAL;
	f = p9_fid_get(r->fs, fid);
	if (!f)
		return -EBADF;
	if (newfid != fid && p9_fid_get(r->fs, newfid))
		return -EEXIST;

	cur = dup(f->fd);
	if (cur < 0)
		return -errno;
	if (f->parent >= 0) {
		parent = dup(f->parent);
		if (parent < 0) {
			ret = -errno;
			goto err;
		}
	}
	if (f->name) {
		name = strdup(f->name);
		if (!name) {
			ret = -ENOMEM;
			goto err;
		}
	}

	for (i = 0; i < n; i++) {
		struct stat st;
		int nfd = p9_walk_one(r->fs, cur, names[i]);

		if (nfd < 0) {
			ret = nfd;
			break;
		}
		ret = p9_fstat(nfd, &st);
		if (ret) {
			close(nfd);
			break;
		}
		p9_stat_qid(r->fs, &st, &qids[i]);
		if (parent >= 0)
			close(parent);
		free(name);
		name = NULL;
		if (strcmp(names[i], "..") == 0) {
			/* Where ".." came from has no name we know. */
			close(cur);
			parent = -1;
		} else {
			parent = cur;
			name = strdup(names[i]);
		}
		cur = nfd;
	}

	if (i == 0 && n > 0)
		goto err; /* the first step failed: an error */
	p9_put16(&r->out, i);
	for (unsigned j = 0; j < i; j++)
		p9_putqid(&r->out, &qids[j]);
	if (i < n) {
		/* A partial walk: newfid is not made. */
		ret = 0;
		goto err;
	}
	return p9_fid_set(r->fs, newfid, cur, parent, name);

err:
	close(cur);
	if (parent >= 0)
		close(parent);
	free(name);
	return ret;
}

static int p9_getattr(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	struct p9_qid q;
	struct stat st;
	int ret;

	p9_get64(&r->in); /* request_mask: the basic set is always there */
	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	ret = p9_fstat(f->fd, &st);
	if (ret)
		return ret;
	p9_stat_qid(r->fs, &st, &q);
	p9_put64(&r->out, P9_GETATTR_BASIC);
	p9_putqid(&r->out, &q);
	p9_put32(&r->out, st.st_mode);
	p9_put32(&r->out, st.st_uid);
	p9_put32(&r->out, st.st_gid);
	p9_put64(&r->out, st.st_nlink);
	p9_put64(&r->out, st.st_rdev);
	p9_put64(&r->out, (uint64_t)st.st_size);
	p9_put64(&r->out, (uint64_t)st.st_blksize);
	p9_put64(&r->out, (uint64_t)st.st_blocks);
	p9_put64(&r->out, (uint64_t)st.st_atim.tv_sec);
	p9_put64(&r->out, (uint64_t)st.st_atim.tv_nsec);
	p9_put64(&r->out, (uint64_t)st.st_mtim.tv_sec);
	p9_put64(&r->out, (uint64_t)st.st_mtim.tv_nsec);
	p9_put64(&r->out, (uint64_t)st.st_ctim.tv_sec);
	p9_put64(&r->out, (uint64_t)st.st_ctim.tv_nsec);
	p9_put64(&r->out, 0); /* btime */
	p9_put64(&r->out, 0);
	p9_put64(&r->out, 0); /* gen */
	p9_put64(&r->out, 0); /* data_version */
	return 0;
}

static int p9_setattr(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	uint32_t valid = p9_get32(&r->in);
	uint32_t mode = p9_get32(&r->in);
	uint32_t uid = p9_get32(&r->in);
	uint32_t gid = p9_get32(&r->in);
	uint64_t size = p9_get64(&r->in);
	uint64_t atime_sec = p9_get64(&r->in);
	uint64_t atime_nsec = p9_get64(&r->in);
	uint64_t mtime_sec = p9_get64(&r->in);
	uint64_t mtime_nsec = p9_get64(&r->in);
	char path[64];
	struct stat st;
	int ret;

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (r->fs->readonly)
		return -EROFS;
	ret = p9_fstat(f->fd, &st);
	if (ret)
		return ret;
	p9_proc_path(path, sizeof(path), f->fd);

	if ((valid & P9_ATTR_MODE) && !S_ISLNK(st.st_mode)) {
		if (chmod(path, p9_safe_mode(mode, S_ISDIR(st.st_mode))))
			return -errno;
	}
	if (valid & (P9_ATTR_UID | P9_ATTR_GID)) {
		uid_t u = (valid & P9_ATTR_UID) ? uid : (uid_t)-1;
		gid_t g = (valid & P9_ATTR_GID) ? gid : (gid_t)-1;

		if (fchownat(f->fd, "", u, g,
			     AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
			return -errno;
	}
	if (valid & P9_ATTR_SIZE) {
		if (!S_ISREG(st.st_mode))
			return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		if (size > INT64_MAX)
			return -EFBIG;
		if (truncate(path, (off_t)size))
			return -errno;
	}
	if ((valid & (P9_ATTR_ATIME | P9_ATTR_MTIME)) && !S_ISLNK(st.st_mode)) {
		struct timespec ts[2] = {
			{.tv_nsec = UTIME_OMIT},
			{.tv_nsec = UTIME_OMIT},
		};

		if (valid & P9_ATTR_ATIME) {
			if (valid & P9_ATTR_ATIME_SET) {
				ts[0].tv_sec = (time_t)atime_sec;
				ts[0].tv_nsec = (long)(atime_nsec % 1000000000);
			} else {
				ts[0].tv_nsec = UTIME_NOW;
			}
		}
		if (valid & P9_ATTR_MTIME) {
			if (valid & P9_ATTR_MTIME_SET) {
				ts[1].tv_sec = (time_t)mtime_sec;
				ts[1].tv_nsec = (long)(mtime_nsec % 1000000000);
			} else {
				ts[1].tv_nsec = UTIME_NOW;
			}
		}
		if (utimensat(AT_FDCWD, path, ts, 0))
			return -errno;
	}
	return 0;
}

static int p9_lopen(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	uint32_t pflags = p9_get32(&r->in);
	int flags = p9_host_open_flags(pflags);
	char path[64];
	struct p9_qid q;
	struct stat st;
	int fd, ret;

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (f->open_fd >= 0)
		return -EBUSY;
	ret = p9_fstat(f->fd, &st);
	if (ret)
		return ret;
	/* Only files and directories: no device, FIFO or socket is opened. */
	if (S_ISLNK(st.st_mode))
		return -ELOOP;
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return -EOPNOTSUPP;
	if (S_ISDIR(st.st_mode))
		flags = (flags & ~(O_ACCMODE | O_TRUNC | O_APPEND)) | O_RDONLY;
	if (r->fs->readonly && p9_flags_write(flags))
		return -EROFS;
	p9_proc_path(path, sizeof(path), f->fd);
	fd = open(path, flags);
	if (fd < 0)
		return -errno;
	f->open_fd = fd;
	f->open_flags = flags;
	p9_stat_qid(r->fs, &st, &q);
	p9_putqid(&r->out, &q);
	p9_put32(&r->out, 0); /* iounit: msize governs */
	return 0;
}

static int p9_lcreate(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	char name[P9_NAME_BUF];
	uint32_t pflags, mode;
	int flags, fd, nfd, ret;
	struct p9_qid q;
	struct stat st;
	char *nname;

	p9_getstr(&r->in, name, sizeof(name));
	pflags = p9_get32(&r->in);
	mode = p9_get32(&r->in);
	p9_get32(&r->in); /* gid */
	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (f->open_fd >= 0)
		return -EBUSY;
	if (!p9_name_ok(name))
		return -EINVAL;
	if (r->fs->readonly)
		return -EROFS;
	flags = p9_host_open_flags(pflags) & ~O_DIRECTORY;
	flags |= O_CREAT | O_NOFOLLOW | O_NONBLOCK;
	if (pflags & P9_DOTL_EXCL)
		flags |= O_EXCL;
	/* O_NONBLOCK: an existing FIFO must not hang the server. */
	fd = openat(f->fd, name, flags, p9_safe_mode(mode, false));
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		ret = -errno;
		goto err;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = -EEXIST;
		goto err;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	nfd = dup(fd);
	nname = strdup(name);
	if (nfd < 0 || !nname) {
		ret = -ENOMEM;
		if (nfd >= 0)
			close(nfd);
		free(nname);
		goto err;
	}
	/* The directory fid becomes the new file, opened. */
	if (f->parent >= 0)
		close(f->parent);
	free(f->name);
	f->parent = f->fd;
	f->name = nname;
	f->fd = nfd;
	f->open_fd = fd;
	f->open_flags = flags & ~(O_CREAT | O_EXCL | O_NONBLOCK);
	p9_stat_qid(r->fs, &st, &q);
	p9_putqid(&r->out, &q);
	p9_put32(&r->out, 0);
	return 0;

err:
	close(fd);
	return ret;
}

/* Shared by Tmkdir, Tsymlink, Tmknod: the directory fid and a new name. */
static int p9_dir_and_name(struct p9_req *r, struct p9_fid **f, char *name)
{
	*f = p9_fid_get(r->fs, p9_get32(&r->in));
	p9_getstr(&r->in, name, P9_NAME_BUF);
	return 0;
}

static int p9_check_new(struct p9_req *r, struct p9_fid *f, const char *name)
{
	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (!p9_name_ok(name))
		return -EINVAL;
	if (r->fs->readonly)
		return -EROFS;
	return 0;
}

static int p9_reply_qid_at(struct p9_req *r, int dirfd, const char *name)
{
	struct p9_qid q = {0};
	int ret = p9_qid_at(r->fs, dirfd, name, &q);

	if (ret)
		return ret;
	p9_putqid(&r->out, &q);
	return 0;
}

static int p9_mkdir(struct p9_req *r)
{
	char name[P9_NAME_BUF];
	struct p9_fid *f;
	uint32_t mode;
	int ret;

	p9_dir_and_name(r, &f, name);
	mode = p9_get32(&r->in);
	p9_get32(&r->in); /* gid */
	ret = p9_check_new(r, f, name);
	if (ret)
		return ret;
	if (mkdirat(f->fd, name, p9_safe_mode(mode, true)))
		return -errno;
	return p9_reply_qid_at(r, f->fd, name);
}

static int p9_symlink(struct p9_req *r)
{
	char name[P9_NAME_BUF], target[PATH_MAX];
	struct p9_fid *f;
	int ret;

	p9_dir_and_name(r, &f, name);
	p9_getstr(&r->in, target, sizeof(target));
	p9_get32(&r->in); /* gid */
	ret = p9_check_new(r, f, name);
	if (ret)
		return ret;
	/* The text is stored as given: the host never follows it. */
	if (symlinkat(target, f->fd, name))
		return -errno;
	return p9_reply_qid_at(r, f->fd, name);
}

static int p9_mknod(struct p9_req *r)
{
	char name[P9_NAME_BUF];
	struct p9_fid *f;
	uint32_t mode;
	int ret;

	p9_dir_and_name(r, &f, name);
	mode = p9_get32(&r->in);
	p9_get32(&r->in); /* major */
	p9_get32(&r->in); /* minor */
	p9_get32(&r->in); /* gid */
	ret = p9_check_new(r, f, name);
	if (ret)
		return ret;
	/* No device nodes on the host on the guest's behalf. */
	if (!S_ISREG(mode) && !S_ISFIFO(mode) && !S_ISSOCK(mode))
		return -EPERM;
	if (mknodat(f->fd, name, (mode & S_IFMT) | p9_safe_mode(mode, false),
		    0))
		return -errno;
	return p9_reply_qid_at(r, f->fd, name);
}

static int p9_readlink(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	char target[PATH_MAX + 1];
	ssize_t n;

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	n = readlinkat(f->fd, "", target, sizeof(target) - 1);
	if (n < 0)
		return errno == ENOENT ? -EINVAL : -errno;
	target[n] = 0;
	p9_putstr(&r->out, target);
	return 0;
}

static int p9_statfs(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	struct statfs s;
	uint64_t fsid;

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (fstatfs(f->fd, &s))
		return -errno;
	memcpy(&fsid, &s.f_fsid, sizeof(fsid));
	p9_put32(&r->out, (uint32_t)s.f_type);
	p9_put32(&r->out, (uint32_t)s.f_bsize);
	p9_put64(&r->out, s.f_blocks);
	p9_put64(&r->out, s.f_bfree);
	p9_put64(&r->out, s.f_bavail);
	p9_put64(&r->out, s.f_files);
	p9_put64(&r->out, s.f_ffree);
	p9_put64(&r->out, fsid);
	p9_put32(&r->out, (uint32_t)s.f_namelen);
	return 0;
}

static int p9_read(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	uint64_t off = p9_get64(&r->in);
	uint32_t count = p9_get32(&r->in);
	size_t room;
	ssize_t n;

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (f->open_fd < 0 || (f->open_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (off > INT64_MAX)
		return -EINVAL;
	room = r->out.cap - r->out.off - 4;
	if (count > room)
		count = (uint32_t)room;
	if (count > r->fs->msize - P9FS_HDR_SIZE - 4)
		count = r->fs->msize - P9FS_HDR_SIZE - 4;
	n = pread(f->open_fd, r->out.p + r->out.off + 4, count, (off_t)off);
	if (n < 0)
		return -errno;
	p9_put32(&r->out, (uint32_t)n);
	r->out.off += (size_t)n;
	return 0;
}

static int p9_write(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	uint64_t off = p9_get64(&r->in);
	uint32_t count = p9_get32(&r->in);
	ssize_t n;

	if (r->in.bad || r->in.len - r->in.off < count)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (r->fs->readonly)
		return -EROFS;
	if (f->open_fd < 0 || (f->open_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (off > INT64_MAX)
		return -EINVAL;
	if (f->open_flags & O_APPEND)
		n = write(f->open_fd, r->in.p + r->in.off, count);
	else
		n = pwrite(f->open_fd, r->in.p + r->in.off, count, (off_t)off);
	if (n < 0)
		return -errno;
	p9_put32(&r->out, (uint32_t)n);
	return 0;
}

static int p9_clunk(struct p9_req *r)
{
	uint32_t fid = p9_get32(&r->in);

	if (r->in.bad)
		return -EINVAL;
	if (!p9_fid_get(r->fs, fid))
		return -EBADF;
	p9_fid_clunk(r->fs, fid);
	return 0;
}

static int p9_remove(struct p9_req *r)
{
	uint32_t fid = p9_get32(&r->in);
	struct p9_fid *f = p9_fid_get(r->fs, fid);
	struct stat st;
	int ret = 0;

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	/* Tremove clunks the fid whatever happens. */
	if (r->fs->readonly)
		ret = -EROFS;
	else if (f->parent < 0 || !f->name)
		ret = -EBUSY;
	else if ((ret = p9_fstat(f->fd, &st)) == 0 &&
		 unlinkat(f->parent, f->name,
			  S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0))
		ret = -errno;
	p9_fid_clunk(r->fs, fid);
	return ret;
}

/* Directory entries from getdents64(). */
struct p9_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int p9_readdir(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	uint64_t off = p9_get64(&r->in);
	uint32_t count = p9_get32(&r->in);
	size_t start, room, used = 0;
	struct stat dst;
	uint8_t *buf;
	long n;

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (f->open_fd < 0)
		return -EBADF;
	if (off > INT64_MAX)
		return -EINVAL;
	room = r->out.cap - r->out.off - 4;
	if (count > room)
		count = (uint32_t)room;
	if (fstat(f->open_fd, &dst) ||
	    lseek(f->open_fd, (off_t)off, SEEK_SET) < 0)
		return -errno;
	buf = malloc(count + 512);
	if (!buf)
		return -ENOMEM;
	n = syscall(SYS_getdents64, f->open_fd, buf, count + 512);
	if (n < 0) {
		free(buf);
		return errno == ENOTDIR ? -ENOTDIR : -errno;
	}
	start = r->out.off;
	p9_put32(&r->out, 0); /* count, filled in below */
	for (long pos = 0; pos < n;) {
		struct p9_dirent64 *d = (struct p9_dirent64 *)(buf + pos);
		size_t nlen = strlen(d->d_name);
		struct p9_qid q = {
			.path = p9_qid_path(r->fs, dst.st_dev, d->d_ino),
		};

		if (used + 24 + nlen > count)
			break;
		q.type = d->d_type == DT_DIR   ? P9_QTDIR
			 : d->d_type == DT_LNK ? P9_QTSYMLINK
					       : P9_QTFILE;
		p9_putqid(&r->out, &q);
		p9_put64(&r->out, (uint64_t)d->d_off);
		p9_put8(&r->out, d->d_type);
		p9_put16(&r->out, nlen);
		p9_putbytes(&r->out, d->d_name, nlen);
		used += 24 + nlen;
		pos += d->d_reclen;
	}
	free(buf);
	r->out.p[start] = (uint8_t)used;
	r->out.p[start + 1] = (uint8_t)(used >> 8);
	r->out.p[start + 2] = (uint8_t)(used >> 16);
	r->out.p[start + 3] = (uint8_t)(used >> 24);
	return 0;
}

static int p9_fsync(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	uint32_t datasync = p9_get32(&r->in);

	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (f->open_fd < 0)
		return -EBADF;
	if ((datasync ? fdatasync(f->open_fd) : fsync(f->open_fd)) < 0)
		return -errno;
	return 0;
}

static int p9_lock(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));

	/* type, flags, start, length, proc_id, client_id: granted. */
	if (!f)
		return -EBADF;
	p9_put8(&r->out, P9_LOCK_SUCCESS);
	return 0;
}

static int p9_getlock(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	char client[256];
	uint64_t start, length;
	uint32_t proc_id;

	p9_get8(&r->in); /* type */
	start = p9_get64(&r->in);
	length = p9_get64(&r->in);
	proc_id = p9_get32(&r->in);
	p9_getstr(&r->in, client, sizeof(client));
	if (r->in.bad)
		return -EINVAL;
	if (!f)
		return -EBADF;
	/* No lock conflicts: the range is free. */
	p9_put8(&r->out, P9_LOCK_TYPE_UNLCK);
	p9_put64(&r->out, start);
	p9_put64(&r->out, length);
	p9_put32(&r->out, proc_id);
	p9_putstr(&r->out, client);
	return 0;
}

static int p9_link(struct p9_req *r)
{
	struct p9_fid *d = p9_fid_get(r->fs, p9_get32(&r->in));
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	char name[P9_NAME_BUF], path[64];
	int ret;

	p9_getstr(&r->in, name, sizeof(name));
	ret = p9_check_new(r, d, name);
	if (ret)
		return ret;
	if (!f)
		return -EBADF;
	p9_proc_path(path, sizeof(path), f->fd);
	if (linkat(AT_FDCWD, path, d->fd, name, AT_SYMLINK_FOLLOW))
		return -errno;
	return 0;
}

static int p9_renameat(struct p9_req *r)
{
	struct p9_fid *od = p9_fid_get(r->fs, p9_get32(&r->in));
	char oname[P9_NAME_BUF], nname[P9_NAME_BUF];
	struct p9_fid *nd;

	p9_getstr(&r->in, oname, sizeof(oname));
	nd = p9_fid_get(r->fs, p9_get32(&r->in));
	p9_getstr(&r->in, nname, sizeof(nname));
	if (r->in.bad)
		return -EINVAL;
	if (!od || !nd)
		return -EBADF;
	if (!p9_name_ok(oname) || !p9_name_ok(nname))
		return -EINVAL;
	if (r->fs->readonly)
		return -EROFS;
	if (renameat(od->fd, oname, nd->fd, nname))
		return -errno;
	return 0;
}

static int p9_rename(struct p9_req *r)
{
	struct p9_fid *f = p9_fid_get(r->fs, p9_get32(&r->in));
	struct p9_fid *d = p9_fid_get(r->fs, p9_get32(&r->in));
	char name[P9_NAME_BUF];
	char *copy;
	int parent;

	p9_getstr(&r->in, name, sizeof(name));
	if (r->in.bad)
		return -EINVAL;
	if (!f || !d)
		return -EBADF;
	if (!p9_name_ok(name))
		return -EINVAL;
	if (r->fs->readonly)
		return -EROFS;
	if (f->parent < 0 || !f->name)
		return -EBUSY;
	copy = strdup(name);
	parent = dup(d->fd);
	if (!copy || parent < 0) {
		free(copy);
		if (parent >= 0)
			close(parent);
		return -ENOMEM;
	}
	if (renameat(f->parent, f->name, d->fd, name)) {
		int ret = -errno;

		free(copy);
		close(parent);
		return ret;
	}
	close(f->parent);
	free(f->name);
	f->parent = parent;
	f->name = copy;
	return 0;
}

static int p9_unlinkat(struct p9_req *r)
{
	struct p9_fid *d = p9_fid_get(r->fs, p9_get32(&r->in));
	char name[P9_NAME_BUF];
	uint32_t flags;

	p9_getstr(&r->in, name, sizeof(name));
	flags = p9_get32(&r->in);
	if (r->in.bad)
		return -EINVAL;
	if (!d)
		return -EBADF;
	if (!p9_name_ok(name))
		return -EINVAL;
	if (r->fs->readonly)
		return -EROFS;
	if (unlinkat(d->fd, name, (flags & P9_AT_REMOVEDIR) ? AT_REMOVEDIR : 0))
		return -errno;
	return 0;
}

static int p9_dispatch(struct p9_req *r)
{
	switch (r->type) {
	case P9_TVERSION:
		return p9_version(r);
	case P9_TATTACH:
		return p9_attach(r);
	case P9_TWALK:
		return p9_walk(r);
	case P9_TGETATTR:
		return p9_getattr(r);
	case P9_TSETATTR:
		return p9_setattr(r);
	case P9_TLOPEN:
		return p9_lopen(r);
	case P9_TLCREATE:
		return p9_lcreate(r);
	case P9_TREAD:
		return p9_read(r);
	case P9_TWRITE:
		return p9_write(r);
	case P9_TCLUNK:
		return p9_clunk(r);
	case P9_TREMOVE:
		return p9_remove(r);
	case P9_TREADDIR:
		return p9_readdir(r);
	case P9_TMKDIR:
		return p9_mkdir(r);
	case P9_TSYMLINK:
		return p9_symlink(r);
	case P9_TMKNOD:
		return p9_mknod(r);
	case P9_TREADLINK:
		return p9_readlink(r);
	case P9_TSTATFS:
		return p9_statfs(r);
	case P9_TFSYNC:
		return p9_fsync(r);
	case P9_TLOCK:
		return p9_lock(r);
	case P9_TGETLOCK:
		return p9_getlock(r);
	case P9_TLINK:
		return p9_link(r);
	case P9_TRENAMEAT:
		return p9_renameat(r);
	case P9_TRENAME:
		return p9_rename(r);
	case P9_TUNLINKAT:
		return p9_unlinkat(r);
	case P9_TFLUSH:
		/* Requests are served in order: the old one is done. */
		p9_get16(&r->in);
		return r->in.bad ? -EINVAL : 0;
	case P9_TXATTRWALK:
	case P9_TXATTRCREATE:
	case P9_TAUTH:
	default:
		return -EOPNOTSUPP;
	}
}

static size_t p9_finish(struct p9_out *o, uint8_t type, uint16_t tag)
{
	o->p[0] = (uint8_t)o->off;
	o->p[1] = (uint8_t)(o->off >> 8);
	o->p[2] = (uint8_t)(o->off >> 16);
	o->p[3] = (uint8_t)(o->off >> 24);
	o->p[4] = type;
	o->p[5] = (uint8_t)tag;
	o->p[6] = (uint8_t)(tag >> 8);
	return o->off;
}

size_t p9fs_handle(struct p9fs *fs, const uint8_t *req, size_t reqlen,
		   uint8_t *resp, size_t resplen)
{
	struct p9_req r = {.fs = fs};
	uint32_t size;
	int ret;

	if (reqlen < P9FS_HDR_SIZE || resplen < P9FS_HDR_SIZE + 4)
		return 0;
	r.in = (struct p9_in){.p = req, .len = reqlen};
	size = p9_get32(&r.in);
	r.type = p9_get8(&r.in);
	r.tag = p9_get16(&r.in);
	if (resplen > fs->msize)
		resplen = fs->msize;
	r.out = (struct p9_out){
		.p = resp, .cap = resplen, .off = P9FS_HDR_SIZE};

	if (size < P9FS_HDR_SIZE || size > reqlen || (r.type & 1)) {
		ret = -EINVAL;
	} else {
		r.in.len = size;
		ret = p9_dispatch(&r);
		if (ret == 0 && r.out.full)
			ret = -ENOBUFS;
	}
	if (ret == 0)
		return p9_finish(&r.out, r.type + 1, r.tag);

	r.out.off = P9FS_HDR_SIZE;
	r.out.full = false;
	p9_put32(&r.out, (uint32_t)-ret);
	return p9_finish(&r.out, P9_RLERROR, r.tag);
}

int p9fs_create(struct p9fs **out, const char *root, bool readonly)
{
	struct p9fs *fs = calloc(1, sizeof(*fs));
	struct stat st;
	int ret;

	if (!fs)
		return -ENOMEM;
	fs->root = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fs->root < 0) {
		ret = -errno;
		free(fs);
		return ret;
	}
	if (fstat(fs->root, &st)) {
		ret = -errno;
		close(fs->root);
		free(fs);
		return ret;
	}
	fs->root_dev = st.st_dev;
	fs->root_ino = st.st_ino;
	fs->readonly = readonly;
	fs->has_openat2 = true;
	fs->msize = 8192; /* until Tversion says otherwise */
	*out = fs;
	return 0;
}

void p9fs_destroy(struct p9fs *fs)
{
	if (!fs)
		return;
	p9fs_reset(fs);
	close(fs->root);
	free(fs);
}

/* ---- Saved sessions ---- */

enum {
	P9FS_REC_VERSION = 1,
	K_MSIZE = 1,
	K_NFIDS,
	/* Fid i's fields are K_FID0 + 8 * i + K_F_*. */
	K_FID0 = 0x100,
	K_F_FID = 0,
	K_F_PATH,
	K_F_PARENT, /* absent: walked from nowhere (an attach) */
	K_F_NAME,
	K_F_OPEN, /* host open flags + 1; 0: not open */
};

/* @fd's path below the root, into @out ("" for the root itself). */
static int p9_rel_path(struct p9fs *fs, int fd, const char *root, char *out,
		       size_t len)
{
	char proc[64], abs[PATH_MAX];
	struct stat st;
	size_t rl = strlen(root);
	ssize_t n;

	if (p9_fstat(fd, &st))
		return -errno;
	if (st.st_nlink == 0)
		return -ENOENT;
	p9_proc_path(proc, sizeof(proc), fd);
	n = readlink(proc, abs, sizeof(abs) - 1);
	if (n < 0)
		return -errno;
	abs[n] = 0;
	if (!strcmp(abs, root)) {
		out[0] = 0;
		return 0;
	}
	if (strncmp(abs, root, rl) || abs[rl] != '/' ||
	    snprintf(out, len, "%s", abs + rl + 1) >= (int)len)
		return -ENOENT;
	return 0;
}

int p9fs_save(struct p9fs *fs, struct rec_writer *w)
{
	char root[PATH_MAX], proc[64], path[PATH_MAX];
	unsigned i = 0;
	ssize_t n;

	p9_proc_path(proc, sizeof(proc), fs->root);
	n = readlink(proc, root, sizeof(root) - 1);
	if (n < 0)
		return rec_refuse(w, -errno, "the shared folder: %s",
				  strerror(errno));
	root[n] = 0;
	rec_begin(w, "p9fs", P9FS_REC_VERSION);
	rec_u64(w, K_MSIZE, fs->msize);
	rec_u64(w, K_NFIDS, fs->n_fids);
	for (unsigned b = 0; b < P9_FID_BUCKETS; b++) {
		for (struct p9_fid *f = fs->fids[b]; f; f = f->next, i++) {
			unsigned k = K_FID0 + 8 * i;

			if (p9_rel_path(fs, f->fd, root, path, sizeof(path)))
				goto deleted;
			rec_u64(w, k + K_F_FID, f->fid);
			rec_str(w, k + K_F_PATH, path);
			if (f->parent >= 0) {
				if (p9_rel_path(fs, f->parent, root, path,
						sizeof(path)))
					goto deleted;
				rec_str(w, k + K_F_PARENT, path);
			}
			if (f->name)
				rec_str(w, k + K_F_NAME, f->name);
			rec_u64(w, k + K_F_OPEN,
				f->open_fd >= 0 ? (uint64_t)f->open_flags + 1
						: 0);
		}
	}
	return rec_end(w);
deleted:
	rec_end(w);
	return rec_refuse(w, -EBUSY,
			  "a file of the shared folder that the guest holds "
			  "open was deleted or moved away; close it in the "
			  "guest (or unmount the share) before saving");
}

/* Walks @path from the root, component by component: a descriptor. */
static int p9_walk_path(struct p9fs *fs, const char *path)
{
	char buf[PATH_MAX], *comp, *save = NULL;
	int fd = dup(fs->root);

	if (fd < 0)
		return -errno;
	snprintf(buf, sizeof(buf), "%s", path);
	for (comp = strtok_r(buf, "/", &save); comp;
	     comp = strtok_r(NULL, "/", &save)) {
		int next = p9_walk_one(fs, fd, comp);

		close(fd);
		if (next < 0)
			return next;
		fd = next;
	}
	return fd;
}

static int p9_load_fid(struct p9fs *fs, const struct rec *rec, unsigned i)
{
	char path[PATH_MAX], parent_path[PATH_MAX], name[P9_NAME_BUF];
	char proc[64];
	unsigned k = K_FID0 + 8 * i;
	uint64_t open_flags;
	uint32_t fid;
	bool has_parent, has_name;
	int fd, parent = -1, ret;
	char *n = NULL;
	struct p9_fid *f;

	ret = rec_get_u32(rec, k + K_F_FID, &fid);
	ret = ret ?: rec_get_str(rec, k + K_F_PATH, path, sizeof(path));
	ret = ret
		      ?: rec_get_uint(rec, k + K_F_OPEN,
				      (uint64_t)INT32_MAX + 1, &open_flags);
	if (ret)
		return ret;
	ret = rec_get_str(rec, k + K_F_PARENT, parent_path,
			  sizeof(parent_path));
	has_parent = !ret;
	if (ret && ret != -ENOENT)
		return ret;
	ret = rec_get_str(rec, k + K_F_NAME, name, sizeof(name));
	has_name = !ret;
	if (ret && ret != -ENOENT)
		return ret;
	if (fid == P9_NOFID || p9_fid_get(fs, fid) ||
	    (has_name && !p9_name_ok(name)))
		return rec_fail(rec, "fid %u is malformed", i);

	fd = p9_walk_path(fs, path);
	if (fd < 0)
		return rec_fail(rec,
				"the guest's file '%s' in the shared "
				"folder: %s",
				path, strerror(-fd));
	if (has_parent) {
		parent = p9_walk_path(fs, parent_path);
		if (parent < 0) {
			close(fd);
			return rec_fail(rec,
					"the guest's folder '%s' in the "
					"shared folder: %s",
					parent_path, strerror(-parent));
		}
	}
	if (has_name && !(n = strdup(name))) {
		close(fd);
		if (parent >= 0)
			close(parent);
		return -ENOMEM;
	}
	ret = p9_fid_set(fs, fid, fd, parent, n);
	if (ret)
		return rec_fail(rec, "fid %u: %s", fid, strerror(-ret));
	if (!open_flags)
		return 0;
	f = p9_fid_get(fs, fid);
	/*
	 * Opened as then, but never created or truncated again, and through
	 * /proc's link to the inode, which O_NOFOLLOW would refuse.
	 */
	p9_proc_path(proc, sizeof(proc), f->fd);
	f->open_flags = (int)(open_flags - 1) &
			~(O_CREAT | O_EXCL | O_TRUNC | O_NOFOLLOW);
	if (fs->readonly && p9_flags_write(f->open_flags))
		return rec_fail(rec,
				"'%s' was open for writing; the shared "
				"folder is read-only now",
				path);
	f->open_fd = open(proc, f->open_flags | O_CLOEXEC);
	if (f->open_fd < 0)
		return rec_fail(rec,
				"cannot open the guest's file '%s' again: "
				"%s",
				path, strerror(errno));
	return 0;
}

int p9fs_load(struct p9fs *fs, struct rec_reader *r)
{
	uint64_t msize, nfids;
	struct rec rec;
	int ret;

	ret = rec_next(r, "p9fs", P9FS_REC_VERSION, &rec);
	ret = ret ?: rec_get_uint(&rec, K_MSIZE, P9FS_MSIZE_MAX, &msize);
	ret = ret ?: rec_get_uint(&rec, K_NFIDS, P9_FID_MAX, &nfids);
	if (ret)
		return ret;
	p9fs_reset(fs);
	fs->msize = msize;
	for (unsigned i = 0; i < nfids && !ret; i++)
		ret = p9_load_fid(fs, &rec, i);
	if (ret)
		p9fs_reset(fs);
	return ret;
}
