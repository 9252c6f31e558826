// SPDX-License-Identifier: MIT
/*
 * Goldfish RTC, the register interface of the Android emulator's
 * "goldfish" timer as Linux's drivers/rtc/rtc-goldfish.c drives it:
 *
 *   0x00 TIME_LOW         read: low 32 bits of now, latches TIME_HIGH
 *   0x04 TIME_HIGH        read: high 32 bits as of the last TIME_LOW read
 *   0x08 ALARM_LOW        write: low bits of the alarm, and arms it
 *   0x0c ALARM_HIGH       high bits of the alarm
 *   0x10 IRQ_ENABLED      bit 0 lets a fired alarm raise the line
 *   0x14 CLEAR_ALARM      write: disarms the alarm
 *   0x18 ALARM_STATUS     read: 1 while the alarm is armed
 *   0x1c CLEAR_INTERRUPT  write: acknowledges a fired alarm
 *
 * Writing either TIME half moves the clock so that half reads as written.
 */
#include "devices/rtc.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "devices/devfdt.h"
#include "base/clock.h"
#include "base/record.h"
#include "base/timer.h"

enum {
	REG_TIME_LOW = 0x00,
	REG_TIME_HIGH = 0x04,
	REG_ALARM_LOW = 0x08,
	REG_ALARM_HIGH = 0x0c,
	REG_IRQ_ENABLED = 0x10,
	REG_CLEAR_ALARM = 0x14,
	REG_ALARM_STATUS = 0x18,
	REG_CLEAR_INTERRUPT = 0x1c,
};

struct rtc {
	struct bus_dev dev;
	pthread_mutex_t lock;
	struct irq_line irq;
	struct timer timer;
	uint64_t offset;    /* guest time - host CLOCK_REALTIME, modulo 2^64 */
	uint32_t time_high; /* latched by reading TIME_LOW */
	uint64_t alarm;
	bool armed, irq_enabled, irq_pending;
	int level;
};

static uint64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void update_irq(struct rtc *r)
{
	int level = r->irq_pending && r->irq_enabled;

	if (level != r->level) {
		r->level = level;
		irq_set(&r->irq, level);
	}
}

/* Fires the alarm if it is due, else (re)arms the timer. Lock held. */
static void check_alarm(struct rtc *r)
{
	uint64_t now = realtime_ns() + r->offset, mono, delta;

	if (!r->armed) {
		timer_disarm(&r->timer);
		return;
	}
	if (now >= r->alarm) {
		r->armed = false;
		r->irq_pending = true;
		timer_disarm(&r->timer);
		update_irq(r);
		return;
	}
	/*
	 * The alarm is on the guest's wall clock; the timer runs on the
	 * monotonic one. If the host's wall clock steps meanwhile, the
	 * callback finds the alarm not yet due and comes back here.
	 */
	mono = clock_now_ns();
	delta = r->alarm - now;
	timer_arm(&r->timer,
		  delta > UINT64_MAX - mono ? UINT64_MAX : mono + delta);
}

static void alarm_due(void *opaque)
{
	struct rtc *r = opaque;

	pthread_mutex_lock(&r->lock);
	check_alarm(r);
	pthread_mutex_unlock(&r->lock);
}

static uint64_t rtc_read(void *opaque, uint64_t off, unsigned size)
{
	struct rtc *r = opaque;
	uint64_t now;
	uint32_t v = 0;

	pthread_mutex_lock(&r->lock);
	switch (off) {
	case REG_TIME_LOW:
		now = realtime_ns() + r->offset;
		r->time_high = now >> 32;
		v = now;
		break;
	case REG_TIME_HIGH:
		v = r->time_high;
		break;
	case REG_ALARM_LOW:
		v = r->alarm;
		break;
	case REG_ALARM_HIGH:
		v = r->alarm >> 32;
		break;
	case REG_IRQ_ENABLED:
		v = r->irq_enabled;
		break;
	case REG_ALARM_STATUS:
		v = r->armed;
		break;
	}
	pthread_mutex_unlock(&r->lock);
	return v;
}

static void rtc_write(void *opaque, uint64_t off, uint64_t val64, unsigned size)
{
	struct rtc *r = opaque;
	uint32_t val = val64;
	uint64_t host, now;

	pthread_mutex_lock(&r->lock);
	switch (off) {
	case REG_TIME_LOW:
	case REG_TIME_HIGH:
		host = realtime_ns();
		now = host + r->offset;
		if (off == REG_TIME_LOW)
			now = (now & ~0xffffffffULL) | val;
		else
			now = (now & 0xffffffffULL) | (uint64_t)val << 32;
		r->offset = now - host;
		check_alarm(r);
		break;
	case REG_ALARM_LOW:
		r->alarm = (r->alarm & ~0xffffffffULL) | val;
		r->armed = true;
		check_alarm(r);
		break;
	case REG_ALARM_HIGH:
		r->alarm = (r->alarm & 0xffffffffULL) | (uint64_t)val << 32;
		break;
	case REG_IRQ_ENABLED:
		r->irq_enabled = val & 1;
		update_irq(r);
		break;
	case REG_CLEAR_ALARM:
		r->armed = false;
		check_alarm(r);
		break;
	case REG_CLEAR_INTERRUPT:
		r->irq_pending = false;
		update_irq(r);
		break;
	}
	pthread_mutex_unlock(&r->lock);
}

