// SPDX-License-Identifier: MIT
/*
 * Unit tests for the devices' saved state: each device is driven into a
 * state through its registers, saved, loaded into a fresh device, and
 * must then read back the same and drive its lines as before; loads of
 * the wrong record, a cut record or a newer version are refused.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/record.h"
#include "base/timer.h"
#include "devices/aclint.h"
#include "devices/plic/plic.h"
#include "devices/rtc.h"
#include "devices/uart.h"

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

/* Lines: the level last driven on each. */
static int levels[64];

static void sink(void *opaque, unsigned line, int level)
{
	levels[line] = level;
}

static uint64_t rd(const struct bus_dev *d, uint64_t off, unsigned size)
{
	return d->ops->read(d->opaque, off, size);
}

static void wr(const struct bus_dev *d, uint64_t off, uint64_t v, unsigned size)
{
	d->ops->write(d->opaque, off, v, size);
}

static void test_uart(void)
{
	struct uart *a, *b;
	struct rec_writer w;
	struct rec_reader r;
	const struct bus_dev *da, *db;
	struct chardev cd = {0};
	uint8_t in[3] = {'x', 'y', 'z'};

	uart_create(&a, 0x10000000, (struct irq_line){sink, NULL, 10}, &cd);
	da = uart_bus_dev(a);
	wr(da, 3, 0x80, 1); /* DLAB */
	wr(da, 0, 0x12, 1);
	wr(da, 1, 0x34, 1);
	wr(da, 3, 0x03, 1);
	wr(da, 2, 0xc1, 1); /* FIFO on, trigger 14 */
	wr(da, 7, 0x5a, 1);
	wr(da, 1, 0x01, 1); /* ERBFI */
	wr(da, 4, 0x0b, 1); /* DTR, RTS, OUT2: a driver has the port open */
	cd.receive(cd.fe, in, sizeof(in));
	rec_writer_init(&w);
	CHECK("devstate_uart_save", uart_save(a, &w) == 0);
	levels[10] = -1;
	uart_create(&b, 0x10000000, (struct irq_line){sink, NULL, 10}, NULL);
	db = uart_bus_dev(b);
	rec_reader_init(&r, w.buf, w.len);
	CHECK("devstate_uart_load", uart_load(b, &r) == 0);
	CHECK("devstate_uart_line_driven", levels[10] == 1);
	CHECK("devstate_uart_regs",
	      rd(db, 7, 1) == 0x5a && rd(db, 1, 1) == 1 && rd(db, 3, 1) == 3);
	wr(db, 3, 0x80, 1);
	CHECK("devstate_uart_divisor",
	      rd(db, 0, 1) == 0x12 && rd(db, 1, 1) == 0x34);
	wr(db, 3, 0x03, 1);
	CHECK("devstate_uart_fifo",
	      rd(db, 0, 1) == 'x' && rd(db, 0, 1) == 'y' &&
		      rd(db, 0, 1) == 'z' && !(rd(db, 5, 1) & 1));
	rec_reader_init(&r, w.buf, w.len - 1);
	CHECK("devstate_uart_cut_refused",
	      uart_load(b, &r) == -EPROTO && strstr(r.err, "uart"));
	w.buf[16] = 3; /* version */
	rec_reader_init(&r, w.buf, w.len);
	CHECK("devstate_uart_newer_refused",
	      uart_load(b, &r) == -EPROTO && strstr(r.err, "version 3"));
	rec_writer_free(&w);
	uart_destroy(a);
	uart_destroy(b);
}

