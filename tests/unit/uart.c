// SPDX-License-Identifier: MIT
/*
 * Unit tests for devices/uart against the PC16550D data sheet: reset
 * values, interrupt identification and priority, FIFO trigger levels,
 * divisor latches, loopback.
 */
#include "devices/uart.h"

#include <errno.h>
#include <libfdt.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(name, cond)                                              \
	do {                                                           \
		if (!(cond)) {                                         \
			printf("FAIL %s: %s (line %d)\n", name, #cond, \
			       __LINE__);                              \
			failures++;                                    \
			goto out;                                      \
		}                                                      \
	} while (0)

struct sink {
	int level;
	int changes;
	unsigned line;
};

static void sink_set(void *opaque, unsigned line, int level)
{
	struct sink *s = opaque;

	s->line = line;
	if (s->level != level)
		s->changes++;
	s->level = level;
}

struct backend {
	struct chardev cd;
	char out[4096];
	size_t n;
	int resumes;
};

static void be_write(struct chardev *cd, const void *buf, size_t len)
{
	struct backend *b = (struct backend *)cd;

	if (b->n + len <= sizeof(b->out))
		memcpy(b->out + b->n, buf, len);
	b->n += len;
}

static void be_resume(struct chardev *cd)
{
	((struct backend *)cd)->resumes++;
}

struct rig {
	struct uart *u;
	struct sink irq;
	struct backend be;
	const struct bus_dev *d;
};

static int rig_init(struct rig *r)
{
	memset(r, 0, sizeof(*r));
	r->be.cd.write = be_write;
	r->be.cd.resume = be_resume;
	if (uart_create(&r->u, 0x10000000,
			(struct irq_line){sink_set, &r->irq, 10}, &r->be.cd))
		return -1;
	r->d = uart_bus_dev(r->u);
	return 0;
}

static uint8_t rd(struct rig *r, unsigned reg)
{
	return r->d->ops->read(r->d->opaque, reg, 1);
}

static void wr(struct rig *r, unsigned reg, uint8_t v)
{
	r->d->ops->write(r->d->opaque, reg, v, 1);
}

static size_t rx(struct rig *r, const char *s, size_t n)
{
	return r->be.cd.receive(r->be.cd.fe, s, n);
}

enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };

static void test_reset_values(void)
{
	const char *name = "uart_reset_values";
	struct rig r;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, r.d->base == 0x10000000 && r.d->len == 0x100);
	CHECK(name, r.d->ops->min_size == 1 && r.d->ops->max_size == 1);
	CHECK(name, rd(&r, IER) == 0x00);
	CHECK(name, rd(&r, IIR) == 0x01);
	CHECK(name, rd(&r, LCR) == 0x00);
	CHECK(name, rd(&r, MCR) == 0x00);
	CHECK(name, rd(&r, LSR) == 0x60);
	CHECK(name, (rd(&r, MSR) & 0x0f) == 0);
	CHECK(name, rd(&r, SCR) == 0);
	wr(&r, SCR, 0xa5);
	CHECK(name, rd(&r, SCR) == 0xa5);
	wr(&r, IER, 0xff);
	CHECK(name, rd(&r, IER) == 0x0f);
	uart_reset(r.u);
	CHECK(name, rd(&r, IER) == 0 && rd(&r, SCR) == 0);
	CHECK(name, r.irq.level == 0);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

