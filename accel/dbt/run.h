/* SPDX-License-Identifier: MIT */
/*
 * The emulated hart's execution engine (run.c): runs a hart until
 * something must leave vcpu_run.
 */
#ifndef HVRUN_DBT_RUN_H
#define HVRUN_DBT_RUN_H

#include "accel/dbt/hart.h"

/* Why dbt_run returned. */
enum dbt_stop {
	DBT_STOP_KICK,
	DBT_STOP_SBI,
	DBT_STOP_HTIF,
	DBT_STOP_DEBUG, /* h->hit says why */
};

enum dbt_stop dbt_run(struct dbt_hart *h);

#endif
