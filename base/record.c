// SPDX-License-Identifier: MIT
#include "base/record.h"

#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HDR_SIZE (16 + 4 + 4)
#define FIELD_HDR 8

enum { TYPE_U64 = 1, TYPE_BYTES = 2 };

void rec_writer_init(struct rec_writer *w)
{
	memset(w, 0, sizeof(*w));
	w->open = SIZE_MAX;
}

void rec_writer_free(struct rec_writer *w)
{
	free(w->buf);
	rec_writer_init(w);
}

static uint8_t *grow(struct rec_writer *w, size_t n)
{
	uint8_t *p;

	if (w->err)
		return NULL;
	if (n > SIZE_MAX / 2 - w->len) {
		w->err = -ENOMEM;
		return NULL;
	}
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 4096;

		while (cap < w->len + n)
			cap *= 2;
		p = realloc(w->buf, cap);
		if (!p) {
			w->err = -ENOMEM;
			return NULL;
		}
		w->buf = p;
		w->cap = cap;
	}
	p = w->buf + w->len;
	w->len += n;
	return p;
}

static void put32(uint8_t *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, 4);
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return le32toh(v);
}

void rec_begin(struct rec_writer *w, const char *name, uint32_t version)
{
	uint8_t *p;

	if (w->open != SIZE_MAX || strlen(name) > REC_NAME_MAX) {
		w->err = w->err ?: -EINVAL;
		return;
	}
	p = grow(w, HDR_SIZE);
	if (!p)
		return;
	memset(p, 0, HDR_SIZE);
	memcpy(p, name, strlen(name));
	put32(p + 16, version);
	w->open = p - w->buf;
}

static void field(struct rec_writer *w, uint16_t key, uint8_t type,
		  const void *data, size_t n)
{
	uint16_t k = htole16(key);
	uint8_t *p;

	if (w->open == SIZE_MAX || n > UINT32_MAX) {
		w->err = w->err ?: -EINVAL;
		return;
	}
	p = grow(w, FIELD_HDR + n);
	if (!p)
		return;
	memcpy(p, &k, 2);
	p[2] = type;
	p[3] = 0;
	put32(p + 4, n);
	if (n)
		memcpy(p + FIELD_HDR, data, n);
}

void rec_u64(struct rec_writer *w, uint16_t key, uint64_t val)
{
	uint64_t le = htole64(val);

	field(w, key, TYPE_U64, &le, 8);
}

void rec_bytes(struct rec_writer *w, uint16_t key, const void *p, size_t n)
{
	field(w, key, TYPE_BYTES, p, n);
}

int rec_refuse(struct rec_writer *w, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->why, sizeof(w->why), fmt, ap);
	va_end(ap);
	w->err = w->err ?: err;
	return err;
}

int rec_end(struct rec_writer *w)
{
	size_t len = 0;

	if (w->open == SIZE_MAX) {
		w->err = w->err ?: -EINVAL;
		return w->err;
	}
	if (!w->err) {
		len = w->len - w->open - HDR_SIZE;
		if (len > UINT32_MAX)
			w->err = -E2BIG;
		else
			put32(w->buf + w->open + 20, len);
	}
	w->open = SIZE_MAX;
	return w->err;
}

void rec_reader_init(struct rec_reader *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->off = 0;
	r->err[0] = 0;
}

bool rec_reader_done(const struct rec_reader *r)
{
	return r->off >= r->len;
}

/* The name of the record at the reader's position, or "". */
static void name_at(const struct rec_reader *r, char *name)
{
	name[0] = 0;
	if (r->len - r->off >= HDR_SIZE) {
		memcpy(name, r->p + r->off, 16);
		name[REC_NAME_MAX] = 0;
		for (char *c = name; *c; c++)
			if (*c < 0x20 || *c > 0x7e)
				*c = '?';
	}
}

bool rec_peek(const struct rec_reader *r, const char *name)
{
	char here[16];

	name_at(r, here);
	return !strcmp(here, name);
}

int rec_next(struct rec_reader *r, const char *name, uint32_t max_version,
	     struct rec *out)
{
	char here[16];
	uint32_t version, len;

	if (r->off > r->len || r->len - r->off < HDR_SIZE) {
		snprintf(r->err, sizeof(r->err),
			 "the state ends where record '%s' should be", name);
		return -EPROTO;
	}
	name_at(r, here);
	if (strcmp(here, name)) {
		snprintf(r->err, sizeof(r->err),
			 "found record '%s' where '%s' should be", here, name);
		return -EPROTO;
	}
	version = get32(r->p + r->off + 16);
	len = get32(r->p + r->off + 20);
	if (version == 0 || version > max_version) {
		snprintf(r->err, sizeof(r->err),
			 "record '%s' is version %u; this hvrun reads versions "
			 "1 to %u",
			 name, version, max_version);
		return -EPROTO;
	}
	if (len > r->len - r->off - HDR_SIZE) {
		snprintf(r->err, sizeof(r->err),
			 "record '%s' is cut short (%u bytes, %zu left)", name,
			 len, r->len - r->off - HDR_SIZE);
		return -EPROTO;
	}
	out->r = r;
	memcpy(out->name, here, sizeof(out->name));
	out->version = version;
	out->data = r->p + r->off + HDR_SIZE;
	out->len = len;
	r->off += HDR_SIZE + len;
	return 0;
}