static void test_tx_thre(void)
{
	const char *name = "uart_tx_thre_interrupt";
	struct rig r;

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, RBR, 'h');
	wr(&r, RBR, 'i');
	CHECK(name, r.be.n == 2 && !memcmp(r.be.out, "hi", 2));
	CHECK(name, rd(&r, LSR) & 0x60);
	CHECK(name, r.irq.level == 0);

	/* Enabling ETBEI with THR empty: THRE interrupt at once. */
	wr(&r, IER, 0x02);
	CHECK(name, r.irq.level == 1 && r.irq.line == 10);
	CHECK(name, rd(&r, IIR) == 0x02);
	/* The IIR read was the acknowledgement. */
	CHECK(name, r.irq.level == 0);
	CHECK(name, rd(&r, IIR) == 0x01);
	/* Linux's THRE re-assertion probe: IER=0 then IER=THRI. */
	wr(&r, IER, 0x00);
	wr(&r, IER, 0x02);
	CHECK(name, rd(&r, IIR) == 0x02);
	/* A write to THR clears it; the byte leaves; THR empty again. */
	wr(&r, RBR, '!');
	CHECK(name, r.be.n == 3 && r.be.out[2] == '!');
	CHECK(name, r.irq.level == 1);
	/* Disabling ETBEI withdraws it. */
	wr(&r, IER, 0x00);
	CHECK(name, r.irq.level == 0 && rd(&r, IIR) == 0x01);
	/* Writing THR while DLAB is set writes DLL instead. */
	wr(&r, LCR, 0x83);
	wr(&r, RBR, 0x0c);
	wr(&r, IER, 0x01);
	CHECK(name, rd(&r, RBR) == 0x0c && rd(&r, IER) == 0x01);
	CHECK(name, r.be.n == 3);
	wr(&r, LCR, 0x03);
	CHECK(name, rd(&r, IER) == 0x00 && rd(&r, LCR) == 0x03);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

/*
 * Input that arrives before the driver listens stays with the back end,
 * so the FIFO reset a driver does when it opens the port loses nothing.
 * Linux's 8250 opens the port with ERBFI on and RTS, DTR and OUT2 up.
 */
static void test_typeahead(void)
{
	const char *name = "uart_rx_holds_typeahead";
	struct rig r;
	const char *msg = "ls\n";

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, IIR, 0x81);
	CHECK(name, rx(&r, msg, 3) == 0);
	CHECK(name, (rd(&r, LSR) & 0x01) == 0);
	wr(&r, IIR, 0x87); /* the driver resets both FIFOs */
	CHECK(name, r.be.resumes == 0);
	wr(&r, IER, 0x05); /* enables the interrupt, not yet RTS */
	CHECK(name, r.be.resumes == 0 && rx(&r, msg, 3) == 0);
	wr(&r, MCR, 0x0b); /* and opens the port */
	CHECK(name, r.be.resumes == 1);
	CHECK(name, rx(&r, msg, 3) == 3);
	CHECK(name, rd(&r, RBR) == 'l');
	CHECK(name, rd(&r, RBR) == 's');
	CHECK(name, rd(&r, RBR) == '\n');
	/* Closing the port (RTS down) stops input again. */
	wr(&r, MCR, 0x00);
	CHECK(name, rx(&r, msg, 3) == 0);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

/*
 * What Linux's 8250 does while it probes the port, before any tty is
 * open: it toggles IER to see the register is there, uses loopback, reads
 * RBR and LSR and resets the FIFOs. None of it may take input.
 */
static void test_probe_takes_nothing(void)
{
	const char *name = "uart_rx_not_during_probe";
	struct rig r;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, rx(&r, "x", 1) == 0);
	rd(&r, IER);
	wr(&r, IER, 0x00);
	rd(&r, IER);
	wr(&r, IER, 0x0f);
	CHECK(name, rx(&r, "x", 1) == 0);
	rd(&r, IER);
	wr(&r, IER, 0x00);
	wr(&r, MCR, 0x1a); /* loopback with RTS */
	rd(&r, MSR);
	wr(&r, MCR, 0x00);
	wr(&r, IIR, 0x01);
	rd(&r, IIR);
	wr(&r, IIR, 0x07);
	rd(&r, LSR);
	rd(&r, RBR);
	rd(&r, IIR);
	rd(&r, MSR);
	/* printk's console write: IER saved and cleared, LSR, THR. */
	for (int i = 0; i < 3; i++) {
		rd(&r, IER);
		wr(&r, IER, 0x00);
		rd(&r, LSR);
		wr(&r, RBR, 'k');
		rd(&r, LSR);
		wr(&r, IER, 0x00);
	}
	CHECK(name, r.be.resumes == 0 && rx(&r, "x", 1) == 0);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

