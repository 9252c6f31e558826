/* SPDX-License-Identifier: MIT */
/*
 * The console UART: a National Semiconductor PC16550D ("ns16550a"), eight
 * byte-wide registers, 16-byte receive FIFO. Output goes straight to the
 * character device; input comes from it into the FIFO.
 */
#ifndef HVRUN_UART_H
#define HVRUN_UART_H

#include <stdint.h>

#include "devices/bus.h"
#include "devices/chardev.h"
#include "devices/irq.h"

#define UART_SIZE 0x100
#define UART_CLOCK_HZ 3686400 /* what the FDT tells the driver */

struct uart;
struct rec_writer;
struct rec_reader;

/*
 * @irq is the line to the PLIC (its .line is also the number written in the
 * FDT). @cd may be NULL; otherwise the UART becomes its front end.
 */
int uart_create(struct uart **out, uint64_t base, struct irq_line irq,
		struct chardev *cd);
void uart_destroy(struct uart *u);
void uart_reset(struct uart *u);
const struct bus_dev *uart_bus_dev(struct uart *u);
/*
 * Its state as one record "uart" (base/record.h); loading it (before the
 * vCPUs run) drives the interrupt line to the saved level. 0 or -errno;
 * -EPROTO with the reader's error set.
 */
int uart_save(struct uart *u, struct rec_writer *w);
int uart_load(struct uart *u, struct rec_reader *r);
/* Adds serial@base below @parent (the /soc node). */
int uart_fdt(struct uart *u, void *fdt, int parent, uint32_t plic_phandle);

#endif
