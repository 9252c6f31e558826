// SPDX-License-Identifier: MIT
/*
 * PC16550D UART, as described by National Semiconductor's "PC16550D
 * Universal Asynchronous Receiver/Transmitter with FIFOs" data sheet:
 * Table II (register summary), Table IV (interrupt identification and
 * priorities), section 8.6 (FIFO interrupt mode) and 8.10 (loopback).
 *
 * The line has no baud rate here: a byte written to THR is handed to the
 * back end at once, so THR and the transmitter are always empty again by
 * the next access, and the receive FIFO's character timeout is taken to
 * have elapsed as soon as the FIFO holds fewer bytes than the trigger level.
 *
 * Input is flow-controlled the way a terminal line with RTS/CTS is: the
 * back end keeps what the guest is not ready for, and nothing is thrown
 * away. Drivers reset the receive FIFO and read RBR to clear it while
 * they probe and open the port (Linux's 8250 does both), which on real
 * hardware loses whatever arrived before. So the UART takes input only
 * while the guest listens:
 *  - an interrupt-driven driver has the port open: the received-data
 *    interrupt is enabled and RTS asserted (Linux raises RTS and DTR
 *    when a tty is opened, and drops them when it is closed);
 *  - a polling driver (firmware, boot loaders, bare-metal programs)
 *    waits for a byte: it reads LSR three times in a row with no other
 *    access to the UART between, which a driver that transmits (LSR,
 *    then THR) or sets the port up never does. (Twice is not enough:
 *    Linux's 8250 reads LSR, requests its interrupt, and reads LSR again
 *    while it opens the port, then reads RBR to clear it; a byte taken
 *    in between would be lost.)
 */
#include "devices/uart.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "devices/devfdt.h"
#include "base/record.h"

enum {
	REG_RBR_THR = 0, /* DLL when LCR.DLAB */
	REG_IER = 1,	 /* DLM when LCR.DLAB */
	REG_IIR_FCR = 2,
	REG_LCR = 3,
	REG_MCR = 4,
	REG_LSR = 5,
	REG_MSR = 6,
	REG_SCR = 7,
};

#define IER_ERBFI 0x01 /* received data available */
#define IER_ETBEI 0x02 /* transmitter holding register empty */
#define IER_ELSI 0x04  /* receiver line status */
#define IER_EDSSI 0x08 /* modem status */

#define IIR_NONE 0x01
#define IIR_MSR 0x00
#define IIR_THRE 0x02
#define IIR_RDA 0x04
#define IIR_RLS 0x06
#define IIR_TIMEOUT 0x0c
#define IIR_ID_MASK 0x0f
#define IIR_FIFOS 0xc0

#define FCR_ENABLE 0x01
#define FCR_RX_RESET 0x02
#define FCR_TX_RESET 0x04
#define FCR_TRIGGER 0xc0

#define LCR_DLAB 0x80

#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10
#define MCR_MASK 0x1f

#define LSR_DR 0x01
#define LSR_OE 0x02
#define LSR_PE 0x04
#define LSR_FE 0x08
#define LSR_BI 0x10
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define LSR_RXFE 0x80
#define LSR_ERRORS (LSR_OE | LSR_PE | LSR_FE | LSR_BI)

#define MSR_DCTS 0x01
#define MSR_DDSR 0x02
#define MSR_TERI 0x04
#define MSR_DDCD 0x08
#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI 0x40
#define MSR_DCD 0x80
#define MSR_DELTAS 0x0f

#define FIFO_SIZE 16
/* LSR reads in a row that make a driver a polling one (see the top). */
#define POLL_READS 3

struct uart {
	struct bus_dev dev;
	struct irq_line irq;
	struct chardev *cd;
	pthread_mutex_t lock;

	uint8_t rx[FIFO_SIZE];
	unsigned rx_head, rx_count;
	uint8_t ier, fcr, lcr, mcr, lsr, msr, scr, dll, dlm;
	bool thr_pending; /* the THRE interrupt is pending */
	bool rx_refused;  /* the back end holds input for us: owe a resume */
	/* The last two accesses were LSR reads: a driver polls for input. */
	uint8_t lsr_run; /* LSR reads in a row, up to POLL_READS */
	bool polling;
	int level; /* last level driven on irq */
};

static unsigned rx_capacity(const struct uart *u)
{
	return (u->fcr & FCR_ENABLE) ? FIFO_SIZE : 1;
}

static unsigned rx_trigger(const struct uart *u)
{
	static const unsigned levels[4] = {1, 4, 8, 14};

	return levels[u->fcr >> 6];
}

