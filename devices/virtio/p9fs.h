/* SPDX-License-Identifier: MIT */
/*
 * A 9P2000.L file server exporting one host directory, independent of any
 * transport: one T-message in, one R-message out.
 *
 * Nothing the client sends can reach outside the directory: each fid is a
 * file descriptor, walks go one component at a time without following
 * symbolic links, and names that could climb out are refused. Symbolic
 * links are the client's to resolve (Treadlink gives their text).
 *
 * Not thread-safe: the caller handles one message at a time.
 */
#ifndef HVRUN_P9FS_H
#define HVRUN_P9FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most a message may hold; Tversion negotiates down from this. */
#define P9FS_MSIZE_MAX (512u * 1024)
/* size[4] type[1] tag[2] */
#define P9FS_HDR_SIZE 7

struct p9fs;

/*
 * Exports @root (a directory); @readonly refuses every change with EROFS.
 * 0, or -errno when @root cannot be opened as a directory.
 */
int p9fs_create(struct p9fs **out, const char *root, bool readonly);
void p9fs_destroy(struct p9fs *fs);

/* How many fids the client holds. */
unsigned p9fs_fids(const struct p9fs *fs);

struct rec_writer;
struct rec_reader;
/*
 * The session as one record "p9fs": msize and every fid by what it names
 * (its path below the exported directory, the directory it was walked
 * from and its name there, how it was opened), as a fid's host
 * descriptor cannot be saved. Loading opens each again below the
 * directory now exported, one component at a time as a walk does, so
 * nothing outside it can be reached whatever the record says. Saving
 * refuses (-EBUSY, w->why) a fid whose file was deleted; loading fails
 * (-EPROTO, r->err) for one whose path no longer exists.
 */
int p9fs_save(struct p9fs *fs, struct rec_writer *w);
int p9fs_load(struct p9fs *fs, struct rec_reader *r);
/* Forgets every fid, as a new session (Tversion) does. */
void p9fs_reset(struct p9fs *fs);

/*
 * Serves the T-message in @req[0 .. @reqlen) and writes the R-message to
 * @resp (room for @resplen bytes, at least P9FS_HDR_SIZE + 4). Returns
 * the reply's length, or 0 when the request is too short to carry a tag
 * (nothing can be answered).
 */
size_t p9fs_handle(struct p9fs *fs, const uint8_t *req, size_t reqlen,
		   uint8_t *resp, size_t resplen);

#endif