static const struct bus_dev_ops rtc_ops = {
	.read = rtc_read,
	.write = rtc_write,
	.min_size = 4,
	.max_size = 4,
};

void rtc_reset(struct rtc *r)
{
	pthread_mutex_lock(&r->lock);
	r->offset = 0;
	r->time_high = 0;
	r->alarm = 0;
	r->armed = r->irq_enabled = r->irq_pending = false;
	timer_disarm(&r->timer);
	r->level = 0;
	irq_set(&r->irq, 0);
	pthread_mutex_unlock(&r->lock);
}

int rtc_create(struct rtc **out, uint64_t base, struct irq_line irq,
	       struct timer_service *ts)
{
	struct rtc *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return -ENOMEM;
	err = pthread_mutex_init(&r->lock, NULL);
	if (err) {
		free(r);
		return -err;
	}
	r->irq = irq;
	timer_init(&r->timer, ts, alarm_due, r);
	r->dev = (struct bus_dev){
		.base = base,
		.len = RTC_SIZE,
		.name = "rtc",
		.ops = &rtc_ops,
		.opaque = r,
	};
	*out = r;
	return 0;
}

void rtc_destroy(struct rtc *r)
{
	if (!r)
		return;
	/* Without the lock: cancel waits for a callback that takes it. */
	timer_cancel(&r->timer);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

enum {
	RTC_REC_VERSION = 1,
	K_OFFSET = 1,
	K_TIME_HIGH,
	K_ALARM,
	K_ARMED,
	K_IRQ_ENABLED,
	K_IRQ_PENDING,
	K_LEVEL,
};

int rtc_save(struct rtc *r, struct rec_writer *w)
{
	pthread_mutex_lock(&r->lock);
	rec_begin(w, "rtc", RTC_REC_VERSION);
	rec_u64(w, K_OFFSET, r->offset);
	rec_u64(w, K_TIME_HIGH, r->time_high);
	rec_u64(w, K_ALARM, r->alarm);
	rec_u64(w, K_ARMED, r->armed);
	rec_u64(w, K_IRQ_ENABLED, r->irq_enabled);
	rec_u64(w, K_IRQ_PENDING, r->irq_pending);
	rec_u64(w, K_LEVEL, r->level);
	pthread_mutex_unlock(&r->lock);
	return rec_end(w);
}

int rtc_load(struct rtc *r, struct rec_reader *rd)
{
	uint64_t offset, alarm;
	uint32_t time_high;
	bool armed, enabled, pending, level;
	struct rec rec;
	int ret;

	ret = rec_next(rd, "rtc", RTC_REC_VERSION, &rec);
	ret = ret ?: rec_get_u64(&rec, K_OFFSET, &offset);
	ret = ret ?: rec_get_u32(&rec, K_TIME_HIGH, &time_high);
	ret = ret ?: rec_get_u64(&rec, K_ALARM, &alarm);
	ret = ret ?: rec_get_bool(&rec, K_ARMED, &armed);
	ret = ret ?: rec_get_bool(&rec, K_IRQ_ENABLED, &enabled);
	ret = ret ?: rec_get_bool(&rec, K_IRQ_PENDING, &pending);
	ret = ret ?: rec_get_bool(&rec, K_LEVEL, &level);
	if (ret)
		return ret;
	pthread_mutex_lock(&r->lock);
	r->offset = offset;
	r->time_high = time_high;
	r->alarm = alarm;
	r->armed = armed;
	r->irq_enabled = enabled;
	r->irq_pending = pending;
	r->level = level;
	irq_set(&r->irq, level);
	check_alarm(r);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

const struct bus_dev *rtc_bus_dev(struct rtc *r)
{
	return &r->dev;
}

int rtc_fdt(struct rtc *r, void *fdt, int parent, uint32_t plic_phandle)
{
	int node, err;

	node = devfdt_node(fdt, parent, "rtc", r->dev.base);
	if (node < 0)
		return devfdt_err(node);
	err = fdt_setprop_u32(fdt, node, "interrupts", r->irq.line);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "interrupt-parent",
				      plic_phandle);
	if (!err)
		err = devfdt_reg(fdt, node, r->dev.base, r->dev.len);
	if (!err)
		err = fdt_setprop_string(fdt, node, "compatible",
					 "google,goldfish-rtc");
	return devfdt_err(err);
}