/* The modem inputs: in loopback, wired to MCR's outputs (section 8.10). */
static uint8_t modem_inputs(const struct uart *u)
{
	uint8_t in = 0;

	if (!(u->mcr & MCR_LOOP))
		return MSR_DCD | MSR_DSR | MSR_CTS;
	if (u->mcr & MCR_RTS)
		in |= MSR_CTS;
	if (u->mcr & MCR_DTR)
		in |= MSR_DSR;
	if (u->mcr & MCR_OUT1)
		in |= MSR_RI;
	if (u->mcr & MCR_OUT2)
		in |= MSR_DCD;
	return in;
}

static void set_modem_inputs(struct uart *u, uint8_t in)
{
	uint8_t old = u->msr & ~MSR_DELTAS, delta = u->msr & MSR_DELTAS;

	if ((old ^ in) & MSR_CTS)
		delta |= MSR_DCTS;
	if ((old ^ in) & MSR_DSR)
		delta |= MSR_DDSR;
	if ((old & MSR_RI) && !(in & MSR_RI))
		delta |= MSR_TERI;
	if ((old ^ in) & MSR_DCD)
		delta |= MSR_DDCD;
	u->msr = in | delta;
}

/* Table IV, highest priority first. */
static uint8_t iir_id(const struct uart *u)
{
	if ((u->ier & IER_ELSI) && (u->lsr & LSR_ERRORS))
		return IIR_RLS;
	if ((u->ier & IER_ERBFI) && u->rx_count) {
		if ((u->fcr & FCR_ENABLE) && u->rx_count < rx_trigger(u))
			return IIR_TIMEOUT;
		return IIR_RDA;
	}
	if ((u->ier & IER_ETBEI) && u->thr_pending)
		return IIR_THRE;
	if ((u->ier & IER_EDSSI) && (u->msr & MSR_DELTAS))
		return IIR_MSR;
	return IIR_NONE;
}

static void update_irq(struct uart *u)
{
	int level = iir_id(u) != IIR_NONE;

	if (level != u->level) {
		u->level = level;
		irq_set(&u->irq, level);
	}
}

static void rx_push(struct uart *u, uint8_t c)
{
	if (u->rx_count == rx_capacity(u)) {
		u->lsr |= LSR_OE;
		return;
	}
	u->rx[(u->rx_head + u->rx_count) % FIFO_SIZE] = c;
	u->rx_count++;
}

/* Whether the guest listens for input now (see the top of the file). */
static bool rx_listening(const struct uart *u)
{
	if (u->mcr & MCR_LOOP)
		return false;
	return ((u->ier & IER_ERBFI) && (u->mcr & MCR_RTS)) || u->polling;
}

/*
 * After the guest's access: whether the back end is owed a resume, which
 * it is when it holds input and the guest now listens with the FIFO
 * drained (a whole FIFO at a time costs the guest fewer interrupts).
 */
static bool rx_owed(struct uart *u)
{
	if (!u->rx_refused || u->rx_count || !rx_listening(u))
		return false;
	u->rx_refused = false;
	return true;
}

static void rx_clear(struct uart *u)
{
	u->rx_head = u->rx_count = 0;
}

static void transmit(struct uart *u, uint8_t c)
{
	if (u->mcr & MCR_LOOP)
		rx_push(u, c);
	else
		chardev_write(u->cd, &c, 1);
	/* THR is empty again at once: a new THRE event (section 8.6). */
	u->thr_pending = true;
}

/* Every access: whether this one and the one before read LSR. */
static void note_access(struct uart *u, bool lsr_read)
{
	if (!lsr_read)
		u->lsr_run = 0;
	else if (u->lsr_run < POLL_READS)
		u->lsr_run++;
	u->polling = u->lsr_run == POLL_READS;
}

