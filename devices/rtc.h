/* SPDX-License-Identifier: MIT */
/*
 * The goldfish real-time clock ("google,goldfish-rtc"): nanoseconds since
 * the Unix epoch from the host's CLOCK_REALTIME, and one alarm.
 */
#ifndef HVRUN_RTC_H
#define HVRUN_RTC_H

#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"

#define RTC_SIZE 0x1000

struct rtc;
struct rec_writer;
struct rec_reader;
struct timer_service;

/* @irq's .line is also the number written in the FDT. */
int rtc_create(struct rtc **out, uint64_t base, struct irq_line irq,
	       struct timer_service *ts);
void rtc_destroy(struct rtc *r);
void rtc_reset(struct rtc *r);
const struct bus_dev *rtc_bus_dev(struct rtc *r);
/* Adds rtc@base below @parent. */
/*
 * Its state as one record "rtc" (base/record.h). The guest's wall clock
 * keeps its distance from the host's; loading re-arms the alarm and
 * drives the line. 0, -errno, -EPROTO with the reader's error set.
 */
int rtc_save(struct rtc *r, struct rec_writer *w);
int rtc_load(struct rtc *r, struct rec_reader *rd);
int rtc_fdt(struct rtc *r, void *fdt, int parent, uint32_t plic_phandle);

#endif
