/* SPDX-License-Identifier: MIT */
/*
 * Saved state as versioned records: what harts, devices and the machine
 * write into a snapshot and read back. A record has a name (up to 15
 * bytes), a version and a payload of typed fields, each named by a small
 * key: unsigned integers and byte strings. Readers look fields up by key,
 * so a field added to a record later is optional to older data; a record
 * of a version the reader does not know, a field of the wrong type or
 * size, and any length that runs past the data are refused, with one line
 * in the reader's error buffer that names the record.
 *
 * Little-endian on disk whatever the host. Record layout:
 *   name[16] version[4] length[4] then @length bytes of fields;
 *   a field is key[2] type[1] pad[1] length[4] then @length bytes.
 */
#ifndef HVRUN_RECORD_H
#define HVRUN_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REC_NAME_MAX 15

/* A growable buffer that records are written to. */
struct rec_writer {
	uint8_t *buf;
	size_t len, cap;
	size_t open;   /* offset of the open record's header, or SIZE_MAX */
	int err;       /* the first failure (-ENOMEM, -EINVAL), sticky */
	char why[256]; /* set by rec_refuse(): why a state cannot be saved */
};

void rec_writer_init(struct rec_writer *w);
void rec_writer_free(struct rec_writer *w);
/* Starts a record; fields go into it until rec_end(). */
void rec_begin(struct rec_writer *w, const char *name, uint32_t version);
void rec_u64(struct rec_writer *w, uint16_t key, uint64_t val);
void rec_bytes(struct rec_writer *w, uint16_t key, const void *p, size_t n);
static inline void rec_str(struct rec_writer *w, uint16_t key, const char *s);
/*
 * A device whose state cannot be saved now says why (one line for the
 * user, in w->why) and returns the -errno this gives back.
 */
int rec_refuse(struct rec_writer *w, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Closes the record; returns the writer's error so far (0 or -errno). */
int rec_end(struct rec_writer *w);

/* Reads the records of a buffer in order. */
struct rec_reader {
	const uint8_t *p;
	size_t len, off;
	char err[256]; /* why the last call failed, for the user */
};

/* One record found by rec_next(): its fields are read with rec_get_*(). */
struct rec {
	struct rec_reader *r; /* where errors go */
	char name[REC_NAME_MAX + 1];
	uint32_t version;
	const uint8_t *data;
	size_t len;
};

void rec_reader_init(struct rec_reader *r, const void *p, size_t len);
bool rec_reader_done(const struct rec_reader *r);
/*
 * The next record, which must be called @name with a version from 1 to
 * @max_version: 0, or -EPROTO (truncated, another record, a newer
 * version) with r->err set.
 */
int rec_next(struct rec_reader *r, const char *name, uint32_t max_version,
	     struct rec *out);
/* Whether the next record is called @name (without reading it). */
bool rec_peek(const struct rec_reader *r, const char *name);

/*
 * Fields. Each returns 0, -ENOENT when the record has no such field, or
 * -EPROTO when it has one of another type or size; both with r->err set
 * (an optional field's -ENOENT may be ignored).
 */
int rec_get_u64(const struct rec *rec, uint16_t key, uint64_t *val);
/* An integer that must be at most @max. */
int rec_get_uint(const struct rec *rec, uint16_t key, uint64_t max,
		 uint64_t *val);
int rec_get_u32(const struct rec *rec, uint16_t key, uint32_t *val);
int rec_get_u8(const struct rec *rec, uint16_t key, uint8_t *val);
int rec_get_bool(const struct rec *rec, uint16_t key, bool *val);
/* Exactly @n bytes. */
int rec_get_bytes(const struct rec *rec, uint16_t key, void *buf, size_t n);
/* Any length up to @max: the field's bytes and their count, in place. */
int rec_get_blob(const struct rec *rec, uint16_t key, size_t max,
		 const void **p, size_t *n);
/* A string into @buf (NUL-terminated), at most @size - 1 bytes. */
int rec_get_str(const struct rec *rec, uint16_t key, char *buf, size_t size);

/* Sets r->err for a check the caller makes itself: returns -EPROTO. */
int rec_fail(const struct rec *rec, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* CRC-32 (the IEEE polynomial, as zlib's crc32()), for checksums. */
uint32_t rec_crc32(uint32_t crc, const void *p, size_t n);

static inline void rec_str(struct rec_writer *w, uint16_t key, const char *s)
{
	rec_bytes(w, key, s, __builtin_strlen(s));
}

#endif