static uint64_t uart_read(void *opaque, uint64_t off, unsigned size)
{
	struct uart *u = opaque;
	bool resume;
	uint8_t v = 0;

	pthread_mutex_lock(&u->lock);
	note_access(u, off == REG_LSR);
	switch (off) {
	case REG_RBR_THR:
		if (u->lcr & LCR_DLAB) {
			v = u->dll;
			break;
		}
		if (!u->rx_count)
			break;
		v = u->rx[u->rx_head];
		u->rx_head = (u->rx_head + 1) % FIFO_SIZE;
		u->rx_count--;
		break;
	case REG_IER:
		v = (u->lcr & LCR_DLAB) ? u->dlm : u->ier;
		break;
	case REG_IIR_FCR:
		v = iir_id(u);
		/* Reading IIR is what acknowledges a THRE interrupt. */
		if (v == IIR_THRE)
			u->thr_pending = false;
		if (u->fcr & FCR_ENABLE)
			v |= IIR_FIFOS;
		break;
	case REG_LCR:
		v = u->lcr;
		break;
	case REG_MCR:
		v = u->mcr;
		break;
	case REG_LSR:
		v = u->lsr | LSR_THRE | LSR_TEMT;
		if (u->rx_count)
			v |= LSR_DR;
		u->lsr &= ~(LSR_ERRORS | LSR_RXFE);
		break;
	case REG_MSR:
		v = u->msr;
		u->msr &= ~MSR_DELTAS;
		break;
	case REG_SCR:
		v = u->scr;
		break;
	}
	update_irq(u);
	resume = rx_owed(u);
	pthread_mutex_unlock(&u->lock);
	if (resume)
		chardev_resume(u->cd);
	return v;
}

static void write_fcr(struct uart *u, uint8_t val)
{
	/* FCR0 gates the other bits, and toggling it clears the FIFOs. */
	if ((val ^ u->fcr) & FCR_ENABLE)
		rx_clear(u);
	if (!(val & FCR_ENABLE)) {
		u->fcr = 0;
		return;
	}
	if (val & FCR_RX_RESET)
		rx_clear(u);
	u->fcr = val & (FCR_ENABLE | FCR_TRIGGER);
}

static void uart_write(void *opaque, uint64_t off, uint64_t val64,
		       unsigned size)
{
	struct uart *u = opaque;
	uint8_t val = val64;
	bool resume;

	pthread_mutex_lock(&u->lock);
	note_access(u, false);
	switch (off) {
	case REG_RBR_THR:
		if (u->lcr & LCR_DLAB) {
			u->dll = val;
			break;
		}
		u->thr_pending = false;
		transmit(u, val);
		break;
	case REG_IER:
		if (u->lcr & LCR_DLAB) {
			u->dlm = val;
			break;
		}
		/* Enabling ETBEI while THR is empty raises THRE anew. */
		if ((val & IER_ETBEI) && !(u->ier & IER_ETBEI))
			u->thr_pending = true;
		else if (!(val & IER_ETBEI))
			u->thr_pending = false;
		u->ier = val & 0x0f;
		break;
	case REG_IIR_FCR:
		write_fcr(u, val);
		break;
	case REG_LCR:
		u->lcr = val;
		break;
	case REG_MCR:
		u->mcr = val & MCR_MASK;
		set_modem_inputs(u, modem_inputs(u));
		break;
	case REG_LSR:
	case REG_MSR:
		/* Factory test registers: writes have no defined effect. */
		break;
	case REG_SCR:
		u->scr = val;
		break;
	}
	update_irq(u);
	resume = rx_owed(u);
	pthread_mutex_unlock(&u->lock);
	if (resume)
		chardev_resume(u->cd);
}

static size_t uart_receive(void *fe, const void *buf, size_t len)
{
	struct uart *u = fe;
	const uint8_t *p = buf;
	size_t n = 0;

	pthread_mutex_lock(&u->lock);
	if (rx_listening(u))
		while (n < len && u->rx_count < rx_capacity(u))
			rx_push(u, p[n++]);
	if (n < len)
		u->rx_refused = true;
	update_irq(u);
	pthread_mutex_unlock(&u->lock);
	return n;
}

static const struct bus_dev_ops uart_ops = {
	.read = uart_read,
	.write = uart_write,
	.min_size = 1,
	.max_size = 1,
};

void uart_reset(struct uart *u)
{
	pthread_mutex_lock(&u->lock);
	/*
	 * rx_refused stays: the back end keeps what it holds until the
	 * guest listens again.
	 */
	u->rx_head = u->rx_count = 0;
	u->lsr_run = 0;
	u->polling = false;
	u->ier = u->fcr = u->lcr = u->mcr = u->scr = 0;
	u->dll = u->dlm = 0;
	u->lsr = 0;
	u->msr = modem_inputs(u);
	u->thr_pending = false;
	u->level = 0;
	irq_set(&u->irq, 0);
	pthread_mutex_unlock(&u->lock);
}

int uart_create(struct uart **out, uint64_t base, struct irq_line irq,
		struct chardev *cd)
{
	struct uart *u = calloc(1, sizeof(*u));
	int err;

