// SPDX-License-Identifier: MIT
/* Unit tests for base/record: round trips, and every way a load refuses. */
#include "base/record.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (cond) {                                            \
			printf("ok %s\n", name);                       \
		} else {                                               \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
		}                                                      \
	} while (0)

static void write_two(struct rec_writer *w)
{
	rec_writer_init(w);
	rec_begin(w, "uart", 1);
	rec_u64(w, 1, 0x1122334455667788ull);
	rec_bytes(w, 2, "\x01\x02\x03", 3);
	rec_str(w, 3, "hello");
	rec_u64(w, 4, 300);
	rec_end(w);
	rec_begin(w, "plic", 2);
	rec_u64(w, 1, 7);
	rec_end(w);
}

static void test_round_trip(void)
{
	struct rec_writer w;
	struct rec_reader r;
	struct rec rec;
	uint64_t v = 0;
	uint8_t b[3] = {0}, u8;
	char s[16];
	const void *p;
	size_t n;

	write_two(&w);
	CHECK("record_write_ok", w.err == 0 && w.len > 0);
	rec_reader_init(&r, w.buf, w.len);
	CHECK("record_peek", rec_peek(&r, "uart") && !rec_peek(&r, "plic"));
	CHECK("record_next",
	      rec_next(&r, "uart", 1, &rec) == 0 && rec.version == 1);
	CHECK("record_u64",
	      rec_get_u64(&rec, 1, &v) == 0 && v == 0x1122334455667788ull);
	CHECK("record_bytes",
	      rec_get_bytes(&rec, 2, b, 3) == 0 && !memcmp(b, "\1\2\3", 3));
	CHECK("record_str",
	      rec_get_str(&rec, 3, s, sizeof(s)) == 0 && !strcmp(s, "hello"));
	CHECK("record_blob", rec_get_blob(&rec, 2, 8, &p, &n) == 0 && n == 3);
	CHECK("record_missing_field",
	      rec_get_u64(&rec, 9, &v) == -ENOENT && strstr(r.err, "'uart'"));
	CHECK("record_wrong_type", rec_get_u64(&rec, 2, &v) == -EPROTO);
	CHECK("record_wrong_size", rec_get_bytes(&rec, 2, b, 2) == -EPROTO);
	CHECK("record_out_of_range",
	      rec_get_u8(&rec, 4, &u8) == -EPROTO && strstr(r.err, "300"));
	CHECK("record_string_too_long", rec_get_str(&rec, 3, s, 4) == -EPROTO);
	CHECK("record_next_second", rec_next(&r, "plic", 2, &rec) == 0 &&
					    rec_get_u64(&rec, 1, &v) == 0 &&
					    v == 7 && rec_reader_done(&r));
	rec_writer_free(&w);
}

static void test_refusals(void)
{
	struct rec_writer w;
	struct rec_reader r;
	struct rec rec;
	uint64_t v;

	write_two(&w);
	rec_reader_init(&r, w.buf, w.len);
	CHECK("record_wrong_name",
	      rec_next(&r, "plic", 2, &rec) == -EPROTO &&
		      strstr(r.err, "found record 'uart'"));
	rec_reader_init(&r, w.buf, w.len);
	rec_next(&r, "uart", 1, &rec);
	CHECK("record_newer_version",
	      rec_next(&r, "plic", 1, &rec) == -EPROTO &&
		      strstr(r.err, "version 2"));
	for (size_t cut = 0; cut < w.len; cut++) {
		int ret;

		rec_reader_init(&r, w.buf, cut);
		ret = rec_next(&r, "uart", 1, &rec);
		if (!ret)
			ret = rec_next(&r, "plic", 2, &rec);
		if (!ret)
			ret = rec_get_u64(&rec, 1, &v);
		if (ret != -EPROTO && ret != -ENOENT) {
			CHECK("record_truncated_refused", 0);
			printf("  cut at %zu of %zu\n", cut, w.len);
			rec_writer_free(&w);
			return;
		}
	}
	CHECK("record_truncated_refused", 1);
	/* A field whose length runs past its record. */
	w.buf[24 + 4] = 0xff;
	rec_reader_init(&r, w.buf, w.len);
	CHECK("record_torn_field", rec_next(&r, "uart", 1, &rec) == 0 &&
					   rec_get_u64(&rec, 1, &v) == -EPROTO);
	rec_writer_free(&w);

	rec_writer_init(&w);
	rec_u64(&w, 1, 1);
	CHECK("record_field_outside_record", w.err == -EINVAL);
	rec_writer_free(&w);
	rec_writer_init(&w);
	rec_begin(&w, "a-name-longer-than-15", 1);
	CHECK("record_long_name", w.err == -EINVAL);
	rec_writer_free(&w);
}

static void test_crc(void)
{
	/* The check value of CRC-32/ISO-HDLC. */
	CHECK("record_crc32", rec_crc32(0, "123456789", 9) == 0xcbf43926);
}

int main(void)
{
	test_round_trip();
	test_refusals();
	test_crc();
	return failures ? 1 : 0;
}
