/* SPDX-License-Identifier: MIT */
/* The emulated hart's whole state as one record (accel/accel.h). */
#ifndef HVRUN_DBT_STATE_H
#define HVRUN_DBT_STATE_H

#include "accel/accel.h"
#include "accel/dbt/hart.h"

int dbt_hart_get_state(struct dbt_hart *h, struct accel_hart_state *st);
int dbt_hart_set_state(struct dbt_hart *h, const struct accel_hart_state *st);

#endif