	if (!u)
		return -ENOMEM;
	err = pthread_mutex_init(&u->lock, NULL);
	if (err) {
		free(u);
		return -err;
	}
	u->dev = (struct bus_dev){
		.base = base,
		.len = UART_SIZE,
		.name = "uart",
		.ops = &uart_ops,
		.opaque = u,
	};
	u->irq = irq;
	u->cd = cd;
	u->msr = modem_inputs(u);
	if (cd) {
		cd->fe = u;
		cd->receive = uart_receive;
	}
	*out = u;
	return 0;
}

void uart_destroy(struct uart *u)
{
	if (!u)
		return;
	if (u->cd && u->cd->fe == u) {
		u->cd->receive = NULL;
		u->cd->fe = NULL;
	}
	pthread_mutex_destroy(&u->lock);
	free(u);
}

enum {
	UART_REC_VERSION = 2,
	K_RX = 1,
	K_REGS,
	K_THR_PENDING,
	K_LSR_LAST,
	K_POLLING,
	K_LEVEL,
};

int uart_save(struct uart *u, struct rec_writer *w)
{
	uint8_t rx[FIFO_SIZE];
	uint8_t regs[9];

	pthread_mutex_lock(&u->lock);
	for (unsigned i = 0; i < u->rx_count; i++)
		rx[i] = u->rx[(u->rx_head + i) % FIFO_SIZE];
	regs[0] = u->ier;
	regs[1] = u->fcr;
	regs[2] = u->lcr;
	regs[3] = u->mcr;
	regs[4] = u->lsr;
	regs[5] = u->msr;
	regs[6] = u->scr;
	regs[7] = u->dll;
	regs[8] = u->dlm;
	rec_begin(w, "uart", UART_REC_VERSION);
	rec_bytes(w, K_RX, rx, u->rx_count);
	rec_bytes(w, K_REGS, regs, sizeof(regs));
	rec_u64(w, K_THR_PENDING, u->thr_pending);
	rec_u64(w, K_LSR_LAST, u->lsr_run > 0);
	rec_u64(w, K_POLLING, u->polling);
	rec_u64(w, K_LEVEL, u->level);
	pthread_mutex_unlock(&u->lock);
	return rec_end(w);
}

int uart_load(struct uart *u, struct rec_reader *r)
{
	uint8_t regs[9];
	const void *rx;
	size_t n;
	bool thr, lsr_last, polling, level;
	struct rec rec;
	int ret;

	ret = rec_next(r, "uart", UART_REC_VERSION, &rec);
	ret = ret ?: rec_get_blob(&rec, K_RX, FIFO_SIZE, &rx, &n);
	ret = ret ?: rec_get_bytes(&rec, K_REGS, regs, sizeof(regs));
	ret = ret ?: rec_get_bool(&rec, K_THR_PENDING, &thr);
	ret = ret ?: rec_get_bool(&rec, K_LSR_LAST, &lsr_last);
	ret = ret ?: rec_get_bool(&rec, K_POLLING, &polling);
	ret = ret ?: rec_get_bool(&rec, K_LEVEL, &level);
	if (ret)
		return ret;
	pthread_mutex_lock(&u->lock);
	memcpy(u->rx, rx, n);
	u->rx_head = 0;
	u->rx_count = n;
	u->ier = regs[0] & 0x0f;
	u->fcr = regs[1] & (FCR_ENABLE | FCR_TRIGGER);
	u->lcr = regs[2];
	u->mcr = regs[3] & MCR_MASK;
	u->lsr = regs[4];
	u->msr = regs[5];
	u->scr = regs[6];
	u->dll = regs[7];
	u->dlm = regs[8];
	u->thr_pending = thr;
	/* Whether a driver listens: the registers, and its polling. */
	u->lsr_run = polling ? POLL_READS : lsr_last;
	u->polling = polling;
	u->rx_refused = false;
	u->level = level;
	irq_set(&u->irq, level);
	pthread_mutex_unlock(&u->lock);
	return 0;
}

const struct bus_dev *uart_bus_dev(struct uart *u)
{
	return &u->dev;
}

int uart_fdt(struct uart *u, void *fdt, int parent, uint32_t plic_phandle)
{
	int node, err;

	node = devfdt_node(fdt, parent, "serial", u->dev.base);
	if (node < 0)
		return devfdt_err(node);
	err = fdt_setprop_u32(fdt, node, "interrupts", u->irq.line);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "interrupt-parent",
				      plic_phandle);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "clock-frequency",
				      UART_CLOCK_HZ);
	if (!err)
		err = devfdt_reg(fdt, node, u->dev.base, u->dev.len);
	if (!err)
		err = fdt_setprop_string(fdt, node, "compatible", "ns16550a");
	return devfdt_err(err);
}