static void test_plic(void)
{
	struct irq_line out[4];
	struct plic *a, *b;
	struct rec_writer w;
	struct rec_reader r;
	const struct bus_dev *da, *db;

	for (unsigned i = 0; i < 4; i++)
		out[i] = (struct irq_line){sink, NULL, 20 + i};
	plic_create(&a, 0xc000000, 2, out);
	da = plic_bus_dev(a);
	wr(da, 4 * 5, 3, 4);		 /* priority of source 5 */
	wr(da, 4 * 7, 6, 4);		 /* and 7 */
	wr(da, 0x2000 + 0x80, 0xa0, 4);	 /* context 1 enables 5, 7 */
	wr(da, 0x200000 + 0x1000, 1, 4); /* context 1 threshold */
	plic_set_irq(a, 5, 1);
	plic_set_irq(a, 7, 1);
	CHECK("devstate_plic_claim_before", rd(da, 0x201004, 4) == 7);
	rec_writer_init(&w);
	CHECK("devstate_plic_save", plic_save(a, &w) == 0);
	levels[21] = -1;
	plic_create(&b, 0xc000000, 2, out);
	db = plic_bus_dev(b);
	rec_reader_init(&r, w.buf, w.len);
	CHECK("devstate_plic_load", plic_load(b, &r) == 0);
	CHECK("devstate_plic_line_driven", levels[21] == 1);
	CHECK("devstate_plic_regs", rd(db, 4 * 5, 4) == 3 &&
					    rd(db, 0x2080, 4) == 0xa0 &&
					    rd(db, 0x201000, 4) == 1);
	/* 7 is claimed, 5 is pending: the next claim is 5, and completing 7
	 * lets its level through again. */
	CHECK("devstate_plic_claim_after", rd(db, 0x201004, 4) == 5);
	wr(db, 0x201004, 7, 4);
	CHECK("devstate_plic_complete_after", rd(db, 0x201004, 4) == 7);
	rec_reader_init(&r, w.buf, w.len);
	CHECK("devstate_plic_wrong_record",
	      uart_load(NULL, &r) == -EPROTO &&
		      strstr(r.err, "found record 'plic'"));
	rec_writer_free(&w);
	plic_destroy(a);
	plic_destroy(b);
}

static void test_aclint_rtc(void)
{
	struct timer_service ts;
	struct irq_line msip[2], mtip[2];
	struct aclint *a, *b;
	struct rtc *ra, *rb;
	struct rec_writer w;
	struct rec_reader r;
	const struct bus_dev *da, *db;
	uint64_t origin = clock_now_ns(), t0, t1;

	timer_service_init(&ts);
	for (unsigned i = 0; i < 2; i++) {
		msip[i] = (struct irq_line){sink, NULL, 30 + i};
		mtip[i] = (struct irq_line){sink, NULL, 40 + i};
	}
	aclint_create(&a, 0x2000000, 2, origin, &ts, msip, mtip);
	da = aclint_bus_dev(a);
	wr(da, 4, 1, 4);		      /* msip of hart 1 */
	wr(da, 0x4000, 0, 8);		      /* mtimecmp 0: due */
	wr(da, 0x4008, 0x123456789abcull, 8); /* far ahead */
	rtc_create(&ra, 0x101000, (struct irq_line){sink, NULL, 11}, &ts);
	wr(rtc_bus_dev(ra), 0x10, 1, 4);	  /* irq enabled */
	wr(rtc_bus_dev(ra), 0x0c, 0x7fffffff, 4); /* alarm high */
	wr(rtc_bus_dev(ra), 0x08, 0, 4);	  /* alarm low: armed */
	rec_writer_init(&w);
	CHECK("devstate_aclint_rtc_save",
	      aclint_save(a, &w) == 0 && rtc_save(ra, &w) == 0);
	t0 = rd(da, 0xbff8, 8);

	levels[31] = levels[40] = -1;
	/* A restore 10 s of host time later: mtime goes on from the save. */
	aclint_create(&b, 0x2000000, 2, origin - 10000000000ull, &ts, msip,
		      mtip);
	db = aclint_bus_dev(b);
	rtc_create(&rb, 0x101000, (struct irq_line){sink, NULL, 11}, &ts);
	rec_reader_init(&r, w.buf, w.len);
	CHECK("devstate_aclint_rtc_load", aclint_load(b, &r, origin) == 0 &&
						  rtc_load(rb, &r) == 0 &&
						  rec_reader_done(&r));
	t1 = rd(db, 0xbff8, 8);
	CHECK("devstate_aclint_lines", levels[31] == 1 && levels[40] == 1);
	CHECK("devstate_aclint_regs",
	      rd(db, 4, 4) == 1 && rd(db, 0x4008, 8) == 0x123456789abcull);
	CHECK("devstate_aclint_time_goes_on",
	      t1 >= t0 && t1 - t0 < CLOCK_TIMEBASE_HZ);
	CHECK("devstate_rtc_regs",
	      rd(rtc_bus_dev(rb), 0x10, 4) == 1 &&
		      rd(rtc_bus_dev(rb), 0x18, 4) == 1 &&
		      rd(rtc_bus_dev(rb), 0x0c, 4) == 0x7fffffff);
	rec_writer_free(&w);
	aclint_destroy(a);
	aclint_destroy(b);
	rtc_destroy(ra);
	rtc_destroy(rb);
	timer_service_destroy(&ts);
}

int main(void)
{
	test_uart();
	test_plic();
	test_aclint_rtc();
	return failures ? 1 : 0;
}