/* A polling driver (OpenSBI's getc, U-Boot) reads LSR until DR is set. */
static void test_polling(void)
{
	const char *name = "uart_rx_polling_driver";
	struct rig r;

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, IIR, 0x01);
	CHECK(name, rx(&r, "ab", 2) == 0);
	/* Transmitting reads LSR once a byte: not a poll. */
	rd(&r, LSR);
	wr(&r, RBR, '>');
	rd(&r, LSR);
	wr(&r, RBR, ' ');
	CHECK(name, r.be.resumes == 0);
	/*
	 * Two LSR reads in a row are no poll: Linux's 8250 reads LSR
	 * twice while it opens the port, then RBR to clear it.
	 */
	CHECK(name, !(rd(&r, LSR) & 0x01));
	CHECK(name, !(rd(&r, LSR) & 0x01));
	CHECK(name, r.be.resumes == 0);
	CHECK(name, rx(&r, "ab", 2) == 0);
	/* Waiting for input: the back end is asked for it. */
	CHECK(name, !(rd(&r, LSR) & 0x01));
	CHECK(name, r.be.resumes == 1);
	CHECK(name, rx(&r, "ab", 2) == 2);
	CHECK(name, rd(&r, LSR) & 0x01);
	CHECK(name, rd(&r, RBR) == 'a');
	/* Busy elsewhere (echoing): the rest waits. */
	wr(&r, RBR, 'a');
	CHECK(name, rx(&r, "cd", 2) == 0);
	CHECK(name, rd(&r, LSR) & 0x01);
	CHECK(name, rd(&r, RBR) == 'b');
	rd(&r, LSR);
	rd(&r, LSR);
	rd(&r, LSR);
	CHECK(name, r.be.resumes == 2);
	CHECK(name, rx(&r, "cd", 2) == 2);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