int rec_fail(const struct rec *rec, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(rec->r->err, sizeof(rec->r->err), "record '%s': %s", rec->name,
		 what);
	return -EPROTO;
}

/* Field @key: its type, bytes and length; -ENOENT, or -EPROTO if torn. */
static int find(const struct rec *rec, uint16_t key, uint8_t *type,
		const uint8_t **data, size_t *n)
{
	size_t off = 0;

	while (off < rec->len) {
		uint16_t k;
		uint32_t len;

		if (rec->len - off < FIELD_HDR)
			return rec_fail(rec, "a field is cut short");
		memcpy(&k, rec->data + off, 2);
		len = get32(rec->data + off + 4);
		if (len > rec->len - off - FIELD_HDR)
			return rec_fail(rec, "field %u is cut short",
					le16toh(k));
		if (le16toh(k) == key) {
			*type = rec->data[off + 2];
			*data = rec->data + off + FIELD_HDR;
			*n = len;
			return 0;
		}
		off += FIELD_HDR + len;
	}
	rec_fail(rec, "field %u is missing", key);
	return -ENOENT;
}

int rec_get_u64(const struct rec *rec, uint16_t key, uint64_t *val)
{
	const uint8_t *d;
	uint8_t type;
	size_t n;
	uint64_t v = 0;
	int ret = find(rec, key, &type, &d, &n);

	if (ret)
		return ret;
	if (type != TYPE_U64 || n != 8)
		return rec_fail(rec, "field %u is not an integer", key);
	memcpy(&v, d, 8);
	*val = le64toh(v);
	return 0;
}

int rec_get_uint(const struct rec *rec, uint16_t key, uint64_t max,
		 uint64_t *val)
{
	uint64_t v = 0;
	int ret = rec_get_u64(rec, key, &v);

	if (ret)
		return ret;
	if (v > max)
		return rec_fail(rec,
				"field %u is %llu, more than the %llu it can "
				"be",
				key, (unsigned long long)v,
				(unsigned long long)max);
	*val = v;
	return 0;
}

int rec_get_u32(const struct rec *rec, uint16_t key, uint32_t *val)
{
	uint64_t v = 0;
	int ret = rec_get_uint(rec, key, UINT32_MAX, &v);

	if (!ret)
		*val = v;
	return ret;
}

int rec_get_u8(const struct rec *rec, uint16_t key, uint8_t *val)
{
	uint64_t v = 0;
	int ret = rec_get_uint(rec, key, UINT8_MAX, &v);

	if (!ret)
		*val = v;
	return ret;
}

int rec_get_bool(const struct rec *rec, uint16_t key, bool *val)
{
	uint64_t v = 0;
	int ret = rec_get_uint(rec, key, 1, &v);

	if (!ret)
		*val = v;
	return ret;
}

int rec_get_blob(const struct rec *rec, uint16_t key, size_t max,
		 const void **p, size_t *n)
{
	const uint8_t *d;
	uint8_t type;
	size_t len = 0;
	int ret = find(rec, key, &type, &d, &len);

	if (ret)
		return ret;
	if (type != TYPE_BYTES)
		return rec_fail(rec, "field %u is not a byte string", key);
	if (len > max)
		return rec_fail(rec,
				"field %u holds %zu bytes, at most %zu fit",
				key, len, max);
	*p = d;
	*n = len;
	return 0;
}

int rec_get_bytes(const struct rec *rec, uint16_t key, void *buf, size_t n)
{
	const void *p = NULL;
	size_t len = 0;
	int ret = rec_get_blob(rec, key, n, &p, &len);

	if (ret)
		return ret;
	if (len != n)
		return rec_fail(rec, "field %u holds %zu bytes, not %zu", key,
				len, n);
	memcpy(buf, p, n);
	return 0;
}

int rec_get_str(const struct rec *rec, uint16_t key, char *buf, size_t size)
{
	const void *p = NULL;
	size_t len = 0;
	int ret = rec_get_blob(rec, key, size - 1, &p, &len);

	if (ret)
		return ret;
	if (memchr(p, 0, len))
		return rec_fail(rec, "field %u is not a string", key);
	memcpy(buf, p, len);
	buf[len] = 0;
	return 0;
}

uint32_t rec_crc32(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;

	crc = ~crc;
	while (n--) {
		crc ^= *b++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}