static void test_fifo(void)
{
	const char *name = "uart_rx_fifo_trigger";
	struct rig r;
	const char *msg = "0123456789abcdefghij";
	int i;

	if (rig_init(&r))
		CHECK(name, 0);
	/* FIFOs on, trigger level 8, received-data interrupt on, open. */
	wr(&r, IIR, 0x81);
	CHECK(name, rd(&r, IIR) == 0xc1);
	wr(&r, IER, 0x01);
	wr(&r, MCR, 0x0b);
	CHECK(name, r.irq.level == 0);
	CHECK(name, rx(&r, msg, 20) == 16);
	CHECK(name, rd(&r, LSR) == 0x61);
	CHECK(name, r.irq.level == 1);
	CHECK(name, rd(&r, IIR) == 0xc4);
	for (i = 0; i < 9; i++)
		CHECK(name, rd(&r, RBR) == msg[i]);
	/* Below the trigger level: character timeout. */
	CHECK(name, rd(&r, IIR) == 0xcc);
	CHECK(name, r.irq.level == 1);
	CHECK(name, r.be.resumes == 0);
	for (; i < 16; i++)
		CHECK(name, rd(&r, RBR) == msg[i]);
	/* Drained: the back end hears it may send the rest. */
	CHECK(name, r.be.resumes == 1);
	CHECK(name, rd(&r, LSR) == 0x60);
	CHECK(name, rd(&r, IIR) == 0xc1 && r.irq.level == 0);
	CHECK(name, rx(&r, msg + 16, 4) == 4);
	CHECK(name, rd(&r, IIR) == 0xcc);
	/* Receiver FIFO reset. */
	wr(&r, IIR, 0xc3);
	CHECK(name, !(rd(&r, LSR) & 0x01) && r.irq.level == 0);
	/* Trigger 14 with 14 bytes: data available, not timeout. */
	CHECK(name, rx(&r, msg, 14) == 14);
	CHECK(name, rd(&r, IIR) == 0xc4);
	/* FIFOs off (16450 mode): one holding register. */
	wr(&r, IIR, 0x00);
	CHECK(name, rd(&r, IIR) == 0x01 && r.irq.level == 0);
	CHECK(name, rx(&r, "xy", 2) == 1);
	CHECK(name, rd(&r, IIR) == 0x04);
	CHECK(name, rd(&r, RBR) == 'x');
	CHECK(name, r.be.resumes == 2);
	CHECK(name, rd(&r, IIR) == 0x01);
	/* Reading an empty RBR is harmless. */
	rd(&r, RBR);
	CHECK(name, rd(&r, LSR) == 0x60);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

static void test_loopback(void)
{
	const char *name = "uart_loopback";
	struct rig r;
	int i;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, (rd(&r, MSR) & 0xf0) == 0xb0);
	wr(&r, IIR, 0x01);
	/* Loopback with all outputs low: CTS, DSR, DCD fall. */
	wr(&r, MCR, 0x10);
	CHECK(name, rd(&r, MSR) == 0x0b);
	CHECK(name, rd(&r, MSR) == 0x00);
	/* RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD. */
	wr(&r, MCR, 0x1f);
	CHECK(name, rd(&r, MSR) == 0xfb);
	wr(&r, MCR, 0x1b);
	CHECK(name, rd(&r, MSR) == 0xb4); /* RI trailing edge */
	wr(&r, MCR, 0x12);
	CHECK(name, rd(&r, MSR) == 0x1a);
	/* Modem status interrupt, lowest priority. */
	wr(&r, IER, 0x08);
	CHECK(name, r.irq.level == 0);
	wr(&r, MCR, 0x13);
	CHECK(name, r.irq.level == 1 && rd(&r, IIR) == 0xc0);
	CHECK(name, rd(&r, MSR) == 0x32);
	CHECK(name, r.irq.level == 0 && rd(&r, IIR) == 0xc1);
	wr(&r, IER, 0x00);

	/* What is sent comes back, and not to the back end. */
	wr(&r, RBR, 'L');
	CHECK(name, r.be.n == 0);
	CHECK(name, rd(&r, LSR) == 0x61);
	CHECK(name, rd(&r, RBR) == 'L');
	/* The serial input is disconnected meanwhile. */
	CHECK(name, rx(&r, "q", 1) == 0);
	/* Overrun: the 17th byte is lost and LSR.OE says so. */
	for (i = 0; i < 17; i++)
		wr(&r, RBR, 'a' + i);
	CHECK(name, rd(&r, IIR) == 0xc1);
	wr(&r, IER, 0x05);
	CHECK(name, rd(&r, IIR) == 0xc6); /* line status beats data */
	CHECK(name, rd(&r, LSR) == 0x63);
	CHECK(name, rd(&r, IIR) == 0xc4); /* OE cleared by the read */
	CHECK(name, rd(&r, LSR) == 0x61);
	for (i = 0; i < 16; i++)
		CHECK(name, rd(&r, RBR) == 'a' + i);
	CHECK(name, rd(&r, LSR) == 0x60);
	/* Leaving loopback reconnects the input. */
	CHECK(name, r.be.resumes == 0);
	wr(&r, MCR, 0x0b);
	CHECK(name, r.be.resumes == 1);
	CHECK(name, rx(&r, "q", 1) == 1);
	CHECK(name, (rd(&r, MSR) & 0xf0) == 0xb0);
	wr(&r, RBR, 'o');
	CHECK(name, r.be.n == 1 && r.be.out[0] == 'o');
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

static void test_priority(void)
{
	const char *name = "uart_interrupt_priority";
	struct rig r;

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, IIR, 0x01); /* trigger 1 */
	wr(&r, IER, 0x0f);
	CHECK(name, rd(&r, IIR) == 0xc2); /* THRE */
	wr(&r, MCR, 0x10);		  /* modem deltas pending */
	CHECK(name, rd(&r, IIR) == 0xc0);
	wr(&r, RBR, 'x'); /* THRE pending again, data */
	CHECK(name, rd(&r, IIR) == 0xc4);
	CHECK(name, rd(&r, RBR) == 'x');
	CHECK(name, rd(&r, IIR) == 0xc2);
	CHECK(name, rd(&r, IIR) == 0xc0);
	rd(&r, MSR);
	CHECK(name, rd(&r, IIR) == 0xc1 && r.irq.level == 0);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

static void *writer(void *arg)
{
	struct rig *r = arg;
	int i;

	for (i = 0; i < 1000; i++) {
		rd(r, LSR);
		wr(r, RBR, 'w');
		rd(r, IIR);
	}
	return NULL;
}

static void test_smp(void)
{
	const char *name = "uart_concurrent_access";
	pthread_t t[2];
	struct rig r;
	size_t got = 0;
	int i;

	if (rig_init(&r))
		CHECK(name, 0);
	wr(&r, IIR, 0x07);
	wr(&r, IER, 0x03);
	wr(&r, MCR, 0x0b);
	for (i = 0; i < 2; i++)
		CHECK(name, pthread_create(&t[i], NULL, writer, &r) == 0);
	/* Input arrives meanwhile, as from the main loop. */
	for (i = 0; i < 1000; i++) {
		got += rx(&r, "r", 1);
		while (rd(&r, LSR) & 0x01)
			rd(&r, RBR);
	}
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(name, got == 1000);
	CHECK(name, r.be.n == 2000);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

static void test_fdt(void)
{
	const char *name = "uart_fdt";
	static char buf[4096];
	struct rig r;
	const fdt32_t *p;
	int soc, node, len;

	if (rig_init(&r))
		CHECK(name, 0);
	CHECK(name, fdt_create_empty_tree(buf, sizeof(buf)) == 0);
	soc = fdt_add_subnode(buf, 0, "soc");
	CHECK(name, soc >= 0);
	CHECK(name, uart_fdt(r.u, buf, soc, 3) == 0);
	node = fdt_path_offset(buf, "/soc/serial@10000000");
	CHECK(name, node >= 0);
	CHECK(name, fdt_node_check_compatible(buf, node, "ns16550a") == 0);
	p = fdt_getprop(buf, node, "reg", &len);
	CHECK(name, p && len == 16 && fdt32_to_cpu(p[1]) == 0x10000000 &&
			    fdt32_to_cpu(p[3]) == 0x100 && !p[0] && !p[2]);
	p = fdt_getprop(buf, node, "interrupts", &len);
	CHECK(name, p && len == 4 && fdt32_to_cpu(p[0]) == 10);
	p = fdt_getprop(buf, node, "interrupt-parent", &len);
	CHECK(name, p && len == 4 && fdt32_to_cpu(p[0]) == 3);
	p = fdt_getprop(buf, node, "clock-frequency", &len);
	CHECK(name, p && len == 4 && fdt32_to_cpu(p[0]) == 3686400);
	/* Out of room is an errno, not a crash. */
	CHECK(name, fdt_create_empty_tree(buf, 100) == 0);
	CHECK(name, uart_fdt(r.u, buf, 0, 3) == -ENOSPC);
	printf("ok %s\n", name);
out:
	uart_destroy(r.u);
}

int main(void)
{
	test_reset_values();
	test_tx_thre();
	test_fifo();
	test_typeahead();
	test_probe_takes_nothing();
	test_polling();
	test_loopback();
	test_priority();
	test_fdt();
	test_smp();
	return failures ? 1 : 0;
}
